// Finds variable references ($V, ${V}, ${V:-w}, ${V#p} …) the way BuildKit's shell lexer does: single quotes are
// literal, the escape character protects `$`, and modifier words may nest further references.
// PowerShell's `${env:X}` / `$env:X` are not references (the `:` + letter after the name is no modifier).

export interface RawRef {
  name: string;
  start: number;
  end: number;
  nameStart: number;
  modifier?: string;
  guarded: boolean;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** Operators allowed after `${NAME`; the longest ones first. */
const MODIFIERS = [':-', ':+', ':?', ':=', '##', '%%', '//', '-', '+', '?', '=', '#', '%', '/'];

/** References nested deeper than this (`${a:-${b:-…}}`) are not evaluated: the result is "unknown". */
export const MAX_NESTING = 64;
/** An expansion longer than this is "unknown": image names and paths are far shorter, and ARG chains can double. */
export const MAX_EXPANSION_LENGTH = 1 << 16;

/**
 * Where each `${` closes: its matching `}` by brace depth, escapes skipped, as the builder's lexer pairs them.
 * One pass with a stack, so that many unclosed `${a:-` cost linear time, not a rescan to the end for each.
 */
function matchBraces(text: string, from: number, to: number, escape: string): Map<number, number> {
  const close = new Map<number, number>();
  const open: number[] = [];
  for (let k = from; k < to; k++) {
    const c = text[k];
    if (c === escape) {
      k++;
      continue;
    }
    if (c === '$' && text[k + 1] === '{') {
      open.push(k);
      k++;
      continue;
    }
    if (c === '}' && open.length) close.set(open.pop()!, k);
  }
  return close;
}

/** A `${NAME op word}` being scanned: the scan goes on inside its word, up to `end` (its closing brace). */
interface Frame {
  name: string;
  start: number;
  nameStart: number;
  opAt: number;
  op: string;
  end: number;
  inDouble: boolean;
}

/**
 * References in text[from, to), nested ones (inside modifier words) before the one that holds them.
 * Iterative, with an explicit stack: nesting depth costs no call stack. `depth.max` receives the deepest nesting.
 */
export function scanReferences(
  text: string,
  from: number,
  to: number,
  escape: string,
  singleQuotesLiteral: boolean,
  depth?: { max: number },
): RawRef[] {
  const out: RawRef[] = [];
  // Brace pairs are only needed for `${NAME op word}`: computed on the first one (most references have no word).
  let braces: Map<number, number> | undefined;
  const frames: Frame[] = [];
  let inDouble = false;
  let limit = to;
  let i = from;
  for (;;) {
    if (i >= limit) {
      const f = frames.pop();
      if (!f) break;
      // Completion order puts nested references before the one that holds them.
      out.push({
        name: f.name,
        start: f.start,
        end: f.end + 1,
        nameStart: f.nameStart,
        modifier: text.slice(f.opAt, f.end),
        guarded: /^:?[-+?=]$/.test(f.op),
      });
      inDouble = f.inDouble;
      limit = frames.at(-1)?.end ?? to;
      i = f.end + 1;
      continue;
    }
    const c = text[i];
    if (c === escape) {
      i += 2;
      continue;
    }
    if (singleQuotesLiteral && !inDouble && c === "'") {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= limit ? limit : close + 1;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (c !== '$') {
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '{') {
      const nameStart = i + 2;
      if (!NAME_START.test(text[nameStart] ?? '')) {
        i += 2;
        continue;
      }
      let j = nameStart;
      while (j < limit && NAME_CHAR.test(text.charAt(j))) j++;
      const name = text.slice(nameStart, j);
      if (text[j] === '}' && j < limit) {
        out.push({ name, start: i, end: j + 1, nameStart, guarded: false });
        i = j + 1;
        continue;
      }
      const op = MODIFIERS.find((m) => text.startsWith(m, j));
      const end = op ? (braces ??= matchBraces(text, from, to, escape)).get(i) : undefined;
      if (!op || end === undefined || end >= limit || end < j + op.length) {
        i += 2;
        continue;
      }
      frames.push({ name, start: i, nameStart, opAt: j, op, end, inDouble });
      if (depth && frames.length > depth.max) depth.max = frames.length;
      // The modifier word is scanned afresh: quotes outside it do not carry in.
      inDouble = false;
      limit = end;
      i = j + op.length;
      continue;
    }
    if (next !== undefined && NAME_START.test(next) && i + 1 < limit) {
      let j = i + 1;
      while (j < limit && NAME_CHAR.test(text.charAt(j))) j++;
      // `$env:Path` is PowerShell, not a reference to `env`.
      if (!(text[j] === ':' && j + 1 < limit && /[A-Za-z]/.test(text.charAt(j + 1)))) {
        out.push({ name: text.slice(i + 1, j), start: i, end: j, nameStart: i + 1, guarded: false });
      }
      i = j;
      continue;
    }
    i++;
  }
  return out;
}

/**
 * Expands references in `word` with `lookup` (undefined = unset), following the modifiers' shell semantics.
 * Used to evaluate FROM images and ARG defaults; not a full shell (no pattern globbing beyond literal prefixes/suffixes).
 * Undefined when the result would be longer than MAX_EXPANSION_LENGTH or nests deeper than MAX_NESTING: callers
 * treat that as "unknown", which bounds the work on any input (a doubling ARG chain, a self-referencing ARG).
 */
export function expandWord(
  word: string,
  escape: string,
  lookup: (name: string) => string | undefined,
  depth = 0,
): string | undefined {
  if (depth > MAX_NESTING) return undefined;
  const all = scanReferences(word, 0, word.length, escape, true);
  // Only the outermost references: a nested one is evaluated (or not) by the modifier that holds it.
  const refs: RawRef[] = [];
  for (const r of all) {
    while ((refs.at(-1)?.start ?? -1) > r.start) refs.pop();
    refs.push(r);
  }
  let out = '';
  let at = 0;
  for (const r of refs) {
    out += word.slice(at, r.start);
    const piece = evaluate(r, escape, lookup, depth);
    if (piece === undefined) return undefined;
    out += piece;
    if (out.length > MAX_EXPANSION_LENGTH) return undefined;
    at = r.end;
  }
  out += word.slice(at);
  return out.length > MAX_EXPANSION_LENGTH ? undefined : stripQuotes(out);
}

function evaluate(
  r: RawRef,
  escape: string,
  lookup: (name: string) => string | undefined,
  depth: number,
): string | undefined {
  const v = lookup(r.name);
  if (!r.modifier) return v ?? '';
  const op = MODIFIERS.find((m) => r.modifier!.startsWith(m))!;
  // The word is only expanded when the operator uses it.
  const arg = () => expandWord(r.modifier!.slice(op.length), escape, lookup, depth + 1);
  switch (op) {
    case ':-':
    case ':=':
      return v ? v : arg();
    case '-':
    case '=':
      return v !== undefined ? v : arg();
    case ':+':
      return v ? arg() : '';
    case '+':
      return v !== undefined ? arg() : '';
    case '#':
    case '##': {
      if (v === undefined) return '';
      const a = arg();
      return a === undefined ? undefined : a && v.startsWith(a) ? v.slice(a.length) : v;
    }
    case '%':
    case '%%': {
      if (v === undefined) return '';
      const a = arg();
      return a === undefined ? undefined : a && v.endsWith(a) ? v.slice(0, v.length - a.length) : v;
    }
    default:
      return v ?? '';
  }
}

/** Removes one level of surrounding quotes from each quoted run (`"a b"c` → `a bc`). */
export function stripQuotes(s: string): string {
  if (!s.includes('"') && !s.includes("'")) return s;
  let out = '';
  let quote = '';
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = '';
      else out += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    out += c;
  }
  return out;
}
