// What is being typed at the cursor, as a YAML path (nodeAt in parse/document.ts answers for a settled document).
// Completion must answer it on text that is being typed and so is often not valid YAML yet; we insert a marker
// at the cursor, let the `yaml` parser place it, and read back its path — so indentation rules, flow collections
// and quoting are the parser's, not a hand-written guess.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { keyText, YAML_OPTIONS, type YamlPath } from './parse/document';
import { parseBlockYaml } from './parse/fast-yaml/parse';

/** What is being typed at the cursor, for completion. */
export interface CompletionContext {
  /**
   * 'key': a new or partial key of the mapping at `path`.
   * 'value': the scalar at `path` (a mapping value, or a sequence item when the last step is a number).
   */
  kind: 'key' | 'value';
  path: YamlPath;
  /** Text of the token typed before the cursor (for a quoted value, without the quote). */
  prefix: string;
  /** Start and end offsets (in the original text) of the token to replace. */
  replace: [number, number];
  /** Keys already present in the mapping at `path` (key context only). */
  presentKeys: Set<string>;
  /** Key context: a colon already follows the key on this line (complete the name only). */
  hasColon: boolean;
  /** Value context: the value is a block sequence item typed after `- ` (its item may also be a mapping). */
  dashItem: boolean;
  /** Column of the token's first character, for indenting multi-line snippets. */
  column: number;
  quoted: boolean;
  /** Value context in a sequence: the other items' scalar texts (to leave out names already listed). */
  siblings: string[];
}

const MARKER = '__berth_cursor__';
/** Larger files are never parsed whole for a completion (about 150 ms per 100 KB with the `yaml` parser). */
const WHOLE_FILE_LIMIT = 256 * 1024;
const WORD = /[\w.\-/]/;

/** Finds what the user is typing at `offset`, or undefined where nothing can be completed (comments, block text). */
export function completionContext(text: string, offset: number, focus = true): CompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = text.indexOf('\n', offset);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before)) return undefined;

  const body = before.replace(/^\s*(-\s+)*/, '');
  const dashed = /^\s*-(\s|$)/.test(before);
  const isKeyish = /^[\w.-]*$/.test(body) && !dashed;
  let patched: PatchedText;
  let wordStart: number;
  let wordEnd = offset;
  while (wordEnd < lineEnd && WORD.test(text.charAt(wordEnd))) wordEnd++;
  let hasColon = false;
  if (isKeyish) {
    // A key being typed: replace the whole word with the marker, and make it a key if no colon follows yet.
    wordStart = offset - body.length;
    hasColon = /^\s*:/.test(text.slice(wordEnd, lineEnd));
    patched = new PatchedText(text, wordStart, wordEnd, MARKER + (hasColon ? '' : ':'));
  } else {
    wordStart = offset;
    // Values may hold ':' and '/' (service:x, image refs, paths); a flow item or quote ends the token.
    while (wordStart > lineStart && !/[\s,[\]{}"']/.test(text.charAt(wordStart - 1))) wordStart--;
    patched = new PatchedText(text, offset, offset, MARKER);
  }
  let doc: Document;
  // The marker is where it was put (a search for it would read the whole patched text).
  const markerAt = isKeyish ? wordStart : offset;
  // Inside an entry, the focused lines are read from the text and the marker alone: the patched file is made only
  // where the whole of it is needed (copying a large file's text cost more than the rest of a completion).
  const inEntry = focus ? focusInEntry(patched, markerAt) : undefined;
  const whole = inEntry === undefined ? patched.toString() : undefined;
  const focused = inEntry ?? (focus ? focusBlockByLines(whole!, markerAt, isKeyish && hasColon) : whole!);
  // Past WHOLE_FILE_LIMIT the whole text is never parsed for a completion: it would cost most of a second per
  // keystroke. Completion there answers where a focused block does (inside services, networks…), and nowhere else.
  if (focused === whole && text.length > WHOLE_FILE_LIMIT) return undefined;
  try {
    // The fast path first: it builds the very nodes the `yaml` parser does, or declines (any error among them), and
    // the `yaml` parser costs several milliseconds even on one service's lines, on every completion.
    doc =
      parseBlockYaml(focused, YAML_OPTIONS, new LineCounter()) ??
      parseDocument(focused, { merge: true, uniqueKeys: false });
  } catch {
    return undefined;
  }

  const found = findMarker(doc.contents, []);
  // The focused text holds every sibling of the cursor's key (see focusBlock): when it parses cleanly, its answer is
  // the whole file's. When cutting it out broke the YAML, ask the whole file.
  if (focus && focused !== whole && doc.errors.length > 0 && text.length <= WHOLE_FILE_LIMIT)
    return completionContext(text, offset, false);
  if (!found) return undefined;
  const column = wordStart - lineStart;
  const quoted = wordStart > lineStart && /["']/.test(text.charAt(wordStart - 1));
  const base = {
    prefix: text.slice(wordStart, offset),
    replace: [wordStart, isKeyish ? wordEnd : Math.max(wordEnd, offset)] as [number, number],
    column,
    quoted,
  };
  if (found.role === 'key') {
    if (!isKeyish) return undefined;
    const present = new Set<string>();
    if (isMap(found.parent))
      for (const p of found.parent.items) {
        const k = keyText(p);
        if (k !== undefined && k !== MARKER) present.add(k);
      }
    return { kind: 'key', path: found.path, presentKeys: present, hasColon, dashItem: false, siblings: [], ...base };
  }
  if (found.block) return undefined;
  return {
    kind: 'value',
    path: found.path,
    presentKeys: new Set(),
    hasColon: false,
    dashItem: dashed && typeof found.path.at(-1) === 'number',
    siblings: found.siblings,
    ...base,
  };
}

/** What focusInEntry reads of a text: a string, or a PatchedText that reads like one. */
type TextView = Pick<string, 'length' | 'indexOf' | 'lastIndexOf' | 'charCodeAt' | 'charAt' | 'startsWith' | 'slice'>;

/**
 * A text with `text[from, to)` replaced by `insert` (a piece without line breaks), read as if it were that string
 * without making it: only the few lines focusInEntry reads are ever copied.
 */
export class PatchedText implements TextView {
  readonly length: number;
  private readonly shift: number;
  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly to: number,
    private readonly insert: string,
  ) {
    this.shift = insert.length - (to - from);
    this.length = text.length + this.shift;
  }
  charCodeAt(at: number): number {
    if (at < this.from) return this.text.charCodeAt(at);
    const inInsert = at - this.from;
    if (inInsert < this.insert.length) return this.insert.charCodeAt(inInsert);
    return this.text.charCodeAt(at - this.shift);
  }
  charAt(at: number): string {
    if (at < 0 || at >= this.length) return '';
    return String.fromCharCode(this.charCodeAt(at));
  }
  /** Only single characters and line breaks are looked for; the insert holds no line break. */
  indexOf(search: string, position = 0): number {
    if (position < this.from) {
      const hit = this.text.indexOf(search, position);
      if (hit >= 0 && hit < this.from) return hit;
    }
    const inInsert = this.insert.indexOf(search, Math.max(0, position - this.from));
    if (inInsert >= 0 && position <= this.from + inInsert) return this.from + inInsert;
    const hit = this.text.indexOf(search, Math.max(position, this.from + this.insert.length) - this.shift);
    return hit < 0 ? -1 : hit + this.shift;
  }
  lastIndexOf(search: string, at = Infinity): number {
    const position = Math.max(0, at); // a position before the start reads as the start, as on a string
    const end = this.from + this.insert.length;
    if (position >= end) {
      const hit = this.text.lastIndexOf(search, position - this.shift);
      if (hit >= this.to) return hit + this.shift;
    }
    if (position >= this.from) {
      const inInsert = this.insert.lastIndexOf(search, position - this.from);
      if (inInsert >= 0) return this.from + inInsert;
    }
    return this.from === 0 ? -1 : this.text.lastIndexOf(search, Math.min(position, this.from - 1));
  }
  startsWith(search: string, position = 0): boolean {
    const at = Math.max(0, position);
    return this.slice(at, at + search.length) === search;
  }
  slice(start: number, end = this.length): string {
    const a = Math.max(0, Math.min(start, this.length));
    const b = Math.max(a, Math.min(end, this.length));
    const part = (lo: number, hi: number, s: string, base: number) => (hi > lo ? s.slice(lo - base, hi - base) : '');
    const insertEnd = this.from + this.insert.length;
    return (
      part(a, Math.min(b, this.from), this.text, 0) +
      part(Math.max(a, this.from), Math.min(b, insertEnd), this.insert, this.from) +
      part(Math.max(a, insertEnd), b, this.text, this.shift)
    );
  }
  toString(): string {
    return this.text.slice(0, this.from) + this.insert + this.text.slice(this.to);
  }
}

/**
 * The part of the text the marker's path depends on: its top-level section, and within it only the entry (such as
 * one service) holding the marker. YAML nests by indentation, so these lines parse to the same path as the whole
 * file, and completion in a file of hundreds of services parses a few lines instead of all of them.
 * A key being typed at the top level or at a section's level gets the outline of its siblings' key lines, where the
 * file's keys follow indentation; anything else at the top level needs the whole file.
 */
export function focusBlock(text: string, markerAt: number, replacesKey = false): string {
  return focusInEntry(text, markerAt) ?? focusBlockByLines(text, markerAt, replacesKey);
}

/** focusBlock from all the lines of the text: every case (exported for the test that compares it with the fast one). */
export function focusBlockByLines(text: string, markerAt: number, replacesKey = false): string {
  const lines = text.split('\n');
  // Out-of-range lines read as empty, which is what the scans below assume past either end.
  const line = (i: number): string => lines[i] ?? '';
  let markerLine = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < markerAt; i = text.indexOf('\n', i + 1)) markerLine++;
  const indent = (l: string) => l.length - l.trimStart().length;
  const structural = (l: string) => l.trim() !== '' && !l.trimStart().startsWith('#');
  // Focusing assumes the document is a map of top-level keys. A root that is a block scalar or a flow collection
  // (`|`, `>`, `[`, `{`, quotes) takes every later line into itself: only the whole text tells what the cursor is in.
  const first = lines.find(structural);
  if (first !== undefined && /^[|>[{"'-]/.test(first.trimStart())) return text;
  // A top-level key: the outline of top-level lines (plain `key:` lines only; anything else needs the whole text).
  // (Only for a key: a value's meaning depends on the lines below it, which the outline leaves out.)
  // And only when the key was already there (its deeper lines are its own value), or no deeper line follows: under a
  // new key they would change what the file means. A line that opens with `:` or `?` (an empty or explicit key) can
  // add a key at any indent, so its file is never outlined.
  let after = markerLine + 1;
  while (after < lines.length && !structural(line(after))) after++;
  // Block scalars and flow collections that span lines do not follow indentation either. (Scanned last, and only
  // where an outline is asked for: the scan reads every line, and most completions are inside an entry.)
  const markerIsKey = () =>
    line(markerLine).trimStart().startsWith(MARKER) &&
    (replacesKey || after >= lines.length || indent(line(after)) <= indent(line(markerLine))) &&
    !lines.some((l) => /^\s*[:?](\s|$)/.test(l) || /(^|[\s:-])[|>][-+]?\d*\s*(#.*)?$/.test(l) || !flowBalanced(l));
  if (indent(line(markerLine)) === 0) {
    if (!markerIsKey()) return text;
    const outline = lines.filter((l) => structural(l) && indent(l) === 0);
    const plain = outline.every((l) => /^[\w.-]+\s*:(\s|$)/.test(l) || l.includes(MARKER));
    return plain ? outline.map(keyOnly).join('\n') : text;
  }
  let top = markerLine;
  while (top >= 0 && !(structural(line(top)) && indent(line(top)) === 0)) top--;
  if (top < 0 || line(top).startsWith('-') || line(top).startsWith('---')) return text;
  let end = markerLine + 1;
  while (end < lines.length && !(structural(line(end)) && indent(line(end)) === 0)) end++;
  let childIndent = -1;
  for (let i = top + 1; i < end && childIndent < 0; i++) if (structural(line(i))) childIndent = indent(line(i));
  // A key of the section itself (a new service name): the section's outline, every entry's key line only.
  if (childIndent > 0 && indent(line(markerLine)) === childIndent && markerIsKey()) {
    const keys = lines
      .slice(top + 1, end)
      .filter((l, i) => i + top + 1 === markerLine || (structural(l) && indent(l) === childIndent));
    if (keys.every((l) => /^\s*[\w.-]+\s*:(\s|$)/.test(l) || l.includes(MARKER))) {
      return [keyOnly(line(top)), ...keys.map(keyOnly)].join('\n');
    }
  }
  if (childIndent > 0 && indent(line(markerLine)) > childIndent) {
    let start = markerLine;
    while (start > top && !(structural(line(start)) && indent(line(start)) <= childIndent)) start--;
    let stop = markerLine + 1;
    while (stop < end && !(structural(line(stop)) && indent(line(stop)) <= childIndent)) stop++;
    // Sequence items keep their siblings: their index is part of the path.
    if (start > top && indent(line(start)) === childIndent && !line(start).trimStart().startsWith('-')) {
      return [line(top), ...lines.slice(start, stop)].join('\n');
    }
  }
  return lines.slice(top, end).join('\n');
}

/**
 * focusBlock's answer when the marker is inside an entry of a top-level section (deeper than the section's entries,
 * such as in a service): its section's line and the entry's lines. Found by offsets, reading only the first character
 * of the lines between the section's line and the marker: a file of hundreds of services is not split into lines on
 * every completion. Undefined in every other case, which focusBlock answers from all the lines.
 */
export function focusInEntry(text: TextView, markerAt: number): string | undefined {
  const n = text.length;
  const lineEnd = (at: number) => {
    const nl = text.indexOf('\n', at);
    return nl < 0 ? n : nl;
  };
  // As focusBlock's indent() and structural(): leading whitespace (what trimStart removes), then not a comment.
  const indentAt = (at: number) => {
    let i = at;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) continue; // the usual indentation, without a regular expression per character
      if (c === 10 || !/\s/.test(text.charAt(i))) break;
    }
    return i - at;
  };
  const structuralAt = (at: number) => {
    const c = text.charAt(at + indentAt(at));
    return c !== '' && c !== '\n' && c !== '#';
  };
  // Not indented and not a comment: the first character alone tells (most lines of a section start with a space).
  const topLevelAt = (at: number) => {
    const c = text.charCodeAt(at);
    return c !== 32 && c !== 10 && c !== 35 /* # */ && at < n && !/\s/.test(text.charAt(at));
  };
  // The root is a map of keys (its first structural line is not a block scalar, flow collection, quote or item).
  let first = 0;
  while (first <= n && !structuralAt(first)) first = lineEnd(first) + 1;
  if (first <= n && /^[|>[{"'-]/.test(text.charAt(first + indentAt(first)))) return undefined;
  const markerLine = text.lastIndexOf('\n', markerAt - 1) + 1;
  const markerIndent = indentAt(markerLine);
  if (markerIndent === 0) return undefined;
  // The section's line: the last top-level line before the marker's.
  let top = markerLine;
  do {
    if (top === 0) return undefined;
    top = top === 1 ? 0 : text.lastIndexOf('\n', top - 2) + 1;
  } while (!topLevelAt(top));
  if (text.startsWith('-', top)) return undefined;
  // The section's entries' indent: that of its first structural line.
  let child = lineEnd(top) + 1;
  while (child <= n && !structuralAt(child)) child = lineEnd(child) + 1;
  const childIndent = child <= n ? indentAt(child) : -1;
  if (childIndent <= 0 || markerIndent <= childIndent) return undefined;
  // The entry: from its key line (the last line before the marker's at the entries' indent or less) to the next.
  let start = markerLine;
  while (start > top && !(structuralAt(start) && indentAt(start) <= childIndent))
    start = text.lastIndexOf('\n', start - 2) + 1;
  if (start <= top || indentAt(start) !== childIndent || text.startsWith('-', start + childIndent)) return undefined;
  let stop = lineEnd(markerLine) + 1;
  while (stop <= n && !(structuralAt(stop) && indentAt(stop) <= childIndent)) stop = lineEnd(stop) + 1;
  return `${text.slice(top, lineEnd(top))}\n${text.slice(start, Math.min(stop - 1, n))}`;
}

/** An outline line: `key:` without its value; the marker's own line as it is. */
function keyOnly(line: string): string {
  return line.includes(MARKER) ? line : line.replace(/:\s.*$/, ':');
}

/** Whether a line opens as many `[`/`{` as it closes (outside quotes): a flow collection that ends on its line. */
function flowBalanced(line: string): boolean {
  let depth = 0;
  let quote = '';
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') break;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth === 0;
}

interface MarkerHit {
  role: 'key' | 'value';
  path: YamlPath;
  parent?: unknown;
  block: boolean;
  siblings: string[];
}

function findMarker(node: unknown, path: YamlPath): MarkerHit | undefined {
  if (isMap(node)) {
    for (const p of node.items) {
      const k = keyText(p);
      if (k === MARKER) return { role: 'key', path, parent: node, block: false, siblings: [] };
      const hit = findMarker(p.value, [...path, k ?? '']);
      if (hit) return hit;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const hit = findMarker(node.items[i], [...path, i]);
      if (hit && hit.path.length === path.length + 1) {
        hit.siblings = node.items
          .filter((it, j) => j !== i && isScalar(it))
          .map((it) => String((it as { value: unknown }).value));
      }
      if (hit) return hit;
    }
    return undefined;
  }
  if (isPair(node)) return undefined;
  if (isScalar(node) && typeof node.value === 'string' && node.value.includes(MARKER)) {
    return { role: 'value', path, block: node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED', siblings: [] };
  }
  return undefined;
}
