// A fast parser for the block-style YAML that compose files are written in.
//
// Why by hand: the `yaml` package's parser runs at about 2 MB/s here: 75–95 ms for a 150 KB compose file, on every
// keystroke, before any checking starts. No other maintained parser gives node ranges (js-yaml is fast but has
// no per-node ranges). This one reads a line at a time and builds the very same `yaml` nodes (Scalar, YAMLMap,
// YAMLSeq, Pair, Alias) with the same three-offset ranges, values and types as the `yaml` composer, so every Compose
// feature works unchanged. It does not keep comments; the Compose model never reads them.
//
// It knows a subset: block maps and sequences, single-line plain, quoted and flow values, block scalars, anchors,
// aliases, merge keys and Compose's `!reset` / `!override` tags. It gives up on everything else: tabs, CRLF,
// document markers, multi-line plain or quoted scalars, complex keys, duplicate keys, and any error. Giving up is
// cheap, and the caller then uses the `yaml` package's parser. A differential test checks that whenever this parser
// returns a document, it is the one `yaml` builds.
import {
  Document,
  LineCounter,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import {
  UNSUPPORTED,
  bail,
  plainBlockEnd,
  readAlias,
  readFlow,
  readQuoted,
  readQuotedScalar,
  resolvePlain,
  skipSpaces,
  startsPlain,
  type DocLike,
  type FlowNode,
  type Range3,
} from './scalars';

const enum Kind {
  Blank,
  Comment,
  Content,
}
interface Line {
  start: number;
  end: number;
  next: number;
  indent: number;
  kind: Kind;
}

/**
 * Blank and comment lines after a collection's last value that no value took. The `yaml` parser hands them to the
 * enclosing collection, except when a comment is indented at least as deep as the collection itself: then they stay
 * and stretch the collection's third range offset (see `settle`).
 */
interface Pending {
  end: number;
  commentIndents: number[];
}
interface Parsed {
  node: YAMLMap | YAMLSeq | Scalar | FlowNode;
  pending: Pending | null;
}

export type FastParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Parses `text` into a `yaml` Document, or returns undefined when the text needs the `yaml` package's parser. */
export function parseBlockYaml(
  text: string,
  options: FastParseOptions,
  lineCounter: LineCounter,
): Document.Parsed | undefined {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  const lines = splitLines(text);
  if (!lines) return undefined;
  const doc = new Document(undefined, options) as Document.Parsed;
  try {
    const root = new BlockParser(text, lines, doc).document();
    doc.contents = root as never;
    doc.range = [root.range![0], root.range![2], text.length];
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
  for (const line of lines) lineCounter.addNewLine(line.start);
  if (text.endsWith('\n')) lineCounter.addNewLine(text.length);
  return doc;
}

/** The lines starting in text[from, to). */
function splitLines(text: string, from = 0, to = text.length): Line[] | undefined {
  const lines: Line[] = [];
  let start = from;
  while (start < to) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = text[i];
    if (
      i === start &&
      (c === '%' || ((c === '-' || c === '.') && /^(---|\.\.\.)( |$)/.test(text.slice(start, start + 4))))
    )
      return undefined;
    lines.push({
      start,
      end,
      next: Math.min(end + 1, text.length),
      indent: i - start,
      kind: i === end ? Kind.Blank : c === '#' ? Kind.Comment : Kind.Content,
    });
    start = end + 1;
  }
  return lines;
}

const COMPOSE_TAGS = new Set(['!reset', '!override']);

/**
 * The entries of a block map re-read from the lines of text[from, to): the first line holds a key at column
 * `indent`, and the line at `to` is the map's next key, unchanged. That line is read only as the full parse reads it
 * after these entries (its indentation ends their values), so the entries come out as a full parse makes them.
 * Undefined when these lines need the `yaml` parser, or their entries do not end exactly at `to`.
 */
export function parseBlockEntries(
  text: string,
  from: number,
  to: number,
  indent: number,
  doc: DocLike,
): Pair[] | undefined {
  if (to >= text.length || to <= from) return undefined;
  const region = text.slice(from, to);
  if (region.includes('\t') || region.includes('\r')) return undefined;
  const next = text.indexOf('\n', to);
  const lines = splitLines(text, from, next < 0 ? text.length : next + 1);
  if (!lines || lines.length < 2) return undefined;
  const stop = lines.length - 1;
  const first = lines[0]!; // two lines or more, checked above
  if (lines[stop]!.start !== to || first.kind !== Kind.Content || first.indent !== indent) return undefined;
  try {
    const parser = new BlockParser(text, lines, doc, stop);
    return parser.entries(indent, first.start + indent);
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

class BlockParser {
  private li = 0;
  /**
   * @param stop a line where the top-level map ends though more lines follow (parseBlockEntries); those lines are
   *   still read where the full parse reads the next line (for its indentation).
   */
  constructor(
    private readonly text: string,
    private readonly lines: Line[],
    private readonly doc: DocLike,
    private readonly stop = Infinity,
  ) {}

  /** The entries of a map at `indent` from the first line up to the stop line, which must be reached exactly. */
  entries(indent: number, keyAt: number): Pair[] {
    const { node } = this.map(indent, keyAt);
    if (this.li !== this.stop || !(node instanceof YAMLMap)) return bail();
    return node.items as Pair[];
  }

  document(): YAMLMap {
    this.trivia();
    const first = this.lines[this.li];
    if (!first || first.indent !== 0) return bail();
    const root = this.map(0, first.start);
    if (this.li < this.lines.length || !(root.node instanceof YAMLMap)) bail();
    return root.node as YAMLMap;
  }

  /** A block map whose keys sit at column `indent`; the first key starts at `keyAt` on the current line. */
  private map(indent: number, keyAt: number): Parsed {
    const map = new YAMLMap(this.doc.schema);
    // Keys seen so far: a short list for the usual small maps, a set once a map grows long.
    const seen: unknown[] = [];
    let seenSet: Set<unknown> | undefined;
    const start = keyAt;
    let end: number;
    let pending: Pending | null;
    for (;;) {
      const line = this.current();
      const key = this.key(keyAt, line.end);
      const id = typeof key.node.value === 'symbol' ? '<<' : key.node.value;
      // Duplicate keys are an error, for the `yaml` parser to report.
      if (seen.length < 32 ? seen.includes(id) : (seenSet ??= new Set(seen)).has(id)) bail();
      seen.push(id);
      seenSet?.add(id);
      const value = this.value(indent, key.after, line, true);
      map.items.push(new Pair(key.node, value.node));
      end = value.node.range![2];
      pending = value.pending;
      const next = this.lines[this.li];
      if (!next || next.indent < indent || this.li === this.stop) break;
      if (next.indent > indent) bail();
      keyAt = next.start + indent;
      if (this.isSeqItem(keyAt, next.end)) bail();
    }
    map.range = [start, end, end];
    return this.settle(map, indent, pending);
  }

  /** A block sequence whose `-` indicators sit at column `indent`, starting on the current line. */
  private seq(indent: number): Parsed {
    const seq = new YAMLSeq(this.doc.schema);
    const start = this.current().start + indent;
    let end: number;
    let pending: Pending | null = null;
    for (;;) {
      const line = this.current();
      const after = line.start + indent + 1;
      const at = skipSpaces(this.text, after, line.end);
      let item: Parsed;
      if (at < line.end && this.isSeqItem(at, line.end)) return bail(); // `- - x`
      if (at < line.end && this.text[at] !== '#' && this.isKeyAhead(at, line.end)) item = this.map(at - line.start, at);
      else item = this.value(indent, after, line, false, !!pending?.commentIndents.length);
      seq.items.push(item.node);
      end = item.node.range![2];
      pending = item.pending;
      const next = this.lines[this.li];
      if (!next || next.indent < indent || this.li === this.stop) break;
      if (next.indent > indent) bail();
      if (!this.isSeqItem(next.start + indent, next.end)) break; // the enclosing map's next key
    }
    seq.range = [start, end, end];
    return this.settle(seq, indent, pending);
  }

  /** Where the `yaml` parser leaves a collection's trailing comments: with its parent, or on the collection. */
  private settle(node: YAMLMap | YAMLSeq, indent: number, pending: Pending | null): Parsed {
    if (pending && pending.commentIndents.length && indent !== 0 && !pending.commentIndents.every((c) => c < indent)) {
      // The next line's indentation is read before the parser sees that the collection has ended, so it counts too.
      node.range![2] = pending.end + (this.lines[this.li]?.indent ?? 0);
      return { node, pending: null };
    }
    return { node, pending };
  }

  /** A key at `i` up to its `:`; returns the key node and the offset after the colon. */
  private key(i: number, lineEnd: number): { node: Scalar; after: number } {
    const text = this.text;
    let node: Scalar;
    let end: number;
    if (text[i] === '"' || text[i] === "'") {
      ({ node, end } = readQuotedScalar(text, i, lineEnd));
    } else {
      if (!startsPlain(text, i, lineEnd)) bail();
      // The key ends at the first `:` followed by a space or the line's end; a ` #` before it means there is none.
      end = i;
      for (; ; end++) {
        if (end >= lineEnd) return bail();
        const c = text.charCodeAt(end);
        if (c === 58 && (end + 1 === lineEnd || text.charCodeAt(end + 1) === 32)) break;
        if (c === 35 && text.charCodeAt(end - 1) === 32) bail();
      }
      if (text.charCodeAt(end - 1) === 32) bail();
      node = resolvePlain(this.doc, text.slice(i, end), true, [i, end, end]);
    }
    if (text[end] !== ':' || (end + 1 < lineEnd && text.charCodeAt(end + 1) !== 32)) bail();
    if (end - i > 1024) bail(); // YAML caps implicit keys at 1024 characters: an error for `yaml` to report
    return { node, after: end + 1 };
  }

  /**
   * The value after a key's `:` or a sequence's `-` (from `from` on `line`): props, then an inline value, a block
   * scalar, or nothing on this line, in which case a nested block or an empty value follows. Leaves `li` at the next
   * content line. `indent` is the owning collection's; `commentBefore` says comments precede this sequence item.
   */
  private value(indent: number, from: number, line: Line, inMap: boolean, commentBefore = false): Parsed {
    const text = this.text;
    let i = skipSpaces(text, from, line.end);
    let anchor: string | undefined;
    let tag: string | undefined;
    while (i < line.end && (text[i] === '&' || text[i] === '!')) {
      let j = i + 1;
      while (j < line.end && text.charCodeAt(j) !== 32) j++;
      const word = text.slice(i, j);
      if (word[0] === '&') {
        if (anchor !== undefined || word.length === 1 || /[[\]{},]|:$/.test(word)) bail();
        anchor = word.slice(1);
      } else {
        if (tag !== undefined || !COMPOSE_TAGS.has(word)) bail();
        tag = word;
      }
      i = skipSpaces(text, j, line.end);
    }
    const comment = i < line.end && text[i] === '#';
    let parsed: Parsed;
    if (i >= line.end || comment) {
      this.li++;
      const hasComment = this.trivia();
      const next = this.lines[this.li];
      const at = next ? next.start + next.indent : -1;
      if (next && next.indent > indent) {
        parsed = this.isSeqItem(at, next.end) ? this.seq(next.indent) : this.map(next.indent, at);
      } else if (next && inMap && next.indent === indent && this.isSeqItem(at, next.end)) {
        parsed = this.seq(indent); // a sequence may sit at its key's own indentation
      } else {
        // An empty value takes neighbouring comments into its range in ways not worth copying: leave those to `yaml`.
        if (hasComment || comment || commentBefore || anchor !== undefined || tag !== undefined) bail();
        return { node: resolvePlain(this.doc, '', false, [i, i, i]), pending: null };
      }
    } else if (text[i] === '|' || text[i] === '>') {
      parsed = { node: this.blockScalar(indent, i, line), pending: null };
      parsed.pending = this.trailing(indent, null);
    } else {
      const node = this.inline(i, line, anchor !== undefined, tag !== undefined);
      this.li++;
      parsed = { node, pending: this.trailing(indent, node) };
      const next = this.lines[this.li];
      if (next && next.indent > indent) bail(); // a plain scalar continued on the next line, or an error
    }
    if (anchor !== undefined) parsed.node.anchor = anchor;
    if (tag !== undefined) parsed.node.tag = tag;
    return parsed;
  }

  /** A value that fits on its line: flow collection, quoted or plain scalar, or alias; only a comment may follow. */
  private inline(i: number, line: Line, anchored: boolean, tagged: boolean): FlowNode {
    const text = this.text;
    let node: FlowNode;
    let end: number;
    const c = text[i];
    if (c === '[' || c === '{') ({ node, end } = readFlow(text, i, line.end, this.doc));
    else if (c === '"' || c === "'") ({ node, end } = readQuotedScalar(text, i, line.end));
    else if (c === '*') {
      if (anchored || tagged) bail(); // an alias cannot carry an anchor or a tag
      ({ node, end } = readAlias(text, i, line.end)); // a flow indicator after the name fails the end-of-line check
    } else {
      if (!startsPlain(text, i, line.end)) bail();
      end = plainBlockEnd(text, i, line.end);
      const source = text.slice(i, end);
      // A tagged scalar keeps its text: Compose's tags resolve to the string itself.
      node = tagged
        ? Object.assign(new Scalar(source), { source, type: 'PLAIN' as const })
        : resolvePlain(this.doc, source, false, [i, end, end]);
    }
    const rest = skipSpaces(text, end, line.end);
    if (rest < line.end && !(text[rest] === '#' && rest > end)) bail();
    node.range = [i, end, line.next];
    return node;
  }

  /** A `|` or `>` block scalar whose header is at `i`; its body is the following lines indented past `indent`. */
  private blockScalar(indent: number, i: number, line: Line): Scalar {
    const text = this.text;
    const folded = text[i] === '>';
    let j = i + 1;
    const chomp = text[j] === '-' || text[j] === '+' ? text[j++] : '';
    if (skipSpaces(text, j, line.end) !== line.end) bail(); // explicit indentation or a comment on the header
    const body: Line[] = [];
    const first = this.li + 1;
    let blockIndent = -1;
    for (let k = first; k < this.lines.length; k++) {
      const l = this.lines[k]!; // k < this.lines.length
      if (l.kind === Kind.Blank) {
        body.push(l);
        continue;
      }
      if (blockIndent < 0) {
        if (l.indent <= indent) break;
        blockIndent = l.indent;
      }
      if (l.indent < blockIndent) {
        if (l.indent > indent && l.kind !== Kind.Comment) bail();
        break;
      }
      body.push(l);
    }
    let last = body.length - 1;
    while (last >= 0 && body[last]!.kind === Kind.Blank) last--; // 0 ≤ last < body.length
    const lastLine = body[last];
    if (!lastLine || lastLine.next === lastLine.end) bail(); // empty, or no line break after the last line
    for (const l of body) if (l.kind === Kind.Blank && l.end - l.start > blockIndent) bail();
    const parts = body
      .slice(0, last + 1)
      .map((l) => (l.kind === Kind.Blank ? null : text.slice(l.start + blockIndent, l.end)));
    let value = '';
    if (folded) {
      let blanks = 0;
      let started = false;
      for (const p of parts) {
        if (p === null) {
          blanks++;
          continue;
        }
        if (p[0] === ' ') bail(); // more-indented lines keep their breaks: left to the `yaml` parser
        value += started ? (blanks ? '\n'.repeat(blanks) : ' ') + p : '\n'.repeat(blanks) + p;
        started = true;
        blanks = 0;
      }
    } else value = parts.map((p) => p ?? '').join('\n');
    const trailing = body.length - 1 - last;
    if (chomp === '') value += '\n';
    else if (chomp === '+') value += '\n'.repeat(trailing + 1);
    const endIndex = chomp === '+' ? body.length - 1 : last;
    const endLine = body[endIndex]!; // last ≤ endIndex < body.length
    this.li = first + endIndex + 1;
    const scalar = new Scalar(value);
    scalar.range = [i, endLine.next, endLine.next];
    scalar.source = value;
    scalar.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    return scalar;
  }

  /** Skips blank and comment lines; says whether there was a comment. */
  private trivia(): boolean {
    let comment = false;
    for (let line; (line = this.lines[this.li]) && line.kind !== Kind.Content; this.li++) {
      if (line.kind === Kind.Comment) comment = true;
    }
    return comment;
  }

  /** The line being read; running off the end is a shape the fast path does not take. */
  private current(): Line {
    return this.lines[this.li] ?? bail();
  }

  /**
   * Skips the blank and comment lines after a value. A comment indented deeper than the collection, with only blank
   * lines before it, belongs to the value before (`attach`, when that is an inline value) and stretches its range.
   */
  private trailing(indent: number, attach: FlowNode | null): Pending | null {
    let pending: Pending | null = null;
    for (let l; (l = this.lines[this.li]) && l.kind !== Kind.Content; ) {
      this.li++;
      if (l.kind === Kind.Comment) {
        if (attach && l.indent > indent && !pending?.commentIndents.length) {
          (attach.range as Range3)[2] = l.next;
          pending = null;
          continue;
        }
        pending ??= { end: l.next, commentIndents: [] };
        pending.commentIndents.push(l.indent);
      } else pending ??= { end: l.next, commentIndents: [] };
      pending.end = l.next;
    }
    return pending;
  }

  private isSeqItem(at: number, lineEnd: number): boolean {
    return this.text[at] === '-' && (at + 1 === lineEnd || this.text.charCodeAt(at + 1) === 32);
  }

  /** Whether a `key:` starts at `i` (so a sequence item holds a compact map). */
  private isKeyAhead(i: number, lineEnd: number): boolean {
    const text = this.text;
    const c = text[i];
    if (c === '"' || c === "'") {
      const q = readQuoted(text, i, lineEnd);
      return text[q.end] === ':';
    }
    if (!startsPlain(text, i, lineEnd)) return false;
    for (let j = i; j < lineEnd; j++) {
      const ch = text.charCodeAt(j);
      if (ch === 35 && text.charCodeAt(j - 1) === 32) return false;
      if (ch === 58 && (j + 1 === lineEnd || text.charCodeAt(j + 1) === 32)) return true;
    }
    return false;
  }
}
