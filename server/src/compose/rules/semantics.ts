// Whole-project semantics: a service needs an image or a build; two services cannot publish the same host port
// (address and protocol); a fixed container_name cannot be scaled.
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { effectivePairs, getKey, keyText, type ComposeModel } from '../parse/document';
import { resolvePath } from '../env';
import { parseOther } from '../project-index';
import { parsePort } from './formats';
import { literal, rangeOf, type Rule, type RuleContext } from './context';

const RUNNABLE_KEYS = ['image', 'build', 'provider'];

/**
 * Whether a service says what to run: image, build or provider, here or in the service it extends (followed through
 * files). An extends that cannot be followed (interpolation, missing file or service: reported elsewhere) counts.
 */
function hasRunnable(ctx: RuleContext, model: ComposeModel, service: YAMLMap, depth: number): boolean {
  const pairs = effectivePairs(model, service);
  if (pairs.some((p) => RUNNABLE_KEYS.includes(p.key))) return true;
  const ext = model.resolve(getKey(model, service, 'extends'));
  if (!ext) return false;
  if (depth > 8) return true;
  const at = { ...ctx, model };
  const name = isScalar(ext) ? literal(at, ext) : literal(at, getKey(model, ext, 'service'));
  const file = isMap(ext) ? getKey(model, ext, 'file') : null;
  const fileText = file ? literal(at, file) : undefined;
  if (!name || (file && !fileText)) return true;
  const target = fileText ? parseOther(resolvePath(model.uri, fileText), ctx.files) : model;
  const targetService = target
    ? target.resolve(getKey(target, getKey(target, target.doc.contents, 'services'), name))
    : null;
  return !isMap(targetService) || !target || hasRunnable(ctx, target, targetService, depth + 1);
}

interface Published {
  service: string;
  hostIp: string;
  from: number;
  to: number;
  protocol: string;
  node: Node;
  local: boolean;
  profiles: string[];
}

/** Services of a file by name. */
function servicesOf(model: ComposeModel): { name: string; map: YAMLMap; keyNode: Node }[] {
  const services = model.resolve(getKey(model, model.doc.contents, 'services'));
  if (!isMap(services)) return [];
  return services.items.flatMap((p) => {
    const map = model.resolve(p.value);
    const name = keyText(p);
    return name !== undefined && isMap(map) ? [{ name, map, keyNode: p.key as Node }] : [];
  });
}

export const semanticsRule: Rule = (ctx) => {
  const here = servicesOf(ctx.model);
  const everywhere = ctx.project.files.map((f) => ({
    model: f.model,
    services: servicesOf(f.model),
    local: f.uri === ctx.model.uri,
  }));
  // Services that say what to run, in any file of the project (an override may add the image to a base service).
  const runnable = new Set<string>();
  for (const f of everywhere)
    for (const s of f.services) {
      if (hasRunnable(ctx, f.model, s.map, 0)) runnable.add(s.name);
    }
  for (const s of here) {
    if (!runnable.has(s.name)) {
      ctx.report({
        code: 'no-image-or-build',
        range: rangeOf(ctx, s.keyNode),
        message: l10n.t('Service "{0}" has neither `image` nor `build`: Compose cannot know what to run.', s.name),
      });
    }
    const name = getKey(ctx.model, s.map, 'container_name');
    if (name) {
      const replicas = Number(literal(ctx, getKey(ctx.model, getKey(ctx.model, s.map, 'deploy'), 'replicas')) ?? 1);
      const scale = Number(literal(ctx, getKey(ctx.model, s.map, 'scale')) ?? 1);
      if (replicas > 1 || scale > 1) {
        ctx.report({
          code: 'container-name-scaled',
          range: rangeOf(ctx, name),
          message: l10n.t(
            'A fixed container_name allows only one container, but the service asks for {0}. Remove container_name or the scaling.',
            Math.max(replicas, scale),
          ),
        });
      }
    }
  }
  checkPorts(ctx, everywhere);
};

function checkPorts(
  ctx: RuleContext,
  files: { model: ComposeModel; services: ReturnType<typeof servicesOf>; local: boolean }[],
): void {
  const all: Published[] = [];
  for (const f of files)
    for (const s of f.services) {
      const profilesNode = f.model.resolve(getKey(f.model, s.map, 'profiles'));
      const profiles = isSeq(profilesNode)
        ? profilesNode.items.map((i) => String((i as { value?: unknown }).value))
        : [];
      const ports = f.model.resolve(getKey(f.model, s.map, 'ports'));
      if (!isSeq(ports)) continue;
      for (const item of ports.items) {
        const n = f.model.resolve(item);
        const p = f.local ? publishedOf(ctx, n) : publishedOf({ ...ctx, model: f.model }, n);
        // Written out rather than spread: an object spread here cost more than the rest of the port check.
        if (p)
          all.push({
            hostIp: p.hostIp,
            from: p.from,
            to: p.to,
            protocol: p.protocol,
            service: s.name,
            node: n as Node,
            local: f.local,
            profiles,
          });
      }
    }
  // Bucket by protocol and first host port so that the common case (single ports) is not quadratic; ranges are few.
  const buckets = new Map<string, Published[]>();
  const ranges: Published[] = [];
  for (const p of all) {
    if (p.to > p.from) {
      ranges.push(p);
      continue;
    }
    const key = `${p.protocol}/${p.from}`;
    (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(p);
  }
  const candidates = (a: Published) =>
    a.to > a.from ? all : [...(buckets.get(`${a.protocol}/${a.from}`) ?? []), ...ranges];
  const reported = new Set<Node>();
  for (const a of all) {
    if (!a.local || reported.has(a.node)) continue;
    const clash = candidates(a).find(
      (b) =>
        b.service !== a.service &&
        b.protocol === a.protocol &&
        (a.hostIp === b.hostIp || !a.hostIp || !b.hostIp) &&
        a.from <= b.to &&
        b.from <= a.to &&
        (!a.profiles.length || !b.profiles.length || a.profiles.some((x) => b.profiles.includes(x))),
    );
    if (clash) {
      reported.add(a.node);
      ctx.report({
        code: 'port-conflict',
        range: rangeOf(ctx, a.node),
        message: l10n.t(
          'Host port {0}/{1}{2} is also published by service "{3}": only one can bind it.',
          a.from === a.to ? a.from : `${a.from}-${a.to}`,
          a.protocol,
          a.hostIp ? l10n.t(' on {0}', a.hostIp) : '',
          clash.service,
        ),
      });
    }
  }
}

function publishedOf(
  ctx: RuleContext,
  node: unknown,
): Omit<Published, 'service' | 'node' | 'local' | 'profiles'> | undefined {
  if (isScalar(node)) {
    const text = literal(ctx, node);
    const p = text !== undefined && typeof node.value === 'string' ? parsePort(text) : undefined;
    if (!p?.published || (p.published[0] === 0 && p.published[1] === 0)) return undefined;
    return {
      hostIp: p.hostIp === '0.0.0.0' ? '' : p.hostIp,
      from: p.published[0],
      to: p.published[1],
      protocol: p.protocol,
    };
  }
  if (isMap(node)) {
    const published = literal(ctx, getKey(ctx.model, node, 'published'));
    const m = published ? /^(\d+)(?:-(\d+))?$/.exec(published) : null;
    if (!m || m[1] === '0') return undefined;
    const hostIp = literal(ctx, getKey(ctx.model, node, 'host_ip')) ?? '';
    return {
      hostIp: hostIp === '0.0.0.0' ? '' : hostIp,
      from: Number(m[1]),
      to: Number(m[2] ?? m[1]),
      protocol: literal(ctx, getKey(ctx.model, node, 'protocol')) ?? 'tcp',
    };
  }
  return undefined;
}
