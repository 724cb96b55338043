// Validators of Compose value syntaxes (durations, sizes, ports, mounts, image references, policies, names).
// Each takes the literal value (after interpolation) and returns an error message, or undefined when valid.
import * as l10n from '@vscode/l10n';
import type { ValueFormat } from '../spec/types';
import { memoByString } from '../../text/string-memo';

const DURATION = /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d))+$/;
const BYTES = /^\d+(\.\d+)?\s*([kmgtpe]i?)?b?$/i;
const PROTOCOLS = ['tcp', 'udp', 'sctp'];
const MOUNT_OPTIONS = [
  'ro',
  'rw',
  'z',
  'Z',
  'shared',
  'slave',
  'private',
  'rshared',
  'rslave',
  'rprivate',
  'nocopy',
  'cached',
  'delegated',
  'consistent',
  'copy',
];

// The reference grammar of the distribution project (registry[:port]/path[:tag][@digest]), as regular expressions.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::\\d+)?';
const IMAGE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,})?$`,
);

export function checkFormat(format: ValueFormat, value: string): string | undefined {
  switch (format) {
    case 'duration':
      return DURATION.test(value) || value === '0'
        ? undefined
        : l10n.t('"{0}" is not a duration: write a number with a unit, such as 30s, 1m30s or 500ms.', value);
    case 'bytes':
      return BYTES.test(value) || value === '-1'
        ? undefined
        : l10n.t('"{0}" is not a size: write bytes or a number with a unit, such as 512m or 2g.', value);
    case 'cpus':
      return /^\d+(\.\d+)?$|^\.\d+$/.test(value)
        ? undefined
        : l10n.t('"{0}" is not a CPU count: write a number such as 0.5 or 2.', value);
    case 'restart':
      return /^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(value)
        ? undefined
        : l10n.t('"{0}" is not a restart policy: use no, always, on-failure[:max-retries] or unless-stopped.', value);
    case 'pull-policy':
      return /^(always|never|build|if_not_present|missing|refresh|daily|weekly|every_(\d+[wdhms])+)$/.test(value)
        ? undefined
        : l10n.t(
            '"{0}" is not a pull policy: use always, never, missing, build, refresh, daily, weekly or every_<n><unit>.',
            value,
          );
    case 'network-mode':
      return networkMode(value);
    case 'port':
      return portSpec(value);
    case 'volume':
      return volumeSpec(value);
    case 'image':
      return IMAGE.test(value)
        ? undefined
        : l10n.t('"{0}" is not a valid image reference: [registry/]name[:tag][@digest], with a lowercase name.', value);
    case 'project-name':
      return /^[a-z0-9][a-z0-9_-]*$/.test(value)
        ? undefined
        : l10n.t(
            '"{0}" is not a valid project name: use lowercase letters, digits, dashes and underscores, starting with a letter or digit.',
            value,
          );
    case 'container-name':
      return /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(value)
        ? undefined
        : l10n.t(
            '"{0}" is not a valid container name: letters, digits, _ . -, starting with a letter or digit.',
            value,
          );
    case 'extra-host':
      return /^[^=:\s]+[=:].+$/.test(value)
        ? undefined
        : l10n.t('"{0}" is not a host entry: write hostname=ip (or hostname:ip).', value);
    case 'device':
      return value.trim() ? undefined : l10n.t('A device needs a host path.');
    case 'port-range':
      return portRange(value, true)
        ? undefined
        : l10n.t('"{0}" is not a port or port range (0-65535, e.g. 8080 or 8000-8010).', value);
    case 'expose': {
      const [ports = '', protocol = 'tcp', ...rest] = value.split('/');
      return portRange(ports, false) && PROTOCOLS.includes(protocol) && !rest.length
        ? undefined
        : l10n.t('"{0}" is not a port to expose: write a port or range, optionally with /tcp, /udp or /sctp.', value);
    }
  }
}

function networkMode(value: string): string | undefined {
  const m = /^(service|container):(.*)$/.exec(value);
  if (m) return m[2] ? undefined : l10n.t('`{0}:` needs a {1} name after the colon.', m[1]!, m[1]!);
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(value)
    ? undefined
    : l10n.t('"{0}" is not a network mode: use bridge, host, none, service:NAME or container:NAME.', value);
}

/** A port or range "a" / "a-b"; returns [from, to] or undefined. */
function portRange(text: string, allowZero: boolean): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  const ok = (n: number) => n <= 65535 && (allowZero || n >= 1);
  return ok(from) && ok(to) && from <= to ? [from, to] : undefined;
}

export interface ParsedPort {
  hostIp: string;
  published?: [number, number];
  target: [number, number];
  protocol: string;
}

/**
 * Parses a short port syntax `[host_ip:][published:]target[/protocol]`; undefined when invalid. Every version of a
 * file asks again for every port (the conflict check compares them all), so answers are remembered; they are shared
 * and read-only.
 */
export const parsePort: (value: string) => Readonly<ParsedPort> | undefined = memoByString(readPort);

function readPort(value: string): ParsedPort | undefined {
  let rest = value;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  if (!PROTOCOLS.includes(protocol)) return undefined;
  let hostIp = '';
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(rest);
  if (v6) {
    // Both groups always take part in a match.
    hostIp = v6[1]!;
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) {
    hostIp = parts.shift()!;
    if (!/^[\d.]+$|^[0-9a-fA-F:]+$/.test(hostIp) || (hostIp.includes('.') && !validIPv4(hostIp))) return undefined;
  }
  if (parts.length > 2 || (v6 && parts.length !== 2)) return undefined;
  const target = portRange(parts.at(-1) ?? '', false);
  if (!target) return undefined;
  let published: [number, number] | undefined;
  if (parts.length === 2 && parts[0] !== '') {
    published = portRange(parts[0] ?? '', true);
    if (!published) return undefined;
    const span = (r: [number, number]) => r[1] - r[0];
    if (span(target) > 0 && span(published) !== span(target)) return undefined;
  }
  return { hostIp, published, target, protocol };
}

function validIPv4(ip: string): boolean {
  const parts = ip.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function portSpec(value: string): string | undefined {
  return parsePort(value)
    ? undefined
    : l10n.t(
        '"{0}" is not a port mapping: write [host_ip:][host_port:]container_port[/tcp|udp|sctp], ports 1-65535, ranges of equal length.',
        value,
      );
}

/** Splits a short volume syntax into source, target and mode, keeping Windows drive letters together. */
export function splitVolume(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const driveLetter =
      c === ':' && current.length === 1 && /[a-zA-Z]/.test(current) && /[\\/]/.test(value[i + 1] ?? '');
    if (c === ':' && !driveLetter) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function volumeSpec(value: string): string | undefined {
  const parts = splitVolume(value);
  const absolute = (p: string) => p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\');
  if (parts.length > 3 || parts.some((p) => p === ''))
    return l10n.t(
      '"{0}" is not a mount: write [source:]target[:options], e.g. data:/var/lib/data or ./src:/app:ro.',
      value,
    );
  const target = (parts.length === 1 ? parts[0] : parts[1]) ?? '';
  if (!absolute(target)) return l10n.t('The mount target "{0}" must be an absolute path in the container.', target);
  if (parts[2] !== undefined) {
    const bad = parts[2].split(',').filter((o) => !MOUNT_OPTIONS.includes(o));
    if (bad.length)
      return l10n.t('Unknown mount option "{0}": use ro, rw, z, Z, nocopy, or a propagation mode.', bad.join(','));
  }
  return undefined;
}
