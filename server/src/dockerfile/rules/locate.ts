// Finds where a command sits inside a (possibly multi-line) instruction, so diagnostics point at `apt-get install`
// rather than at the whole RUN, and quick fixes know where to insert.
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction, Stage } from '../model';
import type { ShellCommand } from '../shell';

/** Range of the first match of `pattern` within the instruction's lines (the keyword range when nothing matches). */
export function locate(model: DockerfileModel, inst: Instruction, pattern: RegExp): Range {
  const re = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  for (let line = inst.startLine; line <= inst.endLine; line++) {
    const text = model.lines[line];
    const from = line === inst.startLine ? inst.keywordRange.end.character : 0;
    const m = re.exec(text.slice(from));
    if (m) return { start: { line, character: from + m.index }, end: { line, character: from + m.index + m[0].length } };
  }
  return inst.keywordRange;
}

/** A regex matching the command `cmd` followed by its sub-command, tolerant of options and continuations between. */
export function commandPattern(cmd: ShellCommand, sub?: string): RegExp {
  const name = cmd.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return sub ? new RegExp(`\\b${name}\\b[^&|;]*?\\b${sub}\\b`) : new RegExp(`\\b${name}\\b`);
}

/** The cache mount targets of a RUN (`--mount=type=cache,target=…`). */
export function cacheTargets(inst: Instruction): string[] {
  const run = inst.onbuild ?? inst;
  const out: string[] = [];
  for (const f of run.flags) {
    if (f.name !== 'mount' || !f.value || !/(^|,)type=cache(,|$)/.test(f.value)) continue;
    const t = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value);
    if (t) out.push(t[1]);
  }
  return out;
}

/** Stages whose instructions a stage inherits (itself first, then the stages it builds on). */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [];
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.push(s);
    s = s.baseStage === undefined ? undefined : model.stages[s.baseStage];
  }
  return out;
}
