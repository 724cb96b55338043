// Folding: stages, instructions spread over several lines, heredoc bodies and blocks of comment lines.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { DockerfileModel } from './parse/model';

export function foldingRanges(model: DockerfileModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine > startLine) out.push({ startLine, endLine, kind });
  };
  for (const stage of model.stages) add(stage.from.startLine, stage.range.end.line, FoldingRangeKind.Region);
  for (const inst of model.instructions) {
    // The whole instruction (heredoc bodies included) folds to its first line; with several heredocs, each later
    // body also folds from the line that closed the previous one.
    add(inst.startLine, inst.endLine);
    for (const h of inst.heredocs.slice(1))
      add(h.bodyRange.start.line - 1, h.closeRange ? h.closeRange.start.line : h.bodyRange.end.line);
  }
  // Comment blocks: consecutive comment lines outside instructions (directives included).
  const commentLines = [
    ...model.directives.map((d) => d.range.start.line),
    ...model.comments.filter((c) => !c.inContinuation).map((c) => c.range.start.line),
  ].sort((a, b) => a - b);
  let start = -1;
  let prev = -2;
  for (const l of [...commentLines, Number.MAX_SAFE_INTEGER]) {
    if (l !== prev + 1) {
      if (start >= 0) add(start, prev, FoldingRangeKind.Comment);
      start = l;
    }
    prev = l;
  }
  return out;
}
