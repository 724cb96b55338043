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

export function scanReferences(text: string, from: number, to: number, escape: string, singleQuotesLiteral: boolean): RawRef[] {
  const out: RawRef[] = [];
  let i = from;
  let inDouble = false;
  while (i < to) {
    const c = text[i];
    if (c === escape) { i += 2; continue; }
    if (singleQuotesLiteral && !inDouble && c === "'") {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= to ? to : close + 1;
      continue;
    }
    if (c === '"') { inDouble = !inDouble; i++; continue; }
    if (c !== '$') { i++; continue; }
    const next = text[i + 1];
    if (next === '{') {
      const ref = braced(text, i, to, escape, out, singleQuotesLiteral);
      if (ref) { out.push(ref); i = ref.end; } else i += 2;
      continue;
    }
    if (next !== undefined && NAME_START.test(next) && i + 1 < to) {
      let j = i + 1;
      while (j < to && NAME_CHAR.test(text[j])) j++;
      // `$env:Path` is PowerShell, not a reference to `env`.
      if (!(text[j] === ':' && j + 1 < to && /[A-Za-z]/.test(text[j + 1]))) {
        out.push({ name: text.slice(i + 1, j), start: i, end: j, nameStart: i + 1, guarded: false });
      }
      i = j;
      continue;
    }
    i++;
  }
  return out;
}

function braced(text: string, i: number, to: number, escape: string, nested: RawRef[], sq: boolean): RawRef | undefined {
  const nameStart = i + 2;
  if (!NAME_START.test(text[nameStart] ?? '')) return undefined;
  let j = nameStart;
  while (j < to && NAME_CHAR.test(text[j])) j++;
  const name = text.slice(nameStart, j);
  if (text[j] === '}') return { name, start: i, end: j + 1, nameStart, guarded: false };
  const op = MODIFIERS.find((m) => text.startsWith(m, j));
  if (!op) return undefined;
  // The modifier word runs to the matching brace; nested ${…} are counted.
  let k = j + op.length;
  let depth = 1;
  while (k < to) {
    const c = text[k];
    if (c === escape) { k += 2; continue; }
    if (c === '$' && text[k + 1] === '{') { depth++; k += 2; continue; }
    if (c === '}') { depth--; if (depth === 0) break; }
    k++;
  }
  if (depth !== 0) return undefined;
  for (const r of scanReferences(text, j + op.length, k, escape, sq)) nested.push(r);
  const guarded = /^:?[-+?=]$/.test(op);
  return { name, start: i, end: k + 1, nameStart, modifier: text.slice(j, k), guarded };
}

/**
 * Expands references in `word` with `lookup` (undefined = unset), following the modifiers' shell semantics.
 * Used to evaluate FROM images and ARG defaults; not a full shell (no pattern globbing beyond literal prefixes/suffixes).
 */
export function expandWord(word: string, escape: string, lookup: (name: string) => string | undefined): string {
  const refs = scanReferences(word, 0, word.length, escape, true).filter((r, idx, all) => !all.some((o, oi) => oi !== idx && o.start < r.start && o.end >= r.end));
  let out = '';
  let at = 0;
  for (const r of refs) {
    out += word.slice(at, r.start);
    out += evaluate(r, escape, lookup);
    at = r.end;
  }
  return stripQuotes(out + word.slice(at));
}

function evaluate(r: RawRef, escape: string, lookup: (name: string) => string | undefined): string {
  const v = lookup(r.name);
  if (!r.modifier) return v ?? '';
  const op = MODIFIERS.find((m) => r.modifier!.startsWith(m))!;
  const arg = expandWord(r.modifier.slice(op.length), escape, lookup);
  switch (op) {
    case ':-': case ':=': return v ? v : arg;
    case '-': case '=': return v !== undefined ? v : arg;
    case ':+': return v ? arg : '';
    case '+': return v !== undefined ? arg : '';
    case '#': case '##': return v !== undefined && v.startsWith(arg) ? v.slice(arg.length) : v ?? '';
    case '%': case '%%': return v !== undefined && arg && v.endsWith(arg) ? v.slice(0, v.length - arg.length) : v ?? '';
    default: return v ?? '';
  }
}

/** Removes one level of surrounding quotes from each quoted run (`"a b"c` → `a bc`). */
export function stripQuotes(s: string): string {
  if (!s.includes('"') && !s.includes("'")) return s;
  let out = '';
  let quote = '';
  for (const c of s) {
    if (quote) { if (c === quote) quote = ''; else out += c; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    out += c;
  }
  return out;
}
