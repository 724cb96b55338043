// What each instruction accepts as flags and which values are valid — shared by diagnostics (validation) and the
// editing features (completion, hover). Mirrors BuildKit's Dockerfile frontend (dockerfile:1 syntax).
import * as l10n from '@vscode/l10n';

export type FlagKind = 'string' | 'bool' | 'duration' | 'int' | 'chmod' | 'mount' | 'platform' | 'checksum' | 'enum';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
  /** Allowed values for 'enum' flags. */
  values?: readonly string[];
  /** May be given more than once (e.g. --mount, --exclude). */
  repeatable?: boolean;
}

/** Flags that may be given more than once, whichever instruction takes them. */
const REPEATABLE = new Set(['mount', 'device', 'exclude']);

/** An instruction's flags from `name: kind`, or `name: [allowed values]` for an enum flag. */
function flags(kinds: Record<string, Exclude<FlagKind, 'enum'> | readonly string[]>): FlagSpec[] {
  return Object.entries(kinds).map(([name, kind]) => ({
    name,
    ...(typeof kind === 'string' ? { kind } : { kind: 'enum', values: kind }),
    ...(REPEATABLE.has(name) ? { repeatable: true } : {}),
  }));
}

export const FLAGS: Readonly<Record<string, readonly FlagSpec[]>> = {
  FROM: flags({ platform: 'platform' }),
  RUN: flags({
    mount: 'mount',
    network: ['default', 'none', 'host'],
    security: ['sandbox', 'insecure'],
    device: 'string',
  }),
  COPY: flags({ from: 'string', chown: 'string', chmod: 'chmod', link: 'bool', parents: 'bool', exclude: 'string' }),
  ADD: flags({
    chown: 'string',
    chmod: 'chmod',
    link: 'bool',
    checksum: 'checksum',
    'keep-git-dir': 'bool',
    exclude: 'string',
    parents: 'bool',
    unpack: 'bool',
  }),
  HEALTHCHECK: flags({
    interval: 'duration',
    timeout: 'duration',
    'start-period': 'duration',
    'start-interval': 'duration',
    retries: 'int',
  }),
};

export const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'] as const;

/** Keys each mount type accepts (aliases included); booleans may be written bare (`ro`, `required`). */
export const MOUNT_KEYS: Readonly<Record<string, readonly string[]>> = {
  bind: ['type', 'target', 'dst', 'destination', 'source', 'src', 'from', 'readonly', 'ro', 'rw', 'readwrite'],
  cache: [
    'type',
    'target',
    'dst',
    'destination',
    'source',
    'src',
    'from',
    'readonly',
    'ro',
    'rw',
    'readwrite',
    'id',
    'sharing',
    'mode',
    'uid',
    'gid',
  ],
  tmpfs: ['type', 'target', 'dst', 'destination', 'size'],
  secret: ['type', 'target', 'dst', 'destination', 'id', 'required', 'mode', 'uid', 'gid', 'env'],
  ssh: ['type', 'target', 'dst', 'destination', 'id', 'required', 'mode', 'uid', 'gid'],
};
export const MOUNT_BOOL_KEYS: ReadonlySet<string> = new Set(['readonly', 'ro', 'rw', 'readwrite', 'required']);
export const MOUNT_SHARING = ['shared', 'private', 'locked'] as const;

export function flagSpec(instruction: string, flag: string): FlagSpec | undefined {
  return FLAGS[instruction]?.find((f) => f.name === flag);
}

/** Go's strconv.ParseBool: what a --mount option such as readonly=… accepts. */
const BOOL = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
/** An instruction's boolean flag (--link, --parents…): BuildKit lower-cases the value and takes only true or false. */
const FLAG_BOOL = /^(true|false)$/i;
const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const OCTAL = /^[0-7]{3,4}$/;
const SYMBOLIC_MODE = /^[ugoa]*[-+=][rwxXst]*([-+=][rwxXst]*)*(,[ugoa]*[-+=][rwxXst]*([-+=][rwxXst]*)*)*$/;
const PLATFORM = /^[a-z0-9_.-]+(\/[a-z0-9_.-]+){0,2}$/i;
const CHECKSUM = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}|[a-f0-9]{40}|[a-f0-9]{64})$/;

export interface FlagValueProblem {
  message: string;
  /** Offset range inside the value the problem is about (whole value when absent). */
  start?: number;
  end?: number;
}

/**
 * Validates a flag's value; undefined when fine (values with variables are left to the builder). Like BuildKit's flag
 * parser: a flag that takes a value must have one (`--chown` alone is an error), but `--chown=` with nothing after
 * the `=` is a value, the empty string, which the instructions treat as if the flag were not given. Only a boolean
 * flag may stand alone, and it may not be followed by a bare `=`.
 */
export function checkFlagValue(spec: FlagSpec, value: string | undefined): FlagValueProblem | undefined {
  if (value !== undefined && value.includes('$')) return undefined;
  if (spec.kind === 'bool') {
    if (value === undefined) return undefined;
    if (value === '')
      return {
        message: l10n.t('--{0}= needs true or false after the "=" (or write --{1} alone).', spec.name, spec.name),
      };
    return FLAG_BOOL.test(value)
      ? undefined
      : { message: l10n.t('--{0} takes true or false, not "{1}".', spec.name, value) };
  }
  if (value === undefined && spec.kind !== 'mount')
    return { message: l10n.t('--{0} needs a value (--{1}=…).', spec.name, spec.name) };
  if (value === '' && spec.kind !== 'mount' && spec.kind !== 'enum') return undefined;
  switch (spec.kind) {
    case 'duration':
      return value === '0' || DURATION.test(value!)
        ? undefined
        : { message: l10n.t('"{0}" is not a duration: write it like 30s, 5m or 1h30m.', String(value)) };
    case 'int':
      return /^[0-9]+$/.test(value!)
        ? undefined
        : { message: l10n.t('--{0} needs a whole number, not "{1}".', spec.name, String(value)) };
    case 'chmod':
      return OCTAL.test(value!) || SYMBOLIC_MODE.test(value!)
        ? undefined
        : { message: l10n.t('"{0}" is not a file mode: use octal (0644, 755) or symbolic (u+x).', String(value)) };
    case 'platform':
      return value && PLATFORM.test(value)
        ? undefined
        : { message: l10n.t('"{0}" is not a platform: write os/arch[/variant], e.g. linux/amd64.', value ?? '') };
    case 'checksum':
      return value && CHECKSUM.test(value)
        ? undefined
        : { message: l10n.t('"{0}" is not a checksum: use sha256:<64 hex digits>.', value ?? '') };
    case 'enum':
      return value !== undefined && spec.values!.includes(value)
        ? undefined
        : { message: l10n.t('--{0} must be one of {1}, not "{2}".', spec.name, spec.values!.join(', '), value ?? '') };
    case 'mount':
      return checkMount(value ?? '');
    default:
      return value ? undefined : { message: l10n.t('--{0} needs a value.', spec.name) };
  }
}

export interface MountField {
  key: string;
  value?: string;
  start: number;
  end: number;
}

/** Splits a --mount value into its comma-separated fields with offsets into the value. */
export function mountFields(value: string): MountField[] {
  const out: MountField[] = [];
  let at = 0;
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    out.push(
      eq < 0
        ? { key: part.trim().toLowerCase(), start: at, end: at + part.length }
        : { key: part.slice(0, eq).trim().toLowerCase(), value: part.slice(eq + 1), start: at, end: at + part.length },
    );
    at += part.length + 1;
  }
  return out;
}

function checkMount(value: string): FlagValueProblem | undefined {
  if (!value) return { message: l10n.t('--mount needs a value such as type=cache,target=/root/.cache.') };
  const fields = mountFields(value);
  const typeField = fields.find((f) => f.key === 'type');
  const type = typeField?.value ?? 'bind';
  const keys = Object.hasOwn(MOUNT_KEYS, type) ? MOUNT_KEYS[type] : undefined;
  if (!keys)
    return {
      message: l10n.t('Unknown mount type "{0}": use {1}.', type, MOUNT_TYPES.join(', ')),
      start: typeField?.start,
      end: typeField?.end,
    };
  for (const f of fields) {
    if (!f.key) return { message: l10n.t('Empty field in --mount.'), start: f.start, end: f.end };
    if (!keys.includes(f.key))
      return {
        message: l10n.t(
          'A {0} mount has no "{1}" option (it takes {2}).',
          type,
          f.key,
          keys.filter((k) => k !== 'type').join(', '),
        ),
        start: f.start,
        end: f.end,
      };
    if (f.value === undefined && !MOUNT_BOOL_KEYS.has(f.key))
      return { message: l10n.t('"{0}" needs a value ({1}=…).', f.key, f.key), start: f.start, end: f.end };
    if (f.value !== undefined && MOUNT_BOOL_KEYS.has(f.key) && !BOOL.has(f.value))
      return { message: l10n.t('"{0}" takes true or false.', f.key), start: f.start, end: f.end };
    if (f.key === 'sharing' && !(MOUNT_SHARING as readonly string[]).includes(f.value ?? ''))
      return { message: l10n.t('sharing must be {0}.', MOUNT_SHARING.join(', ')), start: f.start, end: f.end };
    if (f.key === 'mode' && !OCTAL.test(f.value ?? '') && !/^0?[0-7]{1,4}$/.test(f.value ?? ''))
      return { message: l10n.t('mode must be octal, e.g. 0755.'), start: f.start, end: f.end };
    if ((f.key === 'uid' || f.key === 'gid') && !/^[0-9]+$/.test(f.value ?? ''))
      return { message: l10n.t('{0} must be a number.', f.key), start: f.start, end: f.end };
  }
  if (
    (type === 'bind' || type === 'cache' || type === 'tmpfs') &&
    !fields.some((f) => f.key === 'target' || f.key === 'dst' || f.key === 'destination')
  ) {
    return { message: l10n.t('A {0} mount needs target=<path in the container>.', type) };
  }
  return undefined;
}
