// Error-tolerant Dockerfile parser: directives, comments, instructions with continuations, flags, exec/shell form,
// key=value pairs, heredocs and variable references, each with exact ranges. semantic.ts adds stages and scopes.
//
// Why our own parser instead of `dockerfile-ast` (0.7.1): dockerfile-ast has no heredoc model —
// `RUN <<-EOT cat && <<"B" cat` followed by bodies comes back as one instruction whose arguments are every body word
// (so `$NOT` inside a quoted heredoc looks like a variable and delimiters like arguments), which is the false-positive
// source users complain about. It also exposes no per-flag value ranges for --mount keys. Speed (bench/dockerfile,
// 600-line multi-stage file, medians): this parser + semantic model 0.8 ms vs dockerfile-ast's parse alone 3.3 ms.
// The rules follow BuildKit's parser (moby/buildkit frontend/dockerfile/parser): continuation = escape + [ \t]* at end
// of line; comment and empty lines inside a continuation are skipped; heredocs for RUN/COPY/ADD only, closed by a line
// equal to the delimiter (with `<<-`, after stripping leading tabs only).
import * as l10n from '@vscode/l10n';
import type { Range } from 'vscode-languageserver-types';
import { LogicalLine, isSpace, parseJsonStrings, splitWords } from './logical';
import type { Comment, Directive, Flag, Heredoc, Instruction, KeyValue, ParseProblem, Word } from './model';
import { EXPANDING_INSTRUCTIONS } from './model';
import { MAX_NESTING, scanReferences, type RawRef } from './variables';
import { planReuse } from './reparse';

export interface ParseResult {
  lines: string[];
  /** The first line after the parser directives (where instructions may start). */
  directivesEnd: number;
  /** Instructions whose extent depends on the lines up to the end of the file: an unterminated heredoc (a later
   * delimiter line anywhere closes it) or a continuation that runs out of lines. */
  openEnded: Set<Instruction>;
  /** Line numbers by text, built on the first heredoc: finds each closing delimiter without rescanning the file. */
  lineIndex?: LineIndex;
  escapeChar: string;
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  problems: ParseProblem[];
  refs: {
    ref: RawRef;
    range: Range;
    nameRange: Range;
    instruction: Instruction;
    expandedByBuilder: boolean;
    inHeredoc: boolean;
  }[];
}

// The value's surrounding blanks are trimmed in code: a lazy `(.*?)[ \t]*$` backtracks quadratically on a long run
// of blanks that ends in something else (a stray `\r`).
const DIRECTIVE_HEAD = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=/;
function matchDirective(line: string): [string, string, string] | undefined {
  const m = DIRECTIVE_HEAD.exec(line);
  if (!m) return undefined;
  let a = m[0].length;
  let z = line.length;
  while (a < z && (line[a] === ' ' || line[a] === '\t')) a++;
  while (z > a && (line[z - 1] === ' ' || line[z - 1] === '\t')) z--;
  return [m[0], m[1]!, line.slice(a, z)];
}
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const EXEC_CAPABLE = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
const HEREDOC_WORD = /^(\d*)<<(-?)([^<]+)$/;

/**
 * Parses `text`. With `previous` (the result for an earlier text of the same document, which must not be used
 * afterwards: its instructions move into the new result), only what the edit can have changed is parsed again
 * (reparse.ts); the result equals a fresh parse.
 */
export function parse(text: string, previous?: ParseResult): ParseResult {
  const lines = text.split(/\r?\n/);
  const res: ParseResult = {
    lines,
    directivesEnd: 0,
    openEnded: new Set(),
    escapeChar: '\\',
    directives: [],
    comments: [],
    instructions: [],
    problems: [],
    refs: [],
  };
  const reuse = previous && planReuse(previous, lines);
  let i = reuse ? reuse.keepPrefix(res) : (res.directivesEnd = readDirectives(res));
  while (i < lines.length) {
    if (reuse?.resumeAt(res, i)) break;
    const line = lines[i]!; // i < lines.length
    const first = firstNonSpace(line);
    if (first < 0) {
      i++;
      continue;
    }
    if (line[first] === '#') {
      res.comments.push({
        text: line.slice(first + 1),
        range: lineRange(i, first, line.length),
        inContinuation: false,
      });
      i++;
      continue;
    }
    i = readInstruction(res, i, first);
  }
  return res;
}

function readDirectives(res: ParseResult): number {
  const seen = new Set<string>();
  let i = 0;
  for (; i < res.lines.length; i++) {
    const line = i === 0 ? res.lines[0]!.replace(/^\uFEFF/, ' ') : res.lines[i]!; // i < res.lines.length
    const m = matchDirective(line.trimStart());
    if (!m) break;
    const name = m[1].toLowerCase();
    // Like BuildKit: an unknown directive, or a known one with no value (`# escape=`), is a plain comment, and the
    // first comment ends the directives (a `# escape=` below it is a comment too).
    if (!KNOWN_DIRECTIVES.has(name) || m[2] === '') break;
    const nameStart = line.indexOf(m[1]);
    const valueStart = m[2] ? line.indexOf(m[2], line.indexOf('=', nameStart) + 1) : line.length;
    const d: Directive = {
      name,
      value: m[2],
      range: lineRange(i, 0, line.length),
      nameRange: lineRange(i, nameStart, nameStart + m[1].length),
      valueRange: lineRange(i, valueStart, valueStart + m[2].length),
    };
    if (seen.has(name))
      res.problems.push({
        code: 'DuplicateDirective',
        message: l10n.t('Only one "{0}" parser directive can be used.', name),
        range: d.range,
      });
    seen.add(name);
    res.directives.push(d);
    if (name === 'escape') {
      if (m[2] === '\\' || m[2] === '`') {
        if (res.directives.filter((x) => x.name === 'escape').length === 1) res.escapeChar = m[2];
      } else
        res.problems.push({
          code: 'InvalidEscapeDirective',
          message: l10n.t('Invalid escape character "{0}": use \\ or `.', m[2]),
          range: d.valueRange,
        });
    }
  }
  return i;
}

/** Where `line` ends in the escape character followed only by blanks (a continuation); -1 when it does not. */
function continuationAt(line: string, escape: string): number {
  let k = line.length - 1;
  while (k >= 0 && (line[k] === ' ' || line[k] === '\t')) k--;
  return k >= 0 && line[k] === escape ? k : -1;
}

function readInstruction(res: ParseResult, startLine: number, first: number): number {
  const { lines, escapeChar } = res;
  const line = lines[startLine]!; // the caller found an instruction on this line
  const lg = new LogicalLine();
  const emptyLines: number[] = [];
  let i = startLine;
  let rest = line.slice(first);
  let col = first;
  let runsOut = false;
  // Each line is appended without its trailing escape (and what follows it); a continued line pulls in the next.
  for (;;) {
    const escapeAt = continuationAt(rest, escapeChar);
    lg.append(i, col, escapeAt >= 0 ? rest.slice(0, escapeAt) : rest);
    if (escapeAt < 0) break;
    let next = i + 1;
    for (; next < lines.length; next++) {
      const l = lines[next]!; // next < lines.length
      const f = firstNonSpace(l);
      if (f < 0) {
        emptyLines.push(next);
        continue;
      }
      if (l[f] === '#') {
        res.comments.push({ text: l.slice(f + 1), range: lineRange(next, f, l.length), inContinuation: true });
        continue;
      }
      break;
    }
    if (next >= lines.length) {
      i = lines.length - 1;
      runsOut = true;
      break;
    }
    i = next;
    rest = lines[i]!; // next < lines.length, checked above
    col = 0;
  }
  // The keyword is read after joining, as BuildKit does (`RUN\` + newline + `  echo` is a RUN).
  let kwEnd = 0;
  while (kwEnd < lg.text.length && !isSpace(lg.text[kwEnd])) kwEnd++;
  const keyword = lg.text.slice(0, kwEnd);
  const inst = newInstruction(res.instructions.length, keyword, lg, 0);
  inst.emptyContinuationLines = emptyLines.filter((l) => l < lg.lastLine);
  analyze(res, inst, lg, keyword.length);
  let end = lg.lastLine;
  let endChar = lines[end]?.length ?? 0;
  const body = inst.onbuild ?? inst;
  if (HEREDOC_INSTRUCTIONS.has(body.name)) {
    const next = readHeredocs(res, body, lg, end + 1);
    inst.heredocs = body.heredocs;
    if (next > end + 1) {
      end = next - 1;
      endChar = lines[end]?.length ?? 0;
    }
  }
  inst.endLine = end;
  if (runsOut || inst.heredocs.some((h) => !h.terminated)) res.openEnded.add(inst);
  inst.range = { start: inst.keywordRange.start, end: { line: end, character: endChar } };
  if (inst.onbuild) {
    inst.onbuild.endLine = end;
    inst.onbuild.range = { start: inst.onbuild.keywordRange.start, end: inst.range.end };
  }
  res.instructions.push(inst);
  return Math.max(end + 1, i + 1);
}

function newInstruction(index: number, keyword: string, lg: LogicalLine, kwAt: number): Instruction {
  const empty: Range = { start: lg.pos(kwAt), end: lg.pos(kwAt) };
  return {
    index,
    keyword,
    name: keyword.toUpperCase(),
    keywordRange: lg.range(kwAt, kwAt + keyword.length),
    range: empty,
    argsText: '',
    argsRange: empty,
    flags: [],
    args: [],
    body: '',
    bodyRange: empty,
    form: 'none',
    pairs: [],
    heredocs: [],
    startLine: lg.pos(kwAt).line,
    endLine: lg.lastLine,
    emptyContinuationLines: [],
    stage: -1,
  };
}

/** Fills flags, words, form, pairs and references of `inst` from lg.text[from…]. */
function analyze(res: ParseResult, inst: Instruction, lg: LogicalLine, from: number, inner = false): void {
  const t = lg.text;
  const esc = res.escapeChar;
  let a = from;
  while (a < t.length && isSpace(t[a])) a++;
  let z = t.length;
  while (z > a && isSpace(t[z - 1])) z--;
  inst.argsText = t.slice(a, z);
  inst.argsRange = lg.range(a, z);
  // One level only: `ONBUILD ONBUILD …` is a builder error (OnbuildNotAllowed), so a chain of them is not unwrapped
  // further (that recursion was as deep as the chain was long).
  if (inst.name === 'ONBUILD' && a < z && !inner) {
    let k = a;
    while (k < z && !isSpace(t[k])) k++;
    const wrapped = newInstruction(inst.index, t.slice(a, k), lg, a);
    analyze(res, wrapped, lg, k, true);
    inst.onbuild = wrapped;
    inst.args = splitWords(t, a, z, esc).map((s) => word(lg, t, s.start, s.end));
    inst.body = inst.argsText;
    inst.bodyRange = inst.argsRange;
    return;
  }
  // Flags: leading `--name[=value]` words.
  const words = splitWords(t, a, z, esc);
  let w = 0;
  for (; w < words.length; w++) {
    const s = words[w]!; // w < words.length
    if (!t.startsWith('--', s.start) || s.end - s.start < 3) break;
    const eq = t.indexOf('=', s.start);
    const nameEnd = eq >= 0 && eq < s.end ? eq : s.end;
    const flag: Flag = {
      name: t.slice(s.start + 2, nameEnd),
      range: lg.range(s.start, s.end),
      nameRange: lg.range(s.start + 2, nameEnd),
    };
    if (nameEnd < s.end) {
      flag.value = t.slice(nameEnd + 1, s.end);
      flag.valueRange = lg.range(nameEnd + 1, s.end);
    }
    inst.flags.push(flag);
    if (flag.value) addRefs(res, inst, lg, nameEnd + 1, s.end, !inner, false);
  }
  const bodyStart = words[w]?.start ?? z;
  inst.body = t.slice(bodyStart, z);
  inst.bodyRange = lg.range(bodyStart, z);
  inst.args = words.slice(w).map((s) => word(lg, t, s.start, s.end));
  // HEALTHCHECK [flags] CMD <command>: the command part has a form of its own.
  let formStart = bodyStart;
  if (inst.name === 'HEALTHCHECK' && inst.args[0]?.value.toUpperCase() === 'CMD') formStart = words[w + 1]?.start ?? z;
  if (EXEC_CAPABLE.has(inst.name) || (inst.name === 'HEALTHCHECK' && formStart !== bodyStart)) {
    inst.form = 'shell';
    if (t[formStart] === '[') {
      const parsed = parseJsonStrings(t, formStart, z);
      if ('items' in parsed) {
        inst.form = 'exec';
        inst.execArgs = parsed.items.map((it) => ({ value: it.value, range: lg.range(it.start, it.end) }));
      } else {
        const raw = t.slice(formStart, z);
        if ('items' in parseJsonStrings(raw.replace(/'/g, '"'), 0, raw.length) && raw.includes("'")) {
          inst.jsonProblem = {
            kind: 'singleQuotes',
            message: l10n.t('Exec form needs double quotes; with single quotes this runs as shell form.'),
          };
        } else if (/^\[\S/.test(raw) || /^\[\s*"(?:[^"\\]|\\.)*"\s*,/.test(raw) || inst.name === 'SHELL') {
          inst.jsonProblem = { kind: 'invalid', message: l10n.t('Invalid JSON in exec form: {0}.', parsed.error) };
        }
      }
    }
  }
  if (inst.name === 'ENV' || inst.name === 'LABEL' || inst.name === 'ARG')
    inst.pairs = pairs(inst, lg, t, words.slice(w), z);
  // References: the builder expands some instructions; for shell-run ones (RUN/CMD/…) we still record them for navigation.
  if (inst.form === 'exec' && inst.name !== 'COPY' && inst.name !== 'ADD' && inst.name !== 'VOLUME') return;
  const expanded = EXPANDING_INSTRUCTIONS.has(inst.name) && !inner;
  addRefs(res, inst, lg, bodyStart, z, expanded, false);
}

function pairs(
  inst: Instruction,
  lg: LogicalLine,
  t: string,
  words: { start: number; end: number }[],
  z: number,
): KeyValue[] {
  const out: KeyValue[] = [];
  const k = words[0];
  if (k === undefined) return out;
  const firstEq = t.slice(k.start, k.end).indexOf('=');
  if (inst.name !== 'ARG' && firstEq < 0) {
    // Legacy `ENV KEY value with spaces`: the first word is the key, the rest is the value.
    const pair: KeyValue = {
      key: t.slice(k.start, k.end),
      keyRange: lg.range(k.start, k.end),
      legacy: true,
      range: lg.range(k.start, z),
    };
    const valueWord = words[1];
    if (valueWord) {
      pair.value = t.slice(valueWord.start, z);
      pair.valueRange = lg.range(valueWord.start, z);
    }
    return [pair];
  }
  for (const s of words) {
    const eq = t.indexOf('=', s.start);
    const keyEnd = eq >= 0 && eq < s.end ? eq : s.end;
    const pair: KeyValue = {
      key: t.slice(s.start, keyEnd),
      keyRange: lg.range(s.start, keyEnd),
      legacy: false,
      range: lg.range(s.start, s.end),
    };
    if (keyEnd < s.end) {
      pair.value = t.slice(keyEnd + 1, s.end);
      pair.valueRange = lg.range(keyEnd + 1, s.end);
    }
    out.push(pair);
  }
  return out;
}

function addRefs(
  res: ParseResult,
  inst: Instruction,
  lg: LogicalLine,
  from: number,
  to: number,
  expanded: boolean,
  inHeredoc: boolean,
): void {
  const depth = { max: 0 };
  const refs = scanReferences(lg.text, from, to, res.escapeChar, true, depth);
  if (depth.max > MAX_NESTING) {
    res.problems.push({
      code: 'NestingTooDeep',
      range: lg.range(from, to),
      message: l10n.t(
        'Variable references nest {0} deep here; Berth evaluates up to {1} levels, so values and checks that depend on this text are skipped.',
        depth.max,
        MAX_NESTING,
      ),
    });
  }
  for (const r of refs) {
    res.refs.push({
      ref: r,
      range: lg.range(r.start, r.end),
      nameRange: lg.range(r.nameStart, r.nameStart + r.name.length),
      instruction: inst,
      expandedByBuilder: expanded,
      inHeredoc,
    });
  }
}

function word(lg: LogicalLine, t: string, start: number, end: number): Word {
  return { value: t.slice(start, end), range: lg.range(start, end) };
}

/** Reads the bodies of the heredocs named in `inst`'s line, starting at document line `at`; returns the next line. */
function readHeredocs(res: ParseResult, inst: Instruction, lg: LogicalLine, at: number): number {
  const t = lg.text;
  const markers: { delimiter: string; quoted: boolean; chomp: boolean; range: Range }[] = [];
  if (!t.includes('<<')) return at;
  const from = inst.bodyRange.start;
  for (const s of splitWords(t, 0, t.length, res.escapeChar)) {
    const m = HEREDOC_WORD.exec(t.slice(s.start, s.end));
    if (!m) continue;
    const r = lg.range(s.start, s.end);
    if (r.start.line < from.line || (r.start.line === from.line && r.start.character < from.character)) continue;
    let name = m[3]!; // the delimiter group always takes part
    const quoted = /^(["']).*\1$/.test(name) && name.length >= 2;
    if (quoted) name = name.slice(1, -1);
    if (!name) continue;
    markers.push({ delimiter: name, quoted, chomp: m[2] === '-', range: r });
  }
  const lines = res.lines;
  const index = (res.lineIndex ??= new LineIndex(lines));
  let line = at;
  for (const mk of markers) {
    const bodyStart = line;
    const closed = index.next(mk.delimiter, line, mk.chomp);
    // Unterminated (often: still being typed): the body stops before the next line that reads as an instruction,
    // so the rest of the file keeps its diagnostics and outline.
    const resume = closed < 0 ? index.nextInstructionLike(bodyStart) : closed;
    const bodyEnd = resume - 1;
    const body = lines.slice(bodyStart, bodyEnd + 1).join('\n');
    const doc: Heredoc = {
      delimiter: mk.delimiter,
      quoted: mk.quoted,
      chomp: mk.chomp,
      markerRange: mk.range,
      body,
      terminated: closed >= 0,
      bodyRange:
        bodyEnd >= bodyStart
          ? { start: { line: bodyStart, character: 0 }, end: { line: bodyEnd, character: lines[bodyEnd]!.length } }
          : { start: { line: bodyStart, character: 0 }, end: { line: bodyStart, character: 0 } },
    };
    if (closed >= 0) {
      doc.closeRange = lineRange(closed, 0, lines[closed]!.length);
      line = closed + 1;
    } else {
      res.problems.push({
        code: 'UnterminatedHeredoc',
        message: l10n.t('Heredoc "{0}" is never closed: add a line "{1}".', mk.delimiter, mk.delimiter),
        range: mk.range,
      });
      line = resume;
    }
    inst.heredocs.push(doc);
    if (!mk.quoted) {
      // The shell (RUN) or the builder (COPY/ADD) expands the body; recorded for navigation, not for UndefinedVar.
      const bl = new LogicalLine();
      for (let l = bodyStart; l <= bodyEnd; l++) bl.append(l, 0, lines[l] + '\n');
      addRefs(res, inst, bl, 0, bl.text.length, false, true);
    }
  }
  return line;
}

const INSTRUCTION_LINE =
  /^(ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|FROM|HEALTHCHECK|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR)\s/;

/**
 * Answers "the first line at or after `from` that is X" in O(log n): many heredocs that never close (a file being
 * typed, or a hostile one) would otherwise each scan to the end of the file.
 */
class LineIndex {
  private exact?: Map<string, number[]>;
  private tabStripped?: Map<string, number[]>;
  private instructionLike?: Int32Array;
  private missed = false;
  constructor(private readonly lines: string[]) {}

  /** The first line ≥ from equal to `text` (after stripping leading tabs when `chomp`); -1 when none. */
  next(text: string, from: number, chomp: boolean): number {
    // Until a delimiter is missing, a plain scan: bodies do not overlap, so scans that find their delimiter read
    // each line once at most, and the tables (a map of every line) are built only for a file with an unclosed one.
    if (!this.missed) {
      for (let l = Math.max(from, 0); l < this.lines.length; l++) {
        const line = this.lines[l]!; // l < lines.length
        if (line === text || (chomp && line.endsWith(text) && /^\t*$/.test(line.slice(0, line.length - text.length))))
          return l;
      }
      this.missed = true;
    }
    const map = chomp
      ? (this.tabStripped ??= this.build((l) => l.replace(/^\t+/, '')))
      : (this.exact ??= this.build((l) => l));
    const at = map.get(text);
    if (!at) return -1;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < from)
        lo = mid + 1; // lo ≤ mid < hi ≤ at.length
      else hi = mid;
    }
    return at[lo] ?? -1;
  }

  /** The first line ≥ from that reads as an instruction; lines.length when none. */
  nextInstructionLike(from: number): number {
    if (!this.instructionLike) {
      const next = new Int32Array(this.lines.length + 1);
      next[this.lines.length] = this.lines.length;
      for (let l = this.lines.length - 1; l >= 0; l--)
        next[l] = INSTRUCTION_LINE.test(this.lines[l]!) ? l : next[l + 1]!;
      this.instructionLike = next;
    }
    return this.instructionLike[Math.min(Math.max(from, 0), this.lines.length)]!; // the table has lines.length + 1 slots
  }

  private build(key: (line: string) => string): Map<string, number[]> {
    const map = new Map<string, number[]>();
    this.lines.forEach((l, i) => {
      const k = key(l);
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    });
    return map;
  }
}

function firstNonSpace(line: string): number {
  for (let i = 0; i < line.length; i++) if (!isSpace(line[i])) return i;
  return -1;
}

function lineRange(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}
