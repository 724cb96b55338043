// Interpolation checks over every scalar value (Compose interpolates the whole file, extension fields included):
// malformed `${…}` is an error; `${VAR:?msg}` / `${VAR?msg}` whose variable is unset is a warning.
import { isScalar, visit, type Scalar } from 'yaml';
import { scanInterpolations } from '../interpolation';
import { subRange, type Rule } from './context';

export const interpolationRule: Rule = (ctx) => {
  if (!ctx.model.text.includes('$')) return;
  const vars = ctx.project.variables;
  visit(ctx.model.doc, {
    Pair: (_k, pair) => {
      // Keys are not interpolated; only look at values.
      if (isScalar(pair.value)) checkScalar(pair.value as Scalar);
    },
    Seq: (_k, seq) => { for (const item of seq.items) if (isScalar(item)) checkScalar(item as Scalar); },
  });

  function checkScalar(node: Scalar): void {
    if (typeof node.value !== 'string' || !node.value.includes('$')) return;
    const { items, errors } = scanInterpolations(node.value);
    for (const e of errors) ctx.report({ code: 'invalid-interpolation', message: e.message, range: subRange(ctx, node, e.start, e.end) });
    for (const it of items) {
      if (it.op !== ':?' && it.op !== '?') continue;
      const v = vars.get(it.name);
      const unset = v === undefined || (it.op === ':?' && v.value === '');
      if (unset) {
        ctx.report({
          code: 'unset-required-variable', range: subRange(ctx, node, it.start, it.end),
          message: `Variable ${it.name} is required${it.arg ? ` (${it.arg})` : ''} but is not set in the environment file${it.op === ':?' ? ' or is empty' : ''}.`,
        });
      }
    }
  }
};
