// Runs every Dockerfile rule family over a model and turns findings into LSP diagnostics: severity from the catalog
// or the user's `berth.dockerfile.rules`, a documentation link per code, and suppression compatible with BuildKit
// (`# check=skip=A,B` / `skip=all`, experimental rules, a `# check=` comment above an instruction) and hadolint (`# hadolint ignore=…` above an instruction, `# hadolint global ignore=…`).
import { DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../lsp/settings';
import { DIAGNOSTIC_SEVERITY } from '../lsp/severity';
import type { DockerfileModel } from './parse/model';
import { builderRules } from './rules/builder';
import { buildkitRules } from './rules/buildkit';
import { ruleHref, ruleInfo } from './rules/catalog';
import { hadolintRules } from './rules/hadolint';
import { packageRules } from './rules/packages';
import type { DiagnosticData, Finding, LocalImages, Rule } from './rules/types';
import type { HadolintRuleOptions } from './rules/hadolint-config';
import {
  EXPERIMENTAL_CHECKS,
  FILE_LEVEL_CHECKS,
  checkEnabled,
  fileCheckConfig,
  mergeCommentConfig,
  precedingComments,
  type CheckConfig,
} from './rules/check-directive';
import { parseDockerfile } from './parse/document';
import { scriptCache } from './shell';

export interface DockerfileDiagnosticsOptions {
  /** Per-code severity overrides (`berth.dockerfile.rules`); aliases (DL3025 …) work too. */
  rules?: Record<string, RuleSeverity>;
  /** Text of the build context's .dockerignore, for CopyIgnoredFile. */
  dockerignore?: string;
  /** The local engine's images with their platforms, and its own platform, for InvalidBaseImagePlatform. */
  localImages?: LocalImages;
  /** Called when a rule family throws (its findings are dropped, the others still publish). Defaults to console.error. */
  onRuleError?: (family: string, error: unknown) => void;
  /** What a `.hadolint.yaml` sets for the DL rules (rules/hadolint-config.ts). */
  hadolint?: HadolintRuleOptions;
  /** `disable-ignore-pragma` of a `.hadolint.yaml`: `# hadolint ignore=` comments suppress nothing. */
  ignorePragmasDisabled?: boolean;
  /** Families run after the built-in ones, e.g. ShellCheck's results once they are known (shellcheck.ts). */
  extraRules?: readonly (readonly [string, Rule])[];
  /** Run even the checks whose findings will all be dropped (RuleInput.mayReport); tests compare the two ways. */
  runEveryCheck?: boolean;
}

const FAMILIES: readonly [string, Rule][] = [
  ['builder', builderRules],
  ['buildkit', buildkitRules],
  ['packages', packageRules],
  ['hadolint', hadolintRules],
];

export function dockerfileDiagnostics(
  model: DockerfileModel,
  options: DockerfileDiagnosticsOptions = {},
): Diagnostic[] {
  const findings: Finding[] = [];
  const script = scriptCache(model);
  const suppressed = suppressions(model, !options.ignorePragmasDisabled);
  const checks = checkConfigs(model);
  // Asked per instruction by some rules (DL3008 per apt-get install): each code's answer once per check.
  const answers = new Map<string, boolean>();
  const mayReport = options.runEveryCheck
    ? () => true
    : (code: string) => {
        let yes = answers.get(code);
        if (yes === undefined) answers.set(code, (yes = reportable(code, options.rules, suppressed, checks)));
        return yes;
      };
  for (const [family, rule] of [...FAMILIES, ...(options.extraRules ?? [])]) {
    const mine: Finding[] = [];
    try {
      rule({
        model,
        dockerignore: options.dockerignore,
        localImages: options.localImages,
        report: (f) => mine.push(f),
        script,
        hadolint: options.hadolint,
        mayReport,
      });
      findings.push(...mine);
    } catch (e) {
      (options.onRuleError ?? ((fam, err) => console.error(`[berth] Dockerfile rules "${fam}" failed:`, err)))(
        family,
        e,
      );
    }
  }
  const lineOwner = instructionLines(model);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const info = ruleInfo(f.code);
    const family = info?.family ?? f.family ?? 'builder';
    const aliases = [...(info?.aliases ?? []), ...(f.aliases ?? [])];
    const codes = [f.code, ...aliases];
    const ownerLine = lineOwner[f.range.start.line];
    if (codes.some((c) => suppressed.global.has(c))) continue;
    if (ownerLine !== undefined && codes.some((c) => suppressed.byLine.get(ownerLine)?.has(c))) continue;
    // BuildKit's `# check=` configuration: the file's, plus a `# check=` comment above the instruction.
    const check = FILE_LEVEL_CHECKS.has(f.code) ? checks.file : checks.at(ownerLine);
    if (family === 'buildkit' && !checkEnabled(check, f.code)) continue;
    if (!EXPERIMENTAL_CHECKS.has(f.code) && codes.some((c) => check.skip.has(c))) continue;
    const setting = codes.map((c) => options.rules?.[c]).find((s) => s !== undefined);
    // `# check=error=true` makes BuildKit's checks fail the build: show them as errors too.
    const base = info?.severity ?? f.severity ?? 'warning';
    const severity = setting ?? (family === 'buildkit' && check.error && base !== 'off' ? 'error' : base);
    if (severity === 'off') continue;
    const key = `${f.code}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const data: DiagnosticData = { rule: f.code, family, instructionLine: ownerLine };
    if (aliases.length) data.aliases = aliases;
    if (f.fix) data.fix = f.fix;
    const d: Diagnostic = {
      range: f.range,
      severity: DIAGNOSTIC_SEVERITY[severity],
      code: f.code,
      codeDescription: { href: ruleHref(f.code) },
      source: family === 'builder' || family === 'berth' ? 'berth' : `berth (${family})`,
      message: f.message,
      data,
    };
    const tags: DiagnosticTag[] = [];
    if (f.unnecessary) tags.push(DiagnosticTag.Unnecessary);
    if (f.deprecated) tags.push(DiagnosticTag.Deprecated);
    if (tags.length) d.tags = tags;
    out.push(d);
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Diagnostics of a Dockerfile text (parses it; LSP features use the cached model and dockerfileDiagnostics instead). */
export function validateDockerfile(text: string, options: DockerfileDiagnosticsOptions = {}): Diagnostic[] {
  return dockerfileDiagnostics(parseDockerfile(text), options);
}

interface Suppressions {
  global: Set<string>;
  byLine: Map<number, Set<string>>;
}

interface CheckConfigs {
  file: CheckConfig;
  at(line: number | undefined): CheckConfig;
  /** Every configuration in force somewhere in the file. */
  all: readonly CheckConfig[];
}

/** The file's BuildKit check configuration, and the one in force at each instruction (by its first line). */
function checkConfigs(model: DockerfileModel): CheckConfigs {
  const file = fileCheckConfig(model).config;
  const comments = precedingComments(model);
  if (comments.size === 0) return { file, at: () => file, all: [file] };
  const byLine = new Map<number, CheckConfig>();
  for (const inst of model.instructions) {
    const list = comments.get(inst.index);
    if (list) byLine.set(inst.startLine, mergeCommentConfig(file, list));
  }
  return {
    file,
    at: (line) => (line === undefined ? file : (byLine.get(line) ?? file)),
    all: [file, ...byLine.values()],
  };
}

/**
 * Whether a finding of `code` could pass the filter of dockerfileDiagnostics anywhere in the file (RuleInput.mayReport):
 * the same tests, for the code and its catalog aliases, minus those that depend on where the finding is. A code the
 * catalog does not know may always report (its finding may bring aliases of its own).
 */
function reportable(
  code: string,
  rules: Record<string, RuleSeverity> | undefined,
  suppressed: Suppressions,
  checks: CheckConfigs,
): boolean {
  const info = ruleInfo(code);
  if (!info) return true;
  const codes = [code, ...(info.aliases ?? [])];
  if (codes.some((c) => suppressed.global.has(c))) return false;
  const setting = codes.map((c) => rules?.[c]).find((s) => s !== undefined);
  if ((setting ?? info.severity) === 'off') return false;
  if (info.family === 'buildkit' && EXPERIMENTAL_CHECKS.has(code))
    return checks.all.some((config) => checkEnabled(config, code));
  return true;
}

const HADOLINT_IGNORE = /^\s*hadolint\s+ignore\s*=\s*(.+)$/;
const HADOLINT_GLOBAL = /^\s*hadolint\s+global\s+ignore\s*=\s*(.+)$/;

/** Codes of `A,B` or `A, B`; words after the list (a reason) are harmless extra tokens. */
function codesOf(list: string): string[] {
  return list.split(/[,\s]+/).filter(Boolean);
}

function suppressions(model: DockerfileModel, hadolintPragmas = true): Suppressions {
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const starts = new Set(model.instructions.map((i) => i.startLine));
  const commentLines = new Set(model.comments.map((c) => c.range.start.line));
  // The first non-comment line below each comment line, filled from the bottom up: a block of n comments costs n,
  // where walking down from each of them cost n².
  const below = new Map<number, number>();
  const lineBelow = (line: number): number => {
    const next = line + 1;
    return commentLines.has(next) ? (below.get(next) ?? next) : next;
  };
  for (const line of [...commentLines].sort((a, b) => b - a)) below.set(line, lineBelow(line));
  for (const c of hadolintPragmas ? model.comments : []) {
    const g = HADOLINT_GLOBAL.exec(c.text);
    if (g) {
      for (const code of codesOf(g[1] ?? '')) global.add(code);
      continue;
    }
    const m = HADOLINT_IGNORE.exec(c.text);
    if (!m) continue;
    // Applies to the instruction right below (other comment lines may sit in between).
    const line = below.get(c.range.start.line) ?? c.range.start.line + 1;
    if (!starts.has(line)) continue;
    const set = byLine.get(line) ?? new Set<string>();
    for (const code of codesOf(m[1] ?? '')) set.add(code);
    byLine.set(line, set);
  }
  return { global, byLine };
}

/** For each document line, the first line of the instruction it belongs to. */
function instructionLines(model: DockerfileModel): (number | undefined)[] {
  const owner: (number | undefined)[] = new Array<number | undefined>(model.lines.length);
  for (const inst of model.instructions) for (let l = inst.startLine; l <= inst.endLine; l++) owner[l] = inst.startLine;
  return owner;
}
