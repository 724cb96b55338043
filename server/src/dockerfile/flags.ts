// What each instruction accepts as flags and which values are valid — shared by diagnostics (validation) and the
// editing features (completion, hover). Mirrors BuildKit's Dockerfile frontend (dockerfile:1 syntax).

export type FlagKind = 'string' | 'bool' | 'duration' | 'int' | 'chmod' | 'mount' | 'platform' | 'checksum' | 'enum';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
  /** Allowed values for 'enum' flags. */
  values?: readonly string[];
  /** May be given more than once (e.g. --mount, --exclude). */
  repeatable?: boolean;
}

export const FLAGS: Readonly<Record<string, readonly FlagSpec[]>> = {
  FROM: [{ name: 'platform', kind: 'platform' }],
  RUN: [
    { name: 'mount', kind: 'mount', repeatable: true },
    { name: 'network', kind: 'enum', values: ['default', 'none', 'host'] },
    { name: 'security', kind: 'enum', values: ['sandbox', 'insecure'] },
    { name: 'device', kind: 'string', repeatable: true },
  ],
  COPY: [
    { name: 'from', kind: 'string' },
    { name: 'chown', kind: 'string' },
    { name: 'chmod', kind: 'chmod' },
    { name: 'link', kind: 'bool' },
    { name: 'parents', kind: 'bool' },
    { name: 'exclude', kind: 'string', repeatable: true },
  ],
  ADD: [
    { name: 'chown', kind: 'string' },
    { name: 'chmod', kind: 'chmod' },
    { name: 'link', kind: 'bool' },
    { name: 'checksum', kind: 'checksum' },
    { name: 'keep-git-dir', kind: 'bool' },
    { name: 'exclude', kind: 'string', repeatable: true },
    { name: 'parents', kind: 'bool' },
    { name: 'unpack', kind: 'bool' },
  ],
  HEALTHCHECK: [
    { name: 'interval', kind: 'duration' },
    { name: 'timeout', kind: 'duration' },
    { name: 'start-period', kind: 'duration' },
    { name: 'start-interval', kind: 'duration' },
    { name: 'retries', kind: 'int' },
  ],
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
      return { message: `--${spec.name}= needs true or false after the "=" (or write --${spec.name} alone).` };
    return FLAG_BOOL.test(value) ? undefined : { message: `--${spec.name} takes true or false, not "${value}".` };
  }
  if (value === undefined && spec.kind !== 'mount')
    return { message: `--${spec.name} needs a value (--${spec.name}=…).` };
  if (value === '' && spec.kind !== 'mount' && spec.kind !== 'enum') return undefined;
  switch (spec.kind) {
    case 'duration':
      return value === '0' || DURATION.test(value!)
        ? undefined
        : { message: `"${value}" is not a duration: write it like 30s, 5m or 1h30m.` };
    case 'int':
      return /^[0-9]+$/.test(value!) ? undefined : { message: `--${spec.name} needs a whole number, not "${value}".` };
    case 'chmod':
      return OCTAL.test(value!) || SYMBOLIC_MODE.test(value!)
        ? undefined
        : { message: `"${value}" is not a file mode: use octal (0644, 755) or symbolic (u+x).` };
    case 'platform':
      return value && PLATFORM.test(value)
        ? undefined
        : { message: `"${value ?? ''}" is not a platform: write os/arch[/variant], e.g. linux/amd64.` };
    case 'checksum':
      return value && CHECKSUM.test(value)
        ? undefined
        : { message: `"${value ?? ''}" is not a checksum: use sha256:<64 hex digits>.` };
    case 'enum':
      return value !== undefined && spec.values!.includes(value)
        ? undefined
        : { message: `--${spec.name} must be one of ${spec.values!.join(', ')}, not "${value ?? ''}".` };
    case 'mount':
      return checkMount(value ?? '');
    default:
      return value ? undefined : { message: `--${spec.name} needs a value.` };
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
  if (!value) return { message: '--mount needs a value such as type=cache,target=/root/.cache.' };
  const fields = mountFields(value);
  const typeField = fields.find((f) => f.key === 'type');
  const type = typeField?.value ?? 'bind';
  if (!(MOUNT_TYPES as readonly string[]).includes(type))
    return {
      message: `Unknown mount type "${type}": use ${MOUNT_TYPES.join(', ')}.`,
      start: typeField?.start,
      end: typeField?.end,
    };
  const keys = MOUNT_KEYS[type];
  for (const f of fields) {
    if (!f.key) return { message: 'Empty field in --mount.', start: f.start, end: f.end };
    if (!keys.includes(f.key))
      return {
        message: `A ${type} mount has no "${f.key}" option (it takes ${keys.filter((k) => k !== 'type').join(', ')}).`,
        start: f.start,
        end: f.end,
      };
    if (f.value === undefined && !MOUNT_BOOL_KEYS.has(f.key))
      return { message: `"${f.key}" needs a value (${f.key}=…).`, start: f.start, end: f.end };
    if (f.value !== undefined && MOUNT_BOOL_KEYS.has(f.key) && !BOOL.has(f.value))
      return { message: `"${f.key}" takes true or false.`, start: f.start, end: f.end };
    if (f.key === 'sharing' && !(MOUNT_SHARING as readonly string[]).includes(f.value ?? ''))
      return { message: `sharing must be ${MOUNT_SHARING.join(', ')}.`, start: f.start, end: f.end };
    if (f.key === 'mode' && !OCTAL.test(f.value ?? '') && !/^0?[0-7]{1,4}$/.test(f.value ?? ''))
      return { message: 'mode must be octal, e.g. 0755.', start: f.start, end: f.end };
    if ((f.key === 'uid' || f.key === 'gid') && !/^[0-9]+$/.test(f.value ?? ''))
      return { message: `${f.key} must be a number.`, start: f.start, end: f.end };
  }
  if (
    (type === 'bind' || type === 'cache' || type === 'tmpfs') &&
    !fields.some((f) => f.key === 'target' || f.key === 'dst' || f.key === 'destination')
  ) {
    return { message: `A ${type} mount needs target=<path in the container>.` };
  }
  return undefined;
}

/** Levenshtein distance, for did-you-mean suggestions; stops early (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      if (prev[j] < rowMin) rowMin = prev[j];
      diag = tmp;
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length];
}

/** The closest candidate within a small distance (scaled by length), or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  return best !== undefined && bestDist <= limit && best !== word ? best : undefined;
}
