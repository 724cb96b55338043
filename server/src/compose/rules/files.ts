// File checks: build contexts and Dockerfiles, env files (unless `required: false`), include paths and extends files
// that do not exist; and, when they do, `extends.service` must be a service of that file.
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { resolveInDir, resolvePath } from '../env';
import { includePathNodes, parseOther } from '../project-index';
import { effectivePairs, getKey, keyText, scalarString } from '../parse/document';
import type { Problem } from '../diagnostics/codes';
import { literal, rangeOf, type Rule, type RuleContext } from './context';

/** Whether a build context is remote (Git or HTTP URL), which we cannot check. */
export function isRemoteContext(context: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(context) ||
    /^git@/.test(context) ||
    /^github\.com\//.test(context) ||
    /\.git(#.*)?$/.test(context)
  );
}

/** The URI of a path value of this file (interpolation resolved), or undefined when it cannot be known. */
export function pathValue(
  ctx: RuleContext,
  node: unknown,
  base = ctx.model.uri,
): { uri: string; text: string } | undefined {
  const text = literal(ctx, node);
  if (!text) return undefined;
  return { uri: resolvePath(base, text), text };
}

/** The context folder and Dockerfile of a service's `build`, when both are local paths. */
export function buildFiles(
  ctx: RuleContext,
  build: unknown,
): { context?: { uri: string; node: Node }; dockerfile?: { uri: string; node: Node | null } } {
  const b = ctx.model.resolve(build);
  if (isScalar(b)) {
    const p = pathValue(ctx, b);
    if (!p || isRemoteContext(p.text)) return {};
    return { context: { uri: p.uri, node: b }, dockerfile: { uri: resolveInDir(p.uri, 'Dockerfile'), node: null } };
  }
  if (!isMap(b)) return {};
  const ctxNode = getKey(ctx.model, b, 'context');
  const p = ctxNode ? pathValue(ctx, ctxNode) : { uri: resolvePath(ctx.model.uri, '.'), text: '.' };
  if (!p || isRemoteContext(p.text)) return {};
  const context = { uri: p.uri, node: (ctxNode ?? b) as Node };
  if (getKey(ctx.model, b, 'dockerfile_inline')) return { context };
  const dfNode = getKey(ctx.model, b, 'dockerfile');
  const df = dfNode ? literal(ctx, dfNode) : 'Dockerfile';
  if (!df) return { context };
  return { context, dockerfile: { uri: resolveInDir(p.uri, df), node: dfNode } };
}

/** Reports a file that exists but is not read (a device, FIFO, network path or oversized file); true when it did. */
function refused(ctx: RuleContext, uri: string, text: string, node: unknown): boolean {
  const why = ctx.files.refusal?.(uri);
  if (why)
    ctx.report({
      code: 'unreadable-file',
      range: rangeOf(ctx, node),
      message: l10n.t('"{0}" is not read: {1}.', text, why),
    });
  return !!why;
}

/** Reports the file a path value names when it is not read (with why) or does not exist. */
function reportMissing(
  ctx: RuleContext,
  node: unknown,
  file: { uri: string; text: string } | undefined,
  code: Problem['code'],
  missing: (text: string) => string,
): void {
  if (!file || refused(ctx, file.uri, file.text, node) || ctx.files.exists(file.uri)) return;
  ctx.report({ code, range: rangeOf(ctx, node), message: missing(file.text) });
}

export const filesRule: Rule = (ctx) => {
  const { model, files } = ctx;
  // An unsaved (untitled) document has no folder: relative paths cannot be checked.
  if (!model.uri.startsWith('file:')) return;
  const root = model.doc.contents;
  const services = model.resolve(getKey(model, root, 'services'));
  if (isMap(services))
    for (const item of services.items) {
      const svc = model.resolve(item.value);
      if (!isMap(svc)) continue;
      for (const { key, pair, merged } of effectivePairs(model, svc)) {
        if (merged) continue;
        if (key === 'build') {
          const { context, dockerfile } = buildFiles(ctx, pair.value);
          if (context && !files.exists(context.uri)) {
            ctx.report({
              code: 'missing-build-context',
              range: rangeOf(ctx, context.node),
              message: l10n.t('The build context "{0}" does not exist.', scalarString(context.node) ?? '.'),
            });
          } else if (dockerfile?.node) {
            const named = { uri: dockerfile.uri, text: scalarString(dockerfile.node) ?? 'Dockerfile' };
            reportMissing(ctx, dockerfile.node, named, 'missing-dockerfile', (text) =>
              l10n.t('The Dockerfile "{0}" does not exist in the build context.', text),
            );
          }
        } else if (key === 'env_file') checkEnvFiles(ctx, pair.value);
        else if (key === 'extends') checkExtends(ctx, pair.value);
      }
    }
  const include = model.resolve(getKey(model, root, 'include'));
  if (isSeq(include))
    for (const item of include.items) {
      for (const p of includePathNodes(model, item)) {
        const v = pathValue(ctx, model.resolve(p));
        if (v && !isRemoteContext(v.text))
          reportMissing(ctx, p, v, 'missing-include', (text) =>
            l10n.t('The included file "{0}" does not exist.', text),
          );
      }
    }
};

function checkEnvFiles(ctx: RuleContext, value: unknown): void {
  const v = ctx.model.resolve(value);
  const entries = isSeq(v) ? v.items.map((i) => ctx.model.resolve(i)) : [v];
  for (const e of entries) {
    let pathNode: unknown = e;
    if (isMap(e)) {
      const required = literal(ctx, getKey(ctx.model, e, 'required'));
      if (required !== undefined && /^(false|no|off|0)$/i.test(required)) continue;
      pathNode = getKey(ctx.model, e, 'path');
    }
    if (isScalar(pathNode) && literal(ctx, pathNode) === '') {
      ctx.report({
        code: 'missing-env-file',
        range: rangeOf(ctx, pathNode),
        message: l10n.t('An empty env_file path names no file: Compose refuses it.'),
      });
      continue;
    }
    reportMissing(ctx, pathNode, pathValue(ctx, pathNode), 'missing-env-file', (text) =>
      l10n.t('The env file "{0}" does not exist (mark it `required: false` if it is optional).', text),
    );
  }
}

function checkExtends(ctx: RuleContext, value: unknown): void {
  const v = ctx.model.resolve(value);
  if (!isMap(v)) return;
  const fileNode = getKey(ctx.model, v, 'file');
  const p = fileNode ? pathValue(ctx, fileNode) : undefined;
  if (!p) return;
  if (refused(ctx, p.uri, p.text, fileNode)) return;
  const other = parseOther(p.uri, ctx.files);
  if (!other) {
    ctx.report({
      code: 'missing-extends-file',
      range: rangeOf(ctx, fileNode),
      message: l10n.t('The file "{0}" to extend from does not exist.', p.text),
    });
    return;
  }
  const serviceNode = getKey(ctx.model, v, 'service');
  const name = literal(ctx, serviceNode);
  if (!name) return;
  const services = other.resolve(getKey(other, other.doc.contents, 'services'));
  const names = isMap(services) ? services.items.map((i) => keyText(i)) : [];
  if (!names.includes(name))
    ctx.report({
      code: 'undefined-service',
      range: rangeOf(ctx, serviceNode),
      message: l10n.t('Service "{0}" is not defined in {1}.', name, p.text),
      data: { kind: 'service', name },
    });
}
