// Finds where a command sits inside a (possibly multi-line) instruction, so diagnostics point at `apt-get install`
// rather than at the whole RUN, and quick fixes know where to insert.
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction, Stage } from '../parse/model';
import type { ShellCommand } from '../shell';
import { perModel } from '../parse/semantic';

/** Range of the first match of `pattern` within the instruction's lines (the keyword range when nothing matches). */
export function locate(model: DockerfileModel, inst: Instruction, pattern: RegExp): Range {
  // A copy only when exec would read or move lastIndex: the rules call this on every keystroke.
  const re = pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace('g', '')) : pattern;
  for (let line = inst.startLine; line <= inst.endLine; line++) {
    const text = model.lines[line] ?? '';
    const from = line === inst.startLine ? inst.keywordRange.end.character : 0;
    const m = re.exec(text.slice(from));
    if (m)
      return { start: { line, character: from + m.index }, end: { line, character: from + m.index + m[0].length } };
  }
  return inst.keywordRange;
}

/** A regex matching the command `cmd` followed by its sub-command, tolerant of options and continuations between. */
export function commandPattern(cmd: ShellCommand, sub?: string): RegExp {
  const key = `${cmd.name}\0${sub ?? ''}`;
  let re = COMMAND_PATTERNS.get(key);
  if (re) return re;
  const name = cmd.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  re = sub ? new RegExp(`\\b${name}\\b[^&|;]*?\\b${sub}\\b`) : new RegExp(`\\b${name}\\b`);
  if (COMMAND_PATTERNS.size >= MAX_COMMAND_PATTERNS) COMMAND_PATTERNS.clear();
  COMMAND_PATTERNS.set(key, re);
  return re;
}

/**
 * Compiled commandPattern()s (neither global nor sticky, so sharing them is safe): the same few commands are located
 * in every RUN on every keystroke. Command names come from the file, hence the bound.
 */
const COMMAND_PATTERNS = new Map<string, RegExp>();
const MAX_COMMAND_PATTERNS = 256;

/** The cache mount targets of a RUN (`--mount=type=cache,target=…`). */
export function cacheTargets(inst: Instruction): string[] {
  const run = inst.onbuild ?? inst;
  const out: string[] = [];
  for (const f of run.flags) {
    if (f.name !== 'mount' || !f.value || !/(^|,)type=cache(,|$)/.test(f.value)) continue;
    const t = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value);
    if (t) out.push(t[1]!);
  }
  return out;
}

/** What a stage inherits through the stages it builds on (`FROM earlier-stage`). */
export interface StageLineage {
  /** The first stage of the chain: the one built on an image (its `base`), or on nothing known. */
  root: Stage;
  /** The last SHELL of this stage or of a stage it builds on. */
  shell?: Instruction;
  /** This stage or a stage it builds on sets a WORKDIR. */
  workdir: boolean;
}

const LINEAGES = Symbol('stage lineages');

/**
 * Each stage's lineage, folded once in stage order (a base stage always comes earlier), so rules ask in O(1) what
 * walking the chain of `FROM s1 AS s2`, `FROM s2 AS s3`… would tell: thousands of chained stages stay linear.
 */
export function stageLineage(model: DockerfileModel, stage: Stage): StageLineage {
  const all = perModel(model, LINEAGES, () => {
    const out: StageLineage[] = [];
    for (const s of model.stages) {
      const base = s.baseStage !== undefined && s.baseStage < s.index ? out[s.baseStage] : undefined;
      const ownShell = s.instructions.filter((i) => i.name === 'SHELL').pop();
      out.push({
        root: base?.root ?? s,
        shell: ownShell ?? base?.shell,
        workdir: s.instructions.some((i) => i.name === 'WORKDIR') || !!base?.workdir,
      });
    }
    return out;
  });
  return all[stage.index]!; // one lineage per stage, in stage order
}

/** The lineage of the stage that `stage` builds on; undefined when it builds on an image. */
export function baseLineage(model: DockerfileModel, stage: Stage): StageLineage | undefined {
  const base = stage.baseStage === undefined ? undefined : model.stages[stage.baseStage];
  return base && stageLineage(model, base);
}
