// ShellCheck on RUN bodies, as hadolint does it, in two pure halves: the scripts to check (one per shell-form RUN,
// with a map from each script line back to its Dockerfile line and column, continuations and heredocs included), and
// a rule that reports the results known for those scripts. Running the shellcheck binary is shellcheck-runner.ts's job.
import type { Range } from 'vscode-languageserver-types';
import { PROXY_ARGS, type DockerfileModel, type Instruction } from './parse/model';
import { baseLineage, stageLineage } from './rules/locate';
import type { Rule } from './rules/types';
import { instructionMemo } from './parse/semantic';

/** One ShellCheck finding, in the checked script's coordinates (1-based lines and columns, as ShellCheck prints). */
export interface ShellCheckComment {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
}

/** A script to check. Equal keys mean equal scripts and shells: results are cached by key. */
export interface ShellCheckJob {
  key: string;
  /** `sh`, `bash`, `dash` or `ksh`; undefined when the script starts with its own `#!`. */
  shell?: string;
  script: string;
  /** Lines before the RUN's own text (the `export NAME=1` lines for declared ARG/ENV names). */
  headerLines: number;
  /** For each line of the RUN's own text: where it starts in the Dockerfile. */
  lines: { line: number; character: number; length: number }[];
  instruction: Instruction;
}

/** Warnings ShellCheck cannot act on in a Dockerfile (hadolint leaves them out too): sourced files, ash. */
export const SHELLCHECK_EXCLUDED = ['SC1090', 'SC1091', 'SC2187'];
const POSIX_SHELL = /(?:^|\/)(sh|bash|dash|ksh|ash|mksh)$/;
const SUPPORTED_SHEBANG = /^#!\s*(\/bin\/(sh|bash|ksh|dash)|\/usr\/bin\/env\s+(sh|bash|ksh|dash))\b/;
/** A RUN longer than this is not sent to ShellCheck: no hand-written RUN is, and a generated one would stall it. */
export const MAX_RUN_LINES = 2000;
const SHELL_PRAGMA = /^\s*hadolint\s+shell\s*=\s*(\S+)/;
const WINDOWS_IMAGE =
  /(^|\/)(windows|servercore|nanoserver)|mcr\.microsoft\.com\/(windows|powershell|dotnet\/framework)/i;

/** The scripts of a Dockerfile's shell-form RUNs (ONBUILD RUN included) that run in a POSIX shell. */
export function shellcheckJobs(model: DockerfileModel): ShellCheckJob[] {
  if (model.escapeChar === '`') return [];
  const out: ShellCheckJob[] = [];
  // `# hadolint shell=bash` names the shell for the RUNs below it (hadolint's pragma), until a SHELL instruction.
  const pragmas = model.comments
    .map((c) => ({ line: c.range.start.line, shell: SHELL_PRAGMA.exec(c.text)?.[1] }))
    .filter((p): p is { line: number; shell: string } => p.shell !== undefined);
  let pragma: string | undefined;
  let nextPragma = 0;
  let declaredAt: FirstDeclarations | undefined;
  for (const stage of model.stages) {
    if (WINDOWS_IMAGE.test(stageLineage(model, stage).root.base)) continue;
    const inherited = baseLineage(model, stage)?.shell;
    let shell = inherited ? shellName(inherited) : undefined;
    let fromShellInstruction = !!inherited;
    for (const outer of stage.instructions) {
      for (let p; (p = pragmas[nextPragma]) && p.line < outer.startLine; nextPragma++) {
        pragma = p.shell;
        fromShellInstruction = false;
      }
      if (!fromShellInstruction) shell = pragma ? shellName(undefined, pragma) : 'sh';
      const inst = outer.onbuild ?? outer;
      if (inst.name === 'SHELL') {
        shell = shellName(inst);
        fromShellInstruction = true;
      }
      if (inst.name !== 'RUN' || inst.form === 'exec' || shell === undefined) continue;
      const job = jobFor(model, (declaredAt ??= firstDeclarations(model)), outer, inst, shell);
      if (job) out.push(job);
    }
  }
  return out;
}

/** `sh` for the default shell; undefined for a shell ShellCheck does not read (pwsh, cmd, python …). */
function shellName(shellInst: Instruction | undefined, named?: string): string | undefined {
  if (!shellInst && !named) return 'sh';
  const program = named ?? shellInst?.execArgs?.[0]?.value ?? '';
  const m = POSIX_SHELL.exec(program);
  if (!m) return undefined;
  return m[1] === 'ash' || m[1] === 'mksh' ? 'sh' : m[1];
}

/** What of a RUN's job depends on the RUN alone: kept per instruction, from version to version (instructionMemo). */
interface RunText {
  text: string[];
  lines: ShellCheckJob['lines'];
  /** The script starts with its own supported `#!`. */
  ownShebang: boolean;
  /** The shell a `RUN bash <<EOF` names for its heredoc script. */
  heredocShell?: string;
  /** The variables the script mentions, once each. */
  names: string[];
  /** The last job made of it: the same job (and key string, whose hash is then known) while its header stays. */
  last?: { dialect: string | undefined; header: string; job: ShellCheckJob };
}
const RUN_TEXTS = Symbol('ShellCheck run texts');

function jobFor(
  model: DockerfileModel,
  declaredAt: FirstDeclarations,
  outer: Instruction,
  run: Instruction,
  shell: string,
): ShellCheckJob | undefined {
  const memo = instructionMemo(model, RUN_TEXTS) as Map<Instruction, RunText | null>;
  let own = memo.get(outer);
  if (own === undefined) memo.set(outer, (own = runText(model, run) ?? null));
  if (!own) return undefined;
  const header = own.ownShebang ? [] : exportsFor(declaredAt, outer, own.names).map((n) => `export ${n}=1`);
  const dialect = own.ownShebang ? undefined : (own.heredocShell ?? shell);
  const headerText = header.join('\n');
  if (own.last && own.last.dialect === dialect && own.last.header === headerText) return own.last.job;
  const script = [...header, ...own.text].join('\n') + '\n';
  const job: ShellCheckJob = {
    key: `${dialect ?? '#!'}\0${script}`,
    shell: dialect,
    script,
    headerLines: header.length,
    lines: own.lines,
    instruction: outer,
  };
  own.last = { dialect, header: headerText, job };
  return job;
}

function runText(model: DockerfileModel, run: Instruction): RunText | undefined {
  if (run.endLine - run.startLine >= MAX_RUN_LINES) return undefined;
  const lines: ShellCheckJob['lines'] = [];
  const text: string[] = [];
  const push = (line: number, character: number, s: string) => {
    lines.push({ line, character, length: s.length });
    text.push(s);
  };
  const first = run.bodyRange.start;
  const heredoc = run.heredocs[0];
  const words = run.args.map((a) => a.value).filter((w) => !/^\d*<</.test(w));
  const scriptHeredoc =
    heredoc !== undefined &&
    run.heredocs.length === 1 &&
    (words[0] === undefined || (POSIX_SHELL.test(words[0]) && words.slice(1).every((w) => w.startsWith('-'))));
  let ownShebang = false;
  let heredocShell: string | undefined;
  if (scriptHeredoc) {
    // `RUN <<EOF` / `RUN bash <<EOF`: the body is the script.
    const body = heredoc.body.split('\n');
    if (heredoc.body === '') return undefined;
    const shebang = body[0] ?? '';
    if (shebang.startsWith('#!')) {
      if (!SUPPORTED_SHEBANG.test(shebang)) return undefined;
      ownShebang = true;
    }
    const start = heredoc.bodyRange.start.line;
    body.forEach((s, i) => push(start + i, 0, s));
    if (words[0]) heredocShell = POSIX_SHELL.exec(words[0])![1]!;
  } else if (run.heredocs.length > 0) {
    // `RUN cat <<EOF > /etc/x`: the lines as written are a shell script with a here-document.
    const end = run.endLine;
    for (let l = first.line; l <= end; l++) push(l, l === first.line ? first.character : 0, model.lines[l] ?? '');
  } else {
    // Continuation lines stay lines (the shell joins `\`+newline as BuildKit does); the comment and empty lines
    // BuildKit drops inside a continuation are dropped here too, and the map skips them.
    for (let l = first.line; l <= run.endLine; l++) {
      const line = model.lines[l] ?? '';
      const s = l === first.line ? line.slice(first.character) : line;
      if (l !== first.line && /^\s*(#|$)/.test(s)) continue;
      push(l, l === first.line ? first.character : 0, s.replace(/\\[ \t]+$/, '\\'));
    }
  }
  if (text.join('').trim() === '') return undefined;
  const names = new Set<string>();
  for (const m of text.join('\n').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  return { text, lines, ownShebang, heredocShell, names: [...names] };
}

/** Where each name is first declared, by scope: `${scope} ${name}` → instruction index. */
type FirstDeclarations = Map<string, number>;

function firstDeclarations(model: DockerfileModel): FirstDeclarations {
  const first: FirstDeclarations = new Map();
  for (const d of model.declarations) {
    const key = `${d.scope} ${d.name}`;
    if (!first.has(key)) first.set(key, d.instruction.index);
  }
  return first;
}

/**
 * The names the script reads that the RUN sees as set: ARG and ENV declared above it, and the proxy variables the
 * builder passes (hadolint's way to keep SC2154 quiet). Only names the script mentions, so the header stays short and
 * a declaration elsewhere does not change the script's cache key.
 */
function exportsFor(first: FirstDeclarations, inst: Instruction, mentioned: readonly string[]): string[] {
  const names: string[] = [];
  for (const name of mentioned) {
    const declared = [first.get(`-1 ${name}`), first.get(`${inst.stage} ${name}`)].some(
      (at) => at !== undefined && at < inst.index,
    );
    if (declared || PROXY_ARGS.includes(name)) names.push(name);
  }
  return names.sort();
}

/** Where a ShellCheck position (1-based, in the job's script) is in the Dockerfile. */
export function documentPosition(
  job: ShellCheckJob,
  line: number,
  column: number,
): { line: number; character: number } {
  const i = Math.min(Math.max(line - 1 - job.headerLines, 0), job.lines.length - 1);
  const at = job.lines[i];
  if (!at) return { line: 0, character: 0 }; // a job always maps at least one line
  const beyond = line - 1 - job.headerLines >= job.lines.length;
  const col = beyond ? at.length : Math.min(Math.max(column - 1, 0), at.length);
  return { line: at.line, character: at.character + col };
}

export function documentRange(job: ShellCheckJob, c: ShellCheckComment): Range {
  const start = documentPosition(job, c.line, c.column);
  let end = documentPosition(job, c.endLine, c.endColumn);
  if (end.line < start.line || (end.line === start.line && end.character <= start.character)) {
    const at = job.lines.find((l) => l.line === start.line);
    end = {
      line: start.line,
      character: Math.min(start.character + 1, at ? at.character + at.length : start.character + 1),
    };
  }
  return { start, end };
}

/** ShellCheck's levels as Berth shows them: never Error, since a RUN ShellCheck dislikes still builds. */
const SEVERITY = { error: 'warning', warning: 'warning', info: 'info', style: 'hint' } as const;

/** Reports the ShellCheck results `known` has for the model's scripts `jobs` (nothing for those not checked yet). */
export function shellcheckRule(
  jobs: readonly ShellCheckJob[],
  known: (job: ShellCheckJob) => readonly ShellCheckComment[] | undefined,
): Rule {
  return (input) => {
    for (const job of jobs) {
      for (const c of known(job) ?? []) {
        if (c.line <= job.headerLines) continue;
        input.report({
          code: `SC${c.code}`,
          range: documentRange(job, c),
          message: c.message,
          severity: SEVERITY[c.level] ?? 'warning',
          family: 'shellcheck',
        });
      }
    }
  };
}

/** Reads `shellcheck --format=json1` output for several files: the comments of each file, by file name. */
export function parseShellCheckJson(output: string): Map<string, ShellCheckComment[]> {
  const out = new Map<string, ShellCheckComment[]>();
  const parsed = JSON.parse(output) as { comments?: (ShellCheckComment & { file: string })[] };
  for (const c of parsed.comments ?? []) {
    const list = out.get(c.file) ?? [];
    list.push({
      line: c.line,
      column: c.column,
      endLine: c.endLine,
      endColumn: c.endColumn,
      level: c.level,
      code: c.code,
      message: c.message,
    });
    out.set(c.file, list);
  }
  return out;
}
