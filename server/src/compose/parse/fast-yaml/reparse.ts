// After an edit inside one service of a large compose file, re-reads that service alone instead of the whole file.
// The previous version's Document (from the fast path) is updated in place: the edited service's entry is replaced
// by the entries its new lines give, and every node after it moves by the edit's length. The result is the Document
// the fast path builds from the new text (the incremental property test compares the two after every edit).
//
// It applies when the change lies within one entry of the root's own block `services` map that is not the last
// (the next entry's key line, unchanged, closes it) and those lines stay in the fast path's subset. Anything else
// returns undefined and the caller parses the whole text.
import { isMap, isPair, isScalar, LineCounter, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseBlockEntries } from './parse';

/** What reparseEdit replaced: the old entry and the map that held it, and where the old and new lines lie. */
export interface Replaced {
  map: YAMLMap;
  entry: Pair;
  lines: Stretch;
}

/**
 * The Document of `text`, made from `previous` (the fast path's Document of `previousText`, which this changes: the
 * previous version must not be used afterwards), with the lines of `text` added to `lineCounter`; and what it
 * replaced.
 */
export function reparseEdit(
  previous: Document.Parsed,
  previousText: string,
  text: string,
  { from, previousTo }: Stretch,
  lineCounter: LineCounter,
): { doc: Document.Parsed; replaced: Replaced } | undefined {
  const root = previous.contents;
  if (!isMap(root) || !root.range) return undefined;
  const sectionIndex = (root.items as Pair[]).findIndex((p) => isScalar(p.key) && p.key.value === 'services');
  const services = root.items[sectionIndex]?.value;
  if (!isMap(services) || !services.range || previousText[services.range[0]] === '{') return undefined;
  if (from === previousText.length && from === text.length) return undefined; // no change: nothing to gain
  const delta = text.length - previousText.length;

  // The entry whose lines hold the change, and the next one (its key line ends the entry).
  const items = services.items as Pair[];
  let k = -1;
  let indent = -1;
  for (let i = 0; i + 1 < items.length; i++) {
    // i + 1 < items.length: both entries exist.
    const start = lineStartOfKey(previousText, items[i]!);
    if (start === undefined || start.at > from) break;
    const next = lineStartOfKey(previousText, items[i + 1]!);
    if (next === undefined || next.indent !== start.indent) break;
    if (previousTo <= next.at) {
      k = i;
      indent = start.indent;
      break;
    }
  }
  if (k < 0) return undefined;
  // The loop above found both lines, for items[k] and items[k + 1].
  const blockStart = lineStartOfKey(previousText, items[k]!)!.at;
  const blockEnd = lineStartOfKey(previousText, items[k + 1]!)!.at;
  const entries = parseBlockEntries(text, blockStart, blockEnd + delta, indent, previous);
  if (!entries?.length) return undefined;

  // The fast path refuses duplicate keys (for the `yaml` parser to report): so does this.
  const id = (p: Pair) => (isScalar(p.key) ? (typeof p.key.value === 'symbol' ? '<<' : p.key.value) : p.key);
  const others = new Set<unknown>();
  items.forEach((item, i) => i !== k && others.add(id(item)));
  for (const e of entries) {
    const key = id(e);
    if (others.has(key)) return undefined;
    others.add(key);
  }

  // Everything after the entry moves; the entries before it, and before `services`, stay.
  if (delta !== 0) {
    // Read as plain fields rather than through isPair / isMap (a symbol lookup per call on every kind of node): this
    // walk visits half of a large file's nodes on every keystroke.
    const moveAll = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const { range, items } = node as { range?: Node['range']; items?: unknown[] };
      if (range) move(range, blockEnd, delta);
      if (items) for (const item of items) moveAll(item);
      else if (isPair(node)) {
        moveAll(node.key);
        moveAll(node.value);
      }
    };
    for (let i = k + 1; i < items.length; i++) moveAll(items[i]);
    for (let i = sectionIndex + 1; i < root.items.length; i++) moveAll(root.items[i]);
    move(services.range, blockEnd, delta);
    move(root.range, blockEnd, delta);
  }
  const entry = items.splice(k, 1, ...entries)[0]!;
  previous.range = [root.range[0], root.range[2], text.length];
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return {
    doc: previous,
    replaced: { map: services, entry, lines: { from: blockStart, previousTo: blockEnd, to: blockEnd + delta } },
  };
}

/** What an edit changed: previousText[from, previousTo) became text[from, to). */
export interface Stretch {
  from: number;
  previousTo: number;
  to: number;
}

/** How many characters changedStretch compares at once before it compares one by one. */
const CHUNK = 512;

/** The changed stretch between two texts: everything between their common start and their common end. */
export function changedStretch(previousText: string, text: string): Stretch {
  const limit = Math.min(previousText.length, text.length);
  // Chunks first: comparing two slices is the engine's native comparison, many times faster than a loop over
  // charCodeAt on every character of every version; the chunk that differs is then read one character at a time.
  let from = 0;
  while (from + CHUNK <= limit && previousText.slice(from, from + CHUNK) === text.slice(from, from + CHUNK))
    from += CHUNK;
  while (from < limit && previousText.charCodeAt(from) === text.charCodeAt(from)) from++;
  const pEnd = previousText.length;
  const tEnd = text.length;
  let tail = 0;
  while (
    tail + CHUNK <= limit - from &&
    previousText.slice(pEnd - tail - CHUNK, pEnd - tail) === text.slice(tEnd - tail - CHUNK, tEnd - tail)
  )
    tail += CHUNK;
  while (
    tail < limit - from &&
    previousText.charCodeAt(previousText.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)
  )
    tail++;
  return { from, previousTo: previousText.length - tail, to: text.length - tail };
}

/**
 * Whether an edit leaves the text's nesting (nestingDepth) as it was: it adds and removes no line break and no
 * bracket, and starts after the first character of its line that is not indentation.
 */
export function keepsNesting(previousText: string, text: string, { from, previousTo, to }: Stretch): boolean {
  const lineStart = previousText.lastIndexOf('\n', from - 1) + 1;
  let first = lineStart;
  while (first < from && (previousText.charCodeAt(first) === 32 || previousText.charCodeAt(first) === 45)) first++;
  if (first >= from) return false;
  const calm = (t: string, a: number, b: number) => {
    for (let i = a; i < b; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 13 || c === 91 || c === 93 || c === 123 || c === 125) return false;
    }
    return true;
  };
  return calm(previousText, from, previousTo) && calm(text, from, to);
}

/** Moves each offset of a node's range at or after `at`. */
function move(range: Node['range'], at: number, delta: number): void {
  if (!range) return;
  for (let j = 0; j < 3; j++) {
    const offset = range[j]!; // a node range is [start, value end, node end]
    if (offset >= at) range[j] = offset + delta;
  }
}

/** Where the line of a map entry's key starts, when the key is the first thing on it, and the key's column. */
function lineStartOfKey(text: string, pair: Pair): { at: number; indent: number } | undefined {
  const keyStart = (pair.key as Node | null)?.range?.[0];
  if (keyStart === undefined) return undefined;
  const at = text.lastIndexOf('\n', keyStart - 1) + 1;
  for (let i = at; i < keyStart; i++) if (text.charCodeAt(i) !== 32) return undefined;
  return { at, indent: keyStart - at };
}
