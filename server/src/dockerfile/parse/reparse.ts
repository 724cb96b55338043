// Incremental re-parse after an edit: the instructions before the edit, and after it when the edit kept the line
// count, are taken over from the previous parse; only the instructions in between are parsed again. A keystroke in a
// 600-line Dockerfile then parses one instruction, not three hundred.
// Why it equals a fresh parse: the parser reads forward only. An instruction's result depends on the escape character
// (the directives, so an edit there parses everything) and on its own lines, except for the open-ended ones
// (ParseResult.openEnded: an unterminated heredoc or a continuation at the end of the file), which are never reused
// before an edit. After the edit, the parser resumes an old instruction once it stands at that instruction's first
// line at top level: from there on the text, and so the parse, is the same as before.
import type { ParseResult } from './parser';

export interface Reuse {
  /** Copies the unchanged head into `res`; returns the line where parsing continues. */
  keepPrefix(res: ParseResult): number;
  /** At top-level line `line` of the new text: when the rest can be taken over, appends it to `res` and says so. */
  resumeAt(res: ParseResult, line: number): boolean;
}

/** What of `old` (the parse of the previous version) a parse of the lines `lines` can reuse; undefined: nothing. */
export function planReuse(old: ParseResult, lines: readonly string[]): Reuse | undefined {
  // The parse reads lines only (split at \n and \r\n), so equal lines parse alike. Lines before `firstChanged` are
  // the same in both versions; with an equal line count, so are lines after `lastChanged`.
  const oldLines = old.lines;
  const max = Math.min(oldLines.length, lines.length);
  let firstChanged = 0;
  while (firstChanged < max && oldLines[firstChanged] === lines[firstChanged]) firstChanged++;
  if (firstChanged <= old.directivesEnd) return undefined;
  let lastChanged = lines.length - 1;
  while (lastChanged >= firstChanged && oldLines[lastChanged] === lines[lastChanged]) lastChanged--;
  const sameLineCount = lines.length === oldLines.length;
  const oldInstructions = old.instructions;
  let kept = 0;
  while (kept < oldInstructions.length) {
    const inst = oldInstructions[kept]!; // kept < length
    if (inst.endLine >= firstChanged || old.openEnded.has(inst)) break;
    kept++;
  }
  const start = kept > 0 ? oldInstructions[kept - 1]!.endLine + 1 : old.directivesEnd; // kept ≥ 1
  // Old instructions by first line, from the first one after the edit (only used with an equal line count).
  let next = kept;
  return {
    keepPrefix(res) {
      res.directivesEnd = old.directivesEnd;
      res.escapeChar = old.escapeChar;
      res.directives = old.directives;
      res.lineIndex = undefined;
      for (let k = 0; k < kept; k++) {
        const inst = oldInstructions[k]!; // k < kept ≤ length
        res.instructions.push(inst);
        if (old.openEnded.has(inst)) res.openEnded.add(inst);
      }
      for (const c of old.comments) if (c.range.start.line < start) res.comments.push(c);
      for (const p of old.problems) if (p.range.start.line < start) res.problems.push(p);
      for (const r of old.refs) {
        if (r.instruction.index >= kept) break;
        res.refs.push(r);
      }
      return start;
    },
    resumeAt(res, line) {
      if (!sameLineCount || line <= lastChanged) return false;
      while (next < oldInstructions.length && oldInstructions[next]!.startLine < line) next++;
      const from = oldInstructions[next];
      if (from === undefined || from.startLine !== line) return false;
      const shift = res.instructions.length - next;
      for (const r of old.refs) if (r.instruction.index >= next) res.refs.push(r);
      for (let k = next; k < oldInstructions.length; k++) {
        const inst = oldInstructions[k]!; // k < length
        if (shift !== 0) {
          inst.index += shift;
          if (inst.onbuild) inst.onbuild.index = inst.index;
        }
        res.instructions.push(inst);
        if (old.openEnded.has(inst)) res.openEnded.add(inst);
      }
      for (const c of old.comments) if (c.range.start.line >= line) res.comments.push(c);
      for (const p of old.problems) if (p.range.start.line >= line) res.problems.push(p);
      return true;
    },
  };
}
