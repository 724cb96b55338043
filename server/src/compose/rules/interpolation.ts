// Interpolation checks over every scalar value (Compose interpolates the whole file, extension fields included):
// malformed `${…}` is an error; `${VAR:?msg}` / `${VAR?msg}` whose variable is unset is a warning.
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { scanInterpolations } from '../parse/interpolation';
import { subRange, type Rule } from './context';

export const interpolationRule: Rule = (ctx) => {
  if (!ctx.model.text.includes('$')) return;
  const vars = ctx.project.variables;
  // A plain recursive walk (yaml's `visit` allocates a path per node, which shows on large files). Keys are not
  // interpolated, so only values are checked; aliases are skipped (their target is checked where it is written).
  // The services of the root's own services map are checked one by one, so that unchanged ones can be reused.
  const walk = (node: unknown, depth: number): void => {
    if (depth > 200) return;
    if (isScalar(node)) checkScalar(node as Scalar);
    else if (isMap(node)) {
      if (depth === 1 && ctx.reuse?.isServices(node))
        for (const pair of node.items) ctx.reuse.run('interpolation', ctx, pair, () => walk(pair.value, depth + 1));
      else for (const pair of node.items) walk(pair.value, depth + 1);
    } else if (isSeq(node)) for (const item of node.items) walk(item, depth + 1);
  };
  walk(ctx.model.doc.contents, 0);

  function checkScalar(node: Scalar): void {
    if (typeof node.value !== 'string' || !node.value.includes('$')) return;
    const { items, errors } = scanInterpolations(node.value);
    for (const e of errors)
      ctx.report({ code: 'invalid-interpolation', message: e.message, range: subRange(ctx, node, e.start, e.end) });
    for (const it of items) {
      if (it.op !== ':?' && it.op !== '?') continue;
      const v = vars.get(it.name);
      const unset = v === undefined || (it.op === ':?' && v.value === '');
      if (unset) {
        ctx.report({
          code: 'unset-required-variable',
          range: subRange(ctx, node, it.start, it.end),
          message: l10n.t(
            'Variable {0} is required{1} but is not set in the environment file{2}.',
            it.name,
            it.arg ? ` (${it.arg})` : '',
            it.op === ':?' ? l10n.t(' or is empty') : '',
          ),
        });
      }
    }
  }
};
