// Formatting (document, range, on type): instruction keywords (and FROM's AS) upper-cased at the start of their line,
// continuation lines indented by one unit, comment lines outside instructions unindented, trailing blanks removed.
// Heredoc bodies and their closing lines are never touched: their whitespace is content.
import type { FormattingOptions, Position, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction } from './parse/model';

function indentUnit(o: FormattingOptions): string {
  return o.insertSpaces ? ' '.repeat(o.tabSize) : '\t';
}

function heredocLines(model: DockerfileModel): Set<number> {
  const out = new Set<number>();
  for (const inst of model.instructions) {
    for (const h of inst.heredocs) {
      const last = h.closeRange ? h.closeRange.start.line : h.bodyRange.end.line;
      for (let l = h.bodyRange.start.line; l <= last; l++) if (l > inst.startLine) out.add(l);
    }
  }
  return out;
}

function keywordEdits(inst: Instruction, model: DockerfileModel, out: TextEdit[]): void {
  const kw = inst.keywordRange;
  const line = model.lines[kw.start.line] ?? '';
  if (
    kw.start.line === inst.startLine &&
    inst === model.instructions[inst.index] &&
    kw.start.character > 0 &&
    /^\s+$/.test(line.slice(0, kw.start.character))
  ) {
    out.push({ range: { start: { line: kw.start.line, character: 0 }, end: kw.start }, newText: '' });
  }
  // (A keyword broken by a continuation, `RU\⏎N`, spans lines: left as written.)
  if (inst.keyword !== inst.keyword.toUpperCase() && /^[a-zA-Z]+$/.test(inst.keyword) && kw.start.line === kw.end.line)
    out.push({ range: kw, newText: inst.keyword.toUpperCase() });
  if (inst.name === 'FROM') {
    const as = inst.args[1];
    if (as && as.value.toUpperCase() === 'AS' && as.value !== 'AS' && as.range.start.line === as.range.end.line)
      out.push({ range: as.range, newText: 'AS' });
  }
  if (inst.onbuild) keywordEdits(inst.onbuild, model, out);
}

/** Edits for the lines from `fromLine` to `toLine` (inclusive); the whole document by default. */
export function formatEdits(
  model: DockerfileModel,
  options: FormattingOptions,
  fromLine = 0,
  toLine = Number.MAX_SAFE_INTEGER,
): TextEdit[] {
  const out: TextEdit[] = [];
  const unit = indentUnit(options);
  const heredoc = heredocLines(model);
  const instructionOf = new Map<number, Instruction>();
  for (const inst of model.instructions)
    for (let l = inst.startLine; l <= inst.endLine; l++) instructionOf.set(l, inst);
  const directiveLines = new Set(model.directives.map((d) => d.range.start.line));
  for (let l = Math.max(0, fromLine); l < model.lines.length && l <= toLine; l++) {
    if (heredoc.has(l) || directiveLines.has(l)) continue;
    const text = model.lines[l]!; // l < model.lines.length
    const inst = instructionOf.get(l);
    const indent = /^[ \t]*/.exec(text)![0];
    // Found by walking back: an unanchored /[ \t]*$/ retries at every blank of the line (quadratic on long ones).
    let trailing = text.length;
    while (trailing > 0 && (text[trailing - 1] === ' ' || text[trailing - 1] === '\t')) trailing--;
    if (trailing < text.length && trailing > 0)
      out.push({
        range: { start: { line: l, character: trailing }, end: { line: l, character: text.length } },
        newText: '',
      });
    if (inst && l === inst.startLine) {
      keywordEdits(inst, model, out);
      continue;
    }
    if (text.trim() === '') {
      if (text.length)
        out.push({
          range: { start: { line: l, character: 0 }, end: { line: l, character: text.length } },
          newText: '',
        });
      continue;
    }
    const wanted = inst ? unit : '';
    if (indent !== wanted)
      out.push({
        range: { start: { line: l, character: 0 }, end: { line: l, character: indent.length } },
        newText: wanted,
      });
  }
  // Overlapping edits are not allowed: a blank-only line gives both a trailing and a blank edit, keep one.
  // (One set of starts: comparing each edit with every earlier one was quadratic in the number of edits.)
  const starts = new Set<string>();
  return out.filter((e) => {
    const at = `${e.range.start.line}:${e.range.start.character}`;
    if (starts.has(at)) return false;
    starts.add(at);
    return true;
  });
}

/**
 * On type: after Enter on a continued line, indent the new line by one unit; after typing the escape character at the
 * end of an instruction's first line, upper-case its keyword.
 */
export function onTypeEdits(model: DockerfileModel, pos: Position, ch: string, options: FormattingOptions): TextEdit[] {
  const esc = model.escapeChar;
  if (ch === '\n') {
    const prev = model.lines[pos.line - 1] ?? '';
    const inst = model.instructions.find((i) => i.startLine <= pos.line - 1 && pos.line - 1 <= i.endLine);
    if (!inst || !prev.trimEnd().endsWith(esc) || heredocLines(model).has(pos.line)) return [];
    const text = model.lines[pos.line] ?? '';
    const indent = /^[ \t]*/.exec(text)![0];
    const unit = indentUnit(options);
    return indent === unit
      ? []
      : [
          {
            range: { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: indent.length } },
            newText: unit,
          },
        ];
  }
  if (ch === esc) {
    const inst = model.instructions.find((i) => i.startLine === pos.line);
    if (!inst) return [];
    const out: TextEdit[] = [];
    keywordEdits(inst, model, out);
    return out;
  }
  return [];
}
