// Runs every Compose rule family over a parsed file and applies the user's severities (`berth.compose.rules`).
import { DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../../lsp/settings';
import { DIAGNOSTIC_SEVERITY } from '../../lsp/severity';
import type { FileAccess } from '../env';
import { projectIndexOf } from '../project-cache';
import type { ComposeModel } from '../parse/document';
import type { Rule, RuleContext } from '../rules/context';
import { consistencyRule } from '../rules/consistency';
import { dockerfileRule } from '../rules/dockerfile';
import { filesRule } from '../rules/files';
import { interpolationRule } from '../rules/interpolation';
import { referencesRule } from '../rules/references';
import { schemaRule } from '../rules/schema';
import { semanticsRule } from '../rules/semantics';
import { syntaxRule } from '../rules/syntax';
import { COMPOSE_RULES, type Problem } from './codes';
import type { ServiceReuse } from './reuse';

export { COMPOSE_RULES } from './codes';
export type * from './codes';

export interface DiagnosticOptions {
  /** `berth.compose.rules`: severity per code ('off' silences it). */
  rules?: Readonly<Record<string, RuleSeverity>>;
  /** `berth.compose.envFiles`: env files to read instead of the `.env` next to the compose file. */
  envFiles?: readonly string[];
  /** Whether the server's own environment counts as known variables (default true; tests turn it off). */
  withProcessEnv?: boolean;
  /** Findings of this file's previous version, reused for the services whose text did not change. */
  reuse?: ServiceReuse;
}

/** Rules that need a structurally sound document (skipped for alias bombs and non-map roots). */
const DEEP_RULES: Rule[] = [
  schemaRule,
  interpolationRule,
  referencesRule,
  filesRule,
  dockerfileRule,
  semanticsRule,
  consistencyRule,
];

/** Every Compose diagnostic of a file. Never throws: a failing rule is skipped (and logged) so the others still report. */
export function composeDiagnostics(
  model: ComposeModel,
  files: FileAccess,
  options: DiagnosticOptions = {},
): Diagnostic[] {
  const problems: Problem[] = [];
  const report = (p: Problem) => problems.push(p);
  syntaxRule({ model, files, report, project: undefined as never });
  // After a real syntax error the parser's recovery guesses at structure; checking that guess only adds noise.
  const syntaxBroken = model.issues.some((i) => !i.warning && i.code !== 'DUPLICATE_KEY' && i.code !== 'BAD_ALIAS');
  if (!model.aliasBomb && !syntaxBroken) {
    const project = projectIndexOf(model, files, options.envFiles ?? [], options.withProcessEnv ?? true);
    const { reuse } = options;
    reuse?.begin(model, project.variables);
    const ctx: RuleContext = { model, files, report, project, reuse };
    for (const rule of DEEP_RULES) {
      try {
        rule(ctx);
      } catch (e) {
        console.error(`berth: compose rule ${rule.name} failed on ${model.uri}:`, e);
      }
    }
    reuse?.end();
  }
  return toDiagnostics(problems, options.rules ?? {});
}

function toDiagnostics(problems: Problem[], rules: Readonly<Record<string, RuleSeverity>>): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const level = rules[p.code] ?? COMPOSE_RULES[p.code];
    if (level === 'off') continue;
    const key = `${p.code}@${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character}`;
    if (seen.has(key)) continue; // merged (`<<`) values are visited once per merge; report them once
    seen.add(key);
    out.push({
      range: p.range,
      severity: DIAGNOSTIC_SEVERITY[level],
      source: 'berth',
      code: p.code,
      message: p.message,
      ...(p.data ? { data: p.data } : {}),
      ...(p.tag ? { tags: [p.tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated] } : {}),
    });
  }
  return out;
}
