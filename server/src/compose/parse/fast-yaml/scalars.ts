// Scalar and flow-collection readers for the fast YAML path (see ./parse.ts for why it exists).
// Each reader works within one line and either returns what it read or throws UNSUPPORTED, which sends the whole
// document to the `yaml` package's own parser. They build the `yaml` package's node classes and resolve plain scalars
// with the document's own schema tags, exactly as its composer does, so values, types and formats come out the same.
import { Alias, Scalar, YAMLMap, YAMLSeq, Pair, isScalar, type Schema, type ScalarTag } from 'yaml';

/** Thrown (one shared instance, no stack) when the text leaves the subset the fast path knows. */
export const UNSUPPORTED = Object.freeze({ unsupported: true });
export const bail = (): never => {
  throw UNSUPPORTED;
};

export type Range3 = [number, number, number];
/** What resolving needs of the document: its schema (tags) and options. */
export interface DocLike {
  schema: Schema;
  options: unknown;
}
export type FlowNode = Scalar | Alias | YAMLMap | YAMLSeq;

const SPACE = 32;
const isSpace = (c: number) => c === SPACE;

/** Offset of the first non-space character at or after `i` (not past `end`). */
export function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

const MAY_RESOLVE = new Set([...'~nNtTfF0123456789+-.<'].map((c) => c.charCodeAt(0)));

/** A plain scalar's value the way the `yaml` composer resolves it: the first default tag whose test matches. */
export function resolvePlain(doc: DocLike, source: string, atKey: boolean, range: Range3): Scalar {
  let tag: ScalarTag | undefined;
  // Only these first characters can start a null, boolean, number or merge key in the YAML 1.2 core schema; the
  // rest are strings, so most keys and values skip the tag tests (the differential test guards this shortcut).
  if (source === '' || MAY_RESOLVE.has(source.charCodeAt(0)))
    for (const t of doc.schema.tags as ScalarTag[]) {
      if ((t.default === true || (atKey && t.default === 'key')) && t.test?.test(source)) {
        tag = t;
        break;
      }
    }
  let scalar: Scalar;
  if (tag) {
    const res = tag.resolve(source, bail, doc.options as never);
    scalar = isScalar(res) ? res : new Scalar(res);
    if (tag.format) scalar.format = tag.format;
  } else scalar = new Scalar(source);
  scalar.range = range;
  scalar.source = source;
  scalar.type = 'PLAIN';
  return scalar;
}

/** A quoted scalar at `i` that closes on this line, as a node with its range. */
export function readQuotedScalar(text: string, i: number, lineEnd: number): { node: Scalar; end: number } {
  const { value, end, double } = readQuoted(text, i, lineEnd);
  const node = new Scalar(value);
  node.range = [i, end, end];
  node.source = value;
  node.type = double ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  return { node, end };
}

/** An alias `*name` at `i`; the name stops at a space or a flow indicator. Names ending in `:` are ambiguous. */
export function readAlias(text: string, i: number, lineEnd: number): { node: Alias; end: number } {
  let end = i + 1;
  while (end < lineEnd && !isSpace(text.charCodeAt(end)) && !FLOW_STOP.has(text.charAt(end))) end++;
  if (end === i + 1 || text[end - 1] === ':') bail();
  const node = new Alias(text.slice(i + 1, end));
  node.range = [i, end, end];
  return { node, end };
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Reads a quoted scalar starting at `i` (the quote) that closes on the same line; returns its value and end. */
export function readQuoted(text: string, i: number, lineEnd: number): { value: string; end: number; double: boolean } {
  const double = text.charCodeAt(i) === 34;
  let value = '';
  let j = i + 1;
  let run = j;
  while (j < lineEnd) {
    const c = text[j];
    if (double && c === '\\') {
      value += text.slice(run, j);
      const e = text[j + 1];
      if (e !== undefined && ESCAPES[e] !== undefined && j + 1 < lineEnd) {
        value += ESCAPES[e];
        j += 2;
      } else if (e !== undefined && HEX_LENGTH[e]) {
        const hex = text.slice(j + 2, j + 2 + HEX_LENGTH[e]);
        if (hex.length !== HEX_LENGTH[e] || !/^[0-9a-fA-F]+$/.test(hex) || j + 2 + hex.length > lineEnd) bail();
        value += String.fromCodePoint(parseInt(hex, 16));
        j += 2 + hex.length;
      } else bail();
      run = j;
    } else if (c === (double ? '"' : "'")) {
      if (!double && text[j + 1] === "'") {
        value += text.slice(run, j + 1);
        j += 2;
        run = j;
        continue;
      }
      return { value: value + text.slice(run, j), end: j + 1, double };
    } else j++;
  }
  return bail(); // a quoted scalar that spans lines
}

/** End of a plain scalar in block context starting at `i`: before ` #`, trailing spaces trimmed. */
export function plainBlockEnd(text: string, i: number, lineEnd: number): number {
  let j = i;
  let last = i;
  while (j < lineEnd) {
    const c = text.charCodeAt(j);
    if (c === 35 /* # */ && isSpace(text.charCodeAt(j - 1))) break;
    // `key: a: b` is an error and `key: a:` a nested key: both belong to the `yaml` parser.
    if (c === 58 /* : */ && (j + 1 === lineEnd || isSpace(text.charCodeAt(j + 1)))) bail();
    if (!isSpace(c)) last = j + 1;
    j++;
  }
  return last;
}

/** Characters that may not start a plain scalar (or start something else: flow, props, alias, block scalar). */
export function startsPlain(text: string, i: number, lineEnd: number): boolean {
  const c = text.charAt(i);
  if (c !== '' && '[]{},#&*!|>\'"%@`'.includes(c)) return false;
  if (c === '-' || c === '?' || c === ':') return i + 1 < lineEnd && !isSpace(text.charCodeAt(i + 1));
  return true;
}

const FLOW_STOP = new Set([',', '[', ']', '{', '}']);

/**
 * Reads a flow collection (`[...]` / `{...}`) that opens and closes on this line. Ranges follow the composer: an item's
 * third offset includes the spaces before the next `,` or closing bracket; the collection's own is set by the caller.
 */
export function readFlow(
  text: string,
  i: number,
  lineEnd: number,
  doc: DocLike,
): { node: YAMLMap | YAMLSeq; end: number } {
  const open = text[i];
  const isMap = open === '{';
  const node = isMap ? new YAMLMap(doc.schema) : new YAMLSeq(doc.schema);
  node.flow = true;
  let j = skipSpaces(text, i + 1, lineEnd);
  const close = isMap ? '}' : ']';
  if (text[j] === close) {
    j++;
    node.range = [i, j, j];
    return { node, end: j };
  }
  for (;;) {
    let item: FlowNode;
    if (isMap) {
      const key = readFlowItem(text, j, lineEnd, doc, true);
      if (!isScalar(key.node) || text[key.end] !== ':' || key.end - j > 1024) bail();
      j = key.end + 1;
      if (!isSpace(text.charCodeAt(j)) && (key.node as Scalar).type === 'PLAIN') bail();
      j = skipSpaces(text, j, lineEnd);
      const value = readFlowItem(text, j, lineEnd, doc, false);
      (node as YAMLMap).items.push(new Pair(key.node, value.node));
      item = value.node;
      j = value.end;
    } else {
      const value = readFlowItem(text, j, lineEnd, doc, false);
      (node as YAMLSeq).items.push(value.node);
      item = value.node;
      j = value.end;
    }
    const after = skipSpaces(text, j, lineEnd);
    if (after > j && !(isScalar(item) || item instanceof Alias)) bail();
    if (after > j) (item.range as Range3)[2] = after;
    j = after;
    if (text[j] === ',') {
      j = skipSpaces(text, j + 1, lineEnd);
      if (text[j] === close) bail(); // a trailing comma
      continue;
    }
    if (text[j] === close) {
      j++;
      node.range = [i, j, j];
      return { node, end: j };
    }
    return bail();
  }
}

function readFlowItem(
  text: string,
  i: number,
  lineEnd: number,
  doc: DocLike,
  atKey: boolean,
): { node: FlowNode; end: number } {
  const c = text[i];
  if (i >= lineEnd) bail();
  if (c === '[' || c === '{') {
    if (atKey) bail();
    return readFlow(text, i, lineEnd, doc);
  }
  if (c === '"' || c === "'") return readQuotedScalar(text, i, lineEnd);
  if (c === '*' && !atKey) return readAlias(text, i, lineEnd);
  if (!startsPlain(text, i, lineEnd)) bail();
  // A plain scalar in flow context stops at flow indicators, at `: ` / `:` before an indicator, and at ` #`.
  let j = i;
  let last = i;
  while (j < lineEnd) {
    const ch = text.charAt(j);
    if (FLOW_STOP.has(ch)) break;
    if (ch === ':' && (j + 1 >= lineEnd || isSpace(text.charCodeAt(j + 1)) || FLOW_STOP.has(text.charAt(j + 1)))) break;
    if (ch === '#' && isSpace(text.charCodeAt(j - 1))) bail();
    if (ch !== ' ') last = j + 1;
    j++;
  }
  if (last === i) bail();
  if (text[j] === ':' && !atKey) bail(); // `[a: b]`, a single-pair map inside a sequence
  return { node: resolvePlain(doc, text.slice(i, last), atKey, [i, last, last]), end: last };
}
