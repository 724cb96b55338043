// What every Compose rule family receives: the parsed file, its project index, file access and a reporter.
import type { Range } from 'vscode-languageserver-types';
import { isScalar, type Node, type Scalar } from 'yaml';
import type { Problem } from '../diagnostics/codes';
import type { ServiceReuse } from '../diagnostics/reuse';
import type { FileAccess } from '../env';
import type { ProjectIndex } from '../project-index';
import { hasInterpolation, substitute } from '../parse/interpolation';
import { scalarString, type ComposeModel } from '../parse/document';

export interface RuleContext {
  model: ComposeModel;
  project: ProjectIndex;
  files: FileAccess;
  report(problem: Problem): void;
  /** Findings of unchanged services from the previous version, for the rules that check one service at a time. */
  reuse?: ServiceReuse;
}

export type Rule = (ctx: RuleContext) => void;

/**
 * A scalar's literal value after interpolation with the known variables: the plain string when there is no
 * interpolation, the substituted one when every variable is known (or defaulted), undefined otherwise.
 */
export function literal(ctx: RuleContext, node: unknown): string | undefined {
  const text = scalarString(node);
  if (text === undefined) return undefined;
  if (!hasInterpolation(text) && !text.includes('$$')) return text;
  return substitute(text, (name) => ctx.project.variables.get(name)?.value);
}

/** Range of a node's value for messages. */
export function rangeOf(ctx: RuleContext, node: unknown): Range {
  return ctx.model.rangeOf((node as Node)?.range ? (node as Node) : [0, 0]);
}

/** Range of part of a scalar's text (falls back to the whole scalar when the source does not match, e.g. escapes). */
export function subRange(ctx: RuleContext, node: Scalar, start: number, end: number): Range {
  const text = scalarString(node) ?? '';
  const base = (node.range?.[0] ?? 0) + (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0);
  if (isScalar(node) && ctx.model.text.slice(base + start, base + end) === text.slice(start, end))
    return ctx.model.rangeOf([base + start, base + end]);
  return rangeOf(ctx, node);
}
