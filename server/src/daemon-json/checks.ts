// The daemon.json checks a JSON schema cannot express: addresses, CIDR ranges and their overlaps, registry schemes,
// TLS options that need each other, log option values, removed keys. Structure (unknown keys, JSON types, enums) is
// the contributed schema's job (schema.ts), so VS Code's JSON support and Berth never report the same thing twice.
//
// Each check belongs to one of two families, and the oracle layer holds each to the real dockerd:
// - 'validate': `dockerd --validate` refuses the file;
// - 'start': `--validate` passes, but dockerd refuses to start;
// - 'containers': dockerd starts, but every container that uses the setting fails to start (log option values are
//   parsed only when a container's logger is created);
// - 'advice': dockerd works, but not as the file's author expects.
import * as l10n from '@vscode/l10n';
import { isIP } from 'node:net';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LOG_OPTS_BY_DRIVER, MAP_OPTIONS, REMOVED_OPTIONS } from './options';
import { hostFlags } from './unit';
import { cidrContains, cidrsOverlap, parseCidr, type Cidr } from './cidr';

export type CheckFamily = 'validate' | 'start' | 'containers' | 'advice';

export interface DaemonJsonIssue {
  code: string;
  family: CheckFamily;
  severity: DiagnosticSeverity;
  message: string;
  /** Offset range in the text. */
  start: number;
  end: number;
  /** A replacement for [start, end) that fixes the issue, when one is clear. */
  fix?: { title: string; newText: string };
}

const DNS_SEARCH =
  /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$/;
const LOG_LEVELS = ['panic', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];
// docker/go-units RAMInBytes and FromHumanSize, which log-opts max-size and default-shm-size go through.
const SIZE = /^[0-9]+(\.[0-9]+)? ?[kKmMgGtTpP]?[iI]?[bB]?$/;
// Drivers whose options dockerd checks when it starts: an unknown key stops it.
const STRICT_LOG_DRIVERS = new Set(['json-file', 'local']);

class Collector {
  readonly issues: DaemonJsonIssue[] = [];
  add(
    node: Node,
    code: string,
    family: CheckFamily,
    severity: DiagnosticSeverity,
    message: string,
    fix?: DaemonJsonIssue['fix'],
  ) {
    this.issues.push({ code, family, severity, message, start: node.offset, end: node.offset + node.length, fix });
  }
  error(node: Node, code: string, family: CheckFamily, message: string, fix?: DaemonJsonIssue['fix']) {
    this.add(node, code, family, DiagnosticSeverity.Error, message, fix);
  }
  warning(node: Node, code: string, message: string, fix?: DaemonJsonIssue['fix']) {
    this.add(node, code, 'advice', DiagnosticSeverity.Warning, message, fix);
  }
}

const MAP_OPTION = new Set(MAP_OPTIONS);
const PROXY_KEYS = new Set(['http-proxy', 'https-proxy', 'no-proxy']);

/**
 * The options whose values dockerd reads: the top-level keys, and the proxy settings inside `proxies`. Any other
 * object is a grouping: dockerd checks that the names inside are options, then ignores the values.
 */
function options(root: Node): Map<string, { key: Node; value: Node }> {
  const out = new Map<string, { key: Node; value: Node }>();
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value || typeof key.value !== 'string') continue;
    if (key.value === 'proxies' && value.type === 'object')
      for (const inner of value.children ?? []) {
        const [k, v] = inner.children ?? [];
        if (k && v && PROXY_KEYS.has(k.value as string)) out.set(k.value as string, { key: k, value: v });
      }
    else if (!PROXY_KEYS.has(key.value)) out.set(key.value, { key, value });
  }
  return out;
}

const strings = (node: Node | undefined): Node[] =>
  node?.type === 'array' ? (node.children ?? []).filter((n) => n.type === 'string') : [];
const str = (node: Node | undefined): string | undefined =>
  node?.type === 'string' ? (node.value as string) : undefined;

/** What is known about the service that starts this engine. */
export type EngineUnit =
  | { kind: 'local'; path: string; execStart?: string }
  /** The file is not the local engine's, or its unit could not be read. */
  | { kind: 'unknown' };

export function checkDaemonJson(text: string, unit: EngineUnit = { kind: 'unknown' }): DaemonJsonIssue[] {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  if (!root || root.type !== 'object') return [];
  const c = new Collector();
  const opts = options(root);
  const get = (key: string) => opts.get(key)?.value;

  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || typeof key.value !== 'string') continue;
    const removed = REMOVED_OPTIONS[key.value];
    if (removed) {
      const instead = removed.replacement ? l10n.t('; use "{0}"', removed.replacement) : '';
      c.error(
        key,
        'removed-option',
        'validate',
        l10n.t(
          '"{0}" was removed in Docker {1}: dockerd refuses to start with it{2}.',
          key.value,
          removed.since,
          instead,
        ),
        removed.replacement
          ? { title: l10n.t('Rename to "{0}"', removed.replacement), newText: JSON.stringify(removed.replacement) }
          : undefined,
      );
    } else if (value?.type === 'object' && key.value !== 'proxies' && !MAP_OPTION.has(key.value))
      c.warning(
        key,
        'grouping-object',
        l10n.t(
          'dockerd checks the names inside "{0}" but ignores their values: move these options to the top level.',
          key.value,
        ),
      );
    if (value?.type === 'null')
      c.add(
        value,
        'null-value',
        'advice',
        DiagnosticSeverity.Hint,
        l10n.t('null leaves "{0}" at its default; remove the line instead.', key.value),
      );
  }

  // Addresses dockerd parses while reading the file.
  for (const key of ['ip', 'default-gateway', 'default-gateway-v6', 'host-gateway-ip']) {
    const node = get(key);
    const value = str(node);
    if (node && value !== undefined && value !== '' && !isIP(value))
      c.error(node, 'invalid-ip', 'validate', l10n.t('"{0}" is not an IP address: dockerd refuses the file.', value));
  }
  for (const node of strings(get('dns')))
    if (!isIP(node.value))
      c.error(
        node,
        'invalid-ip',
        'validate',
        l10n.t('DNS servers must be IP addresses; "{0}" is not one.', node.value),
      );
  for (const node of strings(get('dns-search'))) {
    const domain = (node.value as string).replace(/\.$/, '');
    if (domain !== '' && (domain.length > 255 || !DNS_SEARCH.test(domain)))
      c.error(node, 'invalid-dns-search', 'validate', l10n.t('"{0}" is not a valid search domain.', node.value));
  }
  const level = get('log-level');
  if (str(level) && !LOG_LEVELS.includes(str(level)!.toLowerCase()))
    c.error(
      level!,
      'invalid-log-level',
      'validate',
      l10n.t('Unknown log level "{0}": use one of {1}.', String(str(level)), LOG_LEVELS.join(', ')),
    );

  checkLabels(c, strings(get('labels')));
  checkGenericResources(c, strings(get('node-generic-resources')));
  checkHosts(c, strings(get('hosts')), get('tlsverify')?.value === true || get('tls')?.value === true, unit);
  checkTls(c, opts);
  checkRegistries(c, strings(get('registry-mirrors')), strings(get('insecure-registries')));
  checkNetworks(c, get('bip'), get('fixed-cidr'), get('fixed-cidr-v6'), get('default-address-pools'));
  checkLogOpts(c, str(get('log-driver')) ?? 'json-file', get('log-opts'));

  const dataRoot = get('data-root');
  if (str(dataRoot) && !str(dataRoot)!.startsWith('/'))
    c.warning(
      dataRoot!,
      'relative-data-root',
      l10n.t(
        'data-root should be an absolute path; "{0}" depends on the directory dockerd happens to start in.',
        String(str(dataRoot)),
      ),
    );
  return c.issues;
}

function checkLabels(c: Collector, labels: Node[]) {
  const seen = new Map<string, string>();
  for (const node of labels) {
    const label = node.value as string;
    const eq = label.indexOf('=');
    if (eq < 0) c.error(node, 'invalid-label', 'validate', l10n.t('Labels are "key=value"; "{0}" has no "=".', label));
    else if (/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/i.test(label))
      c.error(
        node,
        'invalid-label',
        'validate',
        l10n.t('The com.docker.*, io.docker.* and org.dockerproject.* label namespaces are reserved for Docker.'),
      );
    else {
      const key = label.slice(0, eq);
      const value = label.slice(eq + 1);
      const before = seen.get(key);
      if (before !== undefined && before !== value)
        c.error(
          node,
          'conflicting-label',
          'validate',
          l10n.t('Label "{0}" is set twice with different values: dockerd refuses the file.', key),
        );
      seen.set(key, value);
    }
  }
}

/** dockerd's integers: optional sign and digits within int64 (a longer number is read as a name). */
const DISCRETE = /^[+-]?\d+$/;
const isDiscrete = (value: string) => DISCRETE.test(value) && BigInt.asIntN(64, BigInt(value)) === BigInt(value);

/**
 * Swarm generic resources, as dockerd parses them when it loads the file: each entry is NAME=VALUE (exactly one "=",
 * spaces trimmed); an integer VALUE is a count (not negative), any other a named resource; a name given several
 * times lists named resources, so none of its values may be a count.
 */
function checkGenericResources(c: Collector, entries: Node[]) {
  const byName = new Map<string, { node: Node; value: string }[]>();
  for (const node of entries) {
    const entry = node.value as string;
    const parts = entry.split('=');
    if (parts.length !== 2) {
      c.error(
        node,
        'invalid-generic-resource',
        'validate',
        l10n.t('A generic resource is "NAME=VALUE" with one "=", e.g. "gpu=2" or "gpu=UUID1"; "{0}" is not.', entry),
      );
      continue;
    }
    const name = parts[0]!.trim();
    const value = parts[1]!.trim();
    if (isDiscrete(value) && BigInt(value) < 0n)
      c.error(
        node,
        'invalid-generic-resource',
        'validate',
        l10n.t('Generic resource "{0}" cannot be negative: dockerd refuses the file.', name),
      );
    const uses = byName.get(name) ?? [];
    uses.push({ node, value });
    byName.set(name, uses);
  }
  for (const [name, uses] of byName)
    if (uses.length > 1 && uses.some((u) => isDiscrete(u.value)))
      for (const { node } of uses)
        c.error(
          node,
          'invalid-generic-resource',
          'validate',
          l10n.t(
            'Generic resource "{0}" is given several times, so it lists named resources; a count ("{0}=2") must be its only entry.',
            name,
          ),
        );
}

function checkHosts(c: Collector, hosts: Node[], tls: boolean, unit: EngineUnit) {
  for (const node of hosts) {
    const host = (node.value as string).trim();
    if (host === '') continue;
    const cut = host.indexOf('://');
    const proto = cut < 0 ? 'tcp' : host.slice(0, cut);
    const addr = cut < 0 ? host : host.slice(cut + 3);
    if (!['tcp', 'unix', 'npipe', 'fd'].includes(proto)) {
      c.error(
        node,
        'invalid-host',
        'validate',
        l10n.t('Unsupported socket "{0}://": use unix://, tcp:// or fd://.', proto),
      );
      continue;
    }
    if (proto === 'tcp') {
      const port = /:(\d*)$/.exec(addr.replace(/\/$/, ''))?.[1];
      if (port !== undefined && port !== '' && Number(port) > 65535)
        c.error(node, 'invalid-host', 'validate', l10n.t('Port {0} is out of range.', port));
      else if (!tls && !/^(127\.|localhost|\[::1\])/.test(addr))
        c.warning(
          node,
          'tcp-without-tls',
          l10n.t(
            'This socket has no TLS: anyone who can reach {0} gets root on this machine. Set "tlsverify" with tlscacert, tlscert and tlskey, or listen on 127.0.0.1.',
            addr || 'it',
          ),
        );
    }
  }
  const hostsKey = hosts[0]?.parent;
  if (!hostsKey) return;
  if (unit.kind === 'unknown') {
    c.add(
      hostsKey,
      'hosts-and-unit-flag',
      'advice',
      DiagnosticSeverity.Information,
      l10n.t(
        '"hosts" conflicts with -H on dockerd\'s command line (the usual docker.service passes -H fd://), and dockerd then refuses to start. Berth cannot see the service of the engine this file configures: check it with `systemctl cat docker`.',
      ),
    );
    return;
  }
  const flags = unit.execStart ? hostFlags(unit.execStart) : [];
  if (flags.length > 0)
    c.error(
      hostsKey,
      'hosts-and-unit-flag',
      'start',
      l10n.t(
        '{0} starts dockerd with -H {1}: with "hosts" here too, dockerd refuses to start. Move the sockets into one place: drop -H with a drop-in (systemctl edit docker: an empty ExecStart= line, then ExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock), or remove "hosts".',
        unit.path,
        flags.join(' -H '),
      ),
    );
}

function checkTls(c: Collector, opts: Map<string, { key: Node; value: Node }>) {
  const verify = opts.get('tlsverify');
  const tls = opts.get('tls');
  const on = (o?: { value: Node }) => o?.value.value === true;
  if (!on(verify) && !on(tls)) return;
  const which = (on(verify) ? verify : tls)!;
  const needed = on(verify) ? ['tlscacert', 'tlscert', 'tlskey'] : ['tlscert', 'tlskey'];
  const missing = needed.filter((k) => !str(opts.get(k)?.value));
  if (missing.length > 0)
    c.error(
      which.key,
      'tls-incomplete',
      'validate',
      l10n.t(
        '"{0}" needs {1}: without them dockerd cannot load its certificate and refuses to start.',
        which.key.value,
        missing.join(', '),
      ),
    );
}

function checkRegistries(c: Collector, mirrors: Node[], insecure: Node[]) {
  for (const node of mirrors) {
    const value = node.value as string;
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
    if (!scheme)
      c.error(
        node,
        'mirror-without-scheme',
        'start',
        l10n.t('A registry mirror needs its scheme: dockerd refuses to start with "{0}".', value),
        { title: l10n.t('Use "https://{0}"', value), newText: JSON.stringify(`https://${value}`) },
      );
    else if (scheme !== 'http' && scheme !== 'https')
      c.error(
        node,
        'mirror-without-scheme',
        'start',
        l10n.t('A registry mirror is reached over http:// or https://, not {0}://.', scheme),
      );
  }
  for (const node of insecure) {
    const value = node.value as string;
    const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(value);
    if (!match) {
      if (value.includes('/') && !parseCidr(value))
        c.error(
          node,
          'invalid-insecure-registry',
          'start',
          l10n.t('"{0}" is neither host[:port] nor a CIDR range.', value),
        );
      continue;
    }
    const bare = value.slice(match[0].length);
    if (/^https?$/i.test(match[1]!))
      c.add(
        node,
        'insecure-registry-scheme',
        'advice',
        DiagnosticSeverity.Warning,
        l10n.t('Insecure registries are written without a scheme: dockerd strips "{0}" and logs a warning.', match[0]),
        { title: l10n.t('Use "{0}"', bare), newText: JSON.stringify(bare) },
      );
    else
      c.error(
        node,
        'insecure-registry-scheme',
        'start',
        l10n.t('Insecure registries are written as host:port, without "{0}": dockerd refuses to start.', match[0]),
        { title: l10n.t('Use "{0}"', bare), newText: JSON.stringify(bare) },
      );
  }
}

function checkNetworks(c: Collector, bipNode?: Node, fixedNode?: Node, fixed6Node?: Node, poolsNode?: Node) {
  let bip: Cidr | undefined;
  if (str(bipNode)) {
    bip = parseCidr(str(bipNode)!, { v4Only: true });
    if (!bip)
      c.error(
        bipNode!,
        'invalid-cidr',
        'start',
        l10n.t('bip is an address with its prefix length, like 192.168.200.1/24; "{0}" is not.', String(str(bipNode))),
      );
    else if (bip.hostPart === 0n)
      c.error(
        bipNode!,
        'invalid-cidr',
        'start',
        l10n.t(
          "bip is the bridge's own address, not the network: use {0}/{1} rather than {2}.",
          bip.firstHost,
          bip.prefix,
          String(str(bipNode)),
        ),
        {
          title: l10n.t('Use "{0}/{1}"', bip.firstHost, bip.prefix),
          newText: JSON.stringify(`${bip.firstHost}/${bip.prefix}`),
        },
      );
  }
  if (str(fixedNode)) {
    const fixed = parseCidr(str(fixedNode)!, { v4Only: true });
    if (!fixed)
      c.error(fixedNode!, 'invalid-cidr', 'start', l10n.t('fixed-cidr must be an IPv4 CIDR, like 192.168.200.0/25.'));
    else if (bip && !cidrContains(bip, fixed))
      c.warning(
        fixedNode!,
        'cidr-overlap',
        l10n.t(
          "fixed-cidr {0} lies outside bip's network {1}/{2}: containers on the default bridge would get addresses the bridge does not route. Pick a subnet of bip's network.",
          String(str(fixedNode)),
          bip.network,
          bip.prefix,
        ),
      );
  }
  if (str(fixed6Node) && !parseCidr(str(fixed6Node)!, { v6Only: true }))
    c.error(fixed6Node!, 'invalid-cidr', 'validate', l10n.t('fixed-cidr-v6 must be an IPv6 CIDR, like fd00:1::/64.'));
  const pools: { node: Node; cidr: Cidr }[] = [];
  for (const pool of poolsNode?.type === 'array' ? (poolsNode.children ?? []) : []) {
    const base = pool.type === 'object' ? findNodeAtLocation(pool, ['base']) : undefined;
    const size = pool.type === 'object' ? findNodeAtLocation(pool, ['size']) : undefined;
    const cidr = str(base) ? parseCidr(str(base)!) : undefined;
    if (str(base) && !cidr) c.error(base!, 'invalid-cidr', 'start', l10n.t('"{0}" is not a CIDR range.', str(base)!));
    if (cidr && typeof size?.value === 'number') {
      const max = cidr.v6 ? 128 : 32;
      if (size.value < cidr.prefix || size.value > max)
        c.error(
          size,
          'invalid-pool-size',
          'start',
          l10n.t(
            'size is the prefix length of each network cut from {0}: between {1} and {2}.',
            String(str(base)),
            cidr.prefix,
            max,
          ),
        );
    }
    if (cidr) {
      for (const other of pools)
        if (cidrsOverlap(other.cidr, cidr))
          c.warning(
            base!,
            'cidr-overlap',
            l10n.t('This pool overlaps {0}: networks cut from both can clash.', String(str(other.node))),
          );
      if (bip && cidrsOverlap(bip, cidr))
        c.warning(base!, 'cidr-overlap', l10n.t("This pool overlaps bip's network {0}/{1}.", bip.network, bip.prefix));
      pools.push({ node: base!, cidr });
    }
  }
}

function checkLogOpts(c: Collector, driver: string, logOpts?: Node) {
  if (logOpts?.type !== 'object') return;
  const known = LOG_OPTS_BY_DRIVER[driver];
  for (const property of logOpts.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value || value.type !== 'string') continue;
    const name = key.value as string;
    const text = value.value as string;
    if (known && STRICT_LOG_DRIVERS.has(driver) && !(name in known))
      c.error(
        key,
        'unknown-log-opt',
        'start',
        l10n.t(
          'The {0} log driver has no option "{1}": dockerd refuses to start. It takes {2}.',
          driver,
          name,
          Object.keys(known).join(', '),
        ),
      );
    if (name === 'max-size' && text !== '-1' && !SIZE.test(text))
      c.error(
        value,
        'invalid-size',
        'containers',
        l10n.t('max-size needs a number with a unit, like "10m" or "1g"; "{0}" is not one.', text),
      );
    if (name === 'max-file' && !/^[1-9][0-9]*$/.test(text))
      c.error(value, 'invalid-log-opt', 'containers', l10n.t('max-file is a count of files, like "3".'));
  }
}

export function toDiagnostics(document: TextDocument, issues: readonly DaemonJsonIssue[]): Diagnostic[] {
  return issues.map((i) => ({
    range: { start: document.positionAt(i.start), end: document.positionAt(i.end) },
    severity: i.severity,
    code: i.code,
    source: 'berth',
    message: i.message,
  }));
}
