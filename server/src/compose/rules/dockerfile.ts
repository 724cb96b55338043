// Cross-file checks against a service's Dockerfile (read through the Dockerfile service's own parser):
// `build.target` must be a stage name, `build.args` keys should be declared with ARG.
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq } from 'yaml';
import { dockerfileSummary } from '../../dockerfile/parse/document';
import { BUILDKIT_ARGS, PROXY_ARGS } from '../../dockerfile/parse/model';
import { closest } from '../../text/did-you-mean';
import { effectivePairs, getKey, keyText, scalarString } from '../parse/document';
import { buildFiles } from './files';
import { literal, rangeOf, type Rule } from './context';

/** Build arguments every builder knows without an ARG (proxies and BuildKit's own switches are predeclared). */
const PREDEFINED = new Set([...PROXY_ARGS, ...BUILDKIT_ARGS]);

// Services often share a Dockerfile: keep the last summary of each, reused while its text is unchanged.
const summaries = new Map<string, { text: string; summary: ReturnType<typeof dockerfileSummary> }>();
function summaryOf(uri: string, text: string): ReturnType<typeof dockerfileSummary> {
  const hit = summaries.get(uri);
  if (hit && hit.text === text) return hit.summary;
  const summary = dockerfileSummary(text);
  if (summaries.size > 200) summaries.clear();
  summaries.set(uri, { text, summary });
  return summary;
}

export const dockerfileRule: Rule = (ctx) => {
  const { model } = ctx;
  const services = model.resolve(getKey(model, model.doc.contents, 'services'));
  if (!isMap(services)) return;
  for (const item of services.items) {
    const svc = model.resolve(item.value);
    if (!isMap(svc)) continue;
    const buildPair = effectivePairs(model, svc).find((p) => p.key === 'build' && !p.merged);
    const build = buildPair && model.resolve(buildPair.pair.value);
    if (!isMap(build)) continue;
    const targetNode = getKey(model, build, 'target');
    const argsNode = getKey(model, build, 'args');
    if (!targetNode && !argsNode) continue;
    const { dockerfile } = buildFiles(ctx, build);
    const text = dockerfile && ctx.files.readFile(dockerfile.uri);
    if (!dockerfile || text === undefined) continue;
    const summary = summaryOf(dockerfile.uri, text);
    const target = literal(ctx, targetNode);
    if (target) {
      const stages = summary.stages.map((s) => s.name).filter((n): n is string => !!n);
      if (!stages.some((s) => s.toLowerCase() === target.toLowerCase())) {
        const suggestion = closest(target, stages);
        ctx.report({
          code: 'unknown-build-target',
          range: rangeOf(ctx, targetNode),
          message: l10n.t(
            '"{0}" is not a stage of the Dockerfile{1}.{2}',
            target,
            stages.length ? l10n.t(' (stages: {0})', stages.join(', ')) : l10n.t(' (it names no stage)'),
            suggestion ? l10n.t(' Did you mean "{0}"?', suggestion) : '',
          ),
          data: { dockerfileUri: dockerfile.uri, declared: stages, ...(suggestion ? { suggestion } : {}) },
        });
      }
    }
    const args = model.resolve(argsNode);
    const declared = new Set(summary.argNames);
    const keys = isMap(args)
      ? args.items.map((p) => ({ name: keyText(p) ?? '', node: p.key }))
      : isSeq(args)
        ? args.items.filter(isScalar).map((n) => ({ name: (scalarString(n) ?? '').split('=', 1)[0]!.trim(), node: n }))
        : [];
    for (const { name, node } of keys) {
      if (!name || name.startsWith('x-') || declared.has(name) || PREDEFINED.has(name) || name.includes('$')) continue;
      const suggestion = closest(name, summary.argNames);
      ctx.report({
        code: 'undeclared-build-arg',
        range: rangeOf(ctx, node),
        message: l10n.t(
          'Build argument "{0}" is not declared with ARG in the Dockerfile, so the build ignores it.{1}',
          name,
          suggestion ? l10n.t(' Did you mean "{0}"?', suggestion) : '',
        ),
        data: { dockerfileUri: dockerfile.uri, declared: summary.argNames, ...(suggestion ? { suggestion } : {}) },
      });
    }
  }
};
