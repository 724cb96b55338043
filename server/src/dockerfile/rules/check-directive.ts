// BuildKit's `# check=` configuration, read as BuildKit's linter reads it: the parser directive at the top of the file
// sets skip, error and experimental for the whole file, and a `# check=…` comment right above an instruction adds skip
// and experimental rules for the checks that run on that instruction. Rule names are case-sensitive; `skip` never
// turns off an experimental rule, which runs only when `experimental` names it (or says `all`).
import * as l10n from '@vscode/l10n';
import type { DockerfileModel } from '../parse/model';

export interface CheckConfig {
  skipAll: boolean;
  skip: ReadonlySet<string>;
  experimentalAll: boolean;
  experimental: ReadonlySet<string>;
  /** `error=true`: BuildKit fails the build when a check fires (from the file's directive only). */
  error: boolean;
}

export const EMPTY_CHECK_CONFIG: CheckConfig = {
  skipAll: false,
  skip: new Set(),
  experimentalAll: false,
  experimental: new Set(),
  error: false,
};

/** BuildKit's checks that run only when `# check=experimental=…` names them. */
export const EXPERIMENTAL_CHECKS: ReadonlySet<string> = new Set(['InvalidDefinitionDescription']);

/**
 * Checks BuildKit runs once over the whole file, with the file's configuration only: a `# check=` comment above one
 * instruction does not reach them.
 */
export const FILE_LEVEL_CHECKS: ReadonlySet<string> = new Set([
  'NoEmptyContinuation',
  'ConsistentInstructionCasing',
  'DuplicateStageName',
  'ReservedStageName',
  'InvalidDefaultArgInFrom',
]);

const PARSE_BOOL: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/** The options of a `check` directive value (BuildKit's ParseLintOptions), or an error message when it refuses them. */
export function parseCheckOptions(value: string): CheckConfig | { error: string } {
  const text = value.trim();
  if (!text) return EMPTY_CHECK_CONFIG;
  const config = { ...EMPTY_CHECK_CONFIG, skip: new Set<string>(), experimental: new Set<string>() };
  // Go's SplitN(…, ";", 3): a third part keeps any further semicolons.
  const parts = text.split(';');
  const limited = parts.length > 3 ? [...parts.slice(0, 2), parts.slice(2).join(';')] : parts;
  for (const part of limited) {
    const eq = part.indexOf('=');
    if (eq < 0) return { error: l10n.t('invalid check option "{0}"', part) };
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip' || key === 'experimental') {
      const names = v === 'all' ? undefined : v.split(',').map((s) => s.trim());
      if (key === 'skip') {
        if (names) names.forEach((n) => config.skip.add(n));
        else config.skipAll = true;
      } else if (names) names.forEach((n) => config.experimental.add(n));
      else config.experimentalAll = true;
    } else if (key === 'error') {
      const b = PARSE_BOOL[v];
      if (b === undefined)
        return { error: l10n.t('failed to parse check option "{0}": "{1}" is not a boolean', part, v) };
      config.error = b;
    } else return { error: l10n.t('invalid check option "{0}"', key) };
  }
  return config;
}

/** A comment read as a directive, the way BuildKit reads comments above an instruction (no `#`, any key). */
const COMMENT_DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** The configuration a `# check=` comment adds, merged into `base` (skip and experimental only, as BuildKit merges). */
export function mergeCommentConfig(base: CheckConfig, comments: readonly string[]): CheckConfig {
  for (const comment of comments) {
    const m = COMMENT_DIRECTIVE.exec(comment.trimStart());
    if (!m || m[1]!.toLowerCase() !== 'check') continue;
    // BuildKit takes the first check comment only, and the value up to its first blank.
    const parsed = parseCheckOptions(m[2]!.split(' ', 1)[0]!);
    if ('error' in parsed && typeof parsed.error === 'string') return base;
    const other = parsed as CheckConfig;
    return {
      skipAll: base.skipAll || other.skipAll,
      skip: new Set([...base.skip, ...other.skip]),
      experimentalAll: base.experimentalAll || other.experimentalAll,
      experimental: new Set([...base.experimental, ...other.experimental]),
      error: base.error,
    };
  }
  return base;
}

/** Whether BuildKit runs check `code` under `config`. */
export function checkEnabled(config: CheckConfig, code: string): boolean {
  if (EXPERIMENTAL_CHECKS.has(code)) return config.experimentalAll || config.experimental.has(code);
  return !config.skipAll && !config.skip.has(code);
}

/** The file's own configuration, from its `# check=` parser directive; `problem` when BuildKit refuses the value. */
export function fileCheckConfig(model: DockerfileModel): { config: CheckConfig; problem?: string } {
  const directive = model.directives.find((d) => d.name === 'check');
  if (!directive) return { config: EMPTY_CHECK_CONFIG };
  const parsed = parseCheckOptions(directive.value);
  if ('skipAll' in parsed) return { config: parsed };
  return { config: EMPTY_CHECK_CONFIG, problem: parsed.error };
}

/**
 * For each instruction (by index), the comments BuildKit attaches to it: those since the previous instruction,
 * trimmed, outside continuations; a bare `#` line starts the list over. Parser directives are not among them.
 */
export function precedingComments(model: DockerfileModel): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const comments = model.comments.filter((c) => !c.inContinuation);
  let c = 0;
  for (const inst of model.instructions) {
    let list: string[] = [];
    for (let comment; (comment = comments[c]) && comment.range.start.line < inst.startLine; c++) {
      const text = comment.text.trim();
      if (text === '') list = [];
      else list.push(text);
    }
    if (list.length) out.set(inst.index, list);
  }
  return out;
}
