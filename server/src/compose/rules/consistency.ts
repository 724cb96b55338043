// The loader's own checks, beyond the schema: what makes `docker compose` refuse a file that is well-typed. Each was
// found by the oracle layer (test/oracle): an empty file, map keys that are not strings, `network_mode` together
// with `networks`, an external volume that also configures itself, `name` against `external.name`, a bind mount
// without a source, GPU device requests Compose cannot decode, a secret
// or config with no source, an include cycle and a service defined both here and in an included file. Inside services, volumes, networks, configs and secrets,
// names starting with `x-` are real names (Compose checks them like any other).
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { resolvePath } from '../env';
import { includedUris, parseOther } from '../project-index';
import { effectivePairs, getKey, type ComposeModel } from '../parse/document';
import { isExtensionKey } from '../spec';
import { literal, rangeOf, type Rule, type RuleContext } from './context';

/** A file with nothing in it: no document, an empty document, or `{}`. */
function isEmpty(model: ComposeModel): boolean {
  const root = model.resolve(model.doc.contents);
  return (
    root === null ||
    (isScalar(root) && (root.value === null || root.value === undefined)) ||
    (isMap(root) && root.items.length === 0)
  );
}

export const consistencyRule: Rule = (ctx) => {
  const root = ctx.model.resolve(ctx.model.doc.contents);
  // Compose refuses a project whose files are all empty; an empty override beside a real file is fine.
  if (isEmpty(ctx.model)) {
    if (ctx.project.files.every((f) => isEmpty(f.model))) {
      ctx.report({
        code: 'wrong-type',
        range: rangeOf(ctx, root),
        message: l10n.t('The file is empty: Compose refuses a project with no content. Add at least `services:`.'),
      });
    }
    return;
  }
  if (!isMap(root)) return; // the schema rule reports a root that is not a map
  nonStringKeys(ctx);
  const services = mapOf(ctx, root, 'services');
  // A service written in the root's own services map (not merged in) reads only its own text, the anchors it reaches
  // and the variables: its findings may be reused from the previous version (diagnostics/reuse.ts).
  const reusable = !!services && !!ctx.reuse?.isServices(services);
  for (const { key, pair, merged } of services ? effectivePairs(ctx.model, services) : []) {
    const service = ctx.model.resolve(pair.value);
    if (!isMap(service)) continue;
    if (reusable && !merged) ctx.reuse!.run('consistency', ctx, pair, () => checkService(ctx, key, service));
    else checkService(ctx, key, service);
  }
  const volumes = mapOf(ctx, root, 'volumes');
  for (const { key, pair } of volumes ? effectivePairs(ctx.model, volumes) : []) {
    const volume = ctx.model.resolve(pair.value);
    if (isMap(volume)) {
      externalVolume(ctx, key, volume);
      externalName(ctx, l10n.t('Volume'), key, volume);
    }
  }
  const networks = mapOf(ctx, root, 'networks');
  for (const { key, pair } of networks ? effectivePairs(ctx.model, networks) : []) {
    const network = ctx.model.resolve(pair.value);
    if (isMap(network)) externalName(ctx, l10n.t('Network'), key, network);
  }
  for (const [kind, sources] of [
    ['secrets', ['file', 'environment']],
    ['configs', ['file', 'environment', 'content']],
  ] as const) {
    const defs = mapOf(ctx, root, kind);
    for (const { key, pair } of defs ? effectivePairs(ctx.model, defs) : []) {
      const def = ctx.model.resolve(pair.value);
      if (!isMap(def) || isTrue(getKey(ctx.model, def, 'external'))) continue;
      if (
        !sources.some(
          (s) => getKey(ctx.model, def, s) !== null || effectivePairs(ctx.model, def).some((p) => p.key === s),
        )
      ) {
        ctx.report({
          code: 'invalid-value',
          range: rangeOf(ctx, pair.key),
          message: l10n.t(
            '{0} "{1}" needs one of {2} (or `external: true`).',
            kind === 'secrets' ? l10n.t('Secret') : l10n.t('Config'),
            key,
            sources.map((s) => `\`${s}\``).join(', '),
          ),
        });
      }
    }
  }
  includes(ctx, root);
};

function mapOf(ctx: RuleContext, map: unknown, key: string): YAMLMap | undefined {
  const m = getKey(ctx.model, map, key);
  return isMap(m) ? m : undefined;
}

function isTrue(node: unknown): boolean {
  return isScalar(node) && node.value === true;
}

/** Compose reads every map key as a string: `123:`, `true:`, `1.5:` or `~:` as a key make it refuse the file. */
function nonStringKeys(ctx: RuleContext): void {
  for (const k of ctx.model.nonStringKeys) {
    const shown = k.value === null ? k.source || '~' : String(k.source ?? k.value);
    ctx.report({
      code: 'wrong-type',
      range: rangeOf(ctx, k),
      message: l10n.t(
        'Compose reads only strings as keys; {0} is read as {1}. Quote it: "{2}".',
        shown,
        k.value === null ? 'null' : typeof k.value,
        shown,
      ),
    });
  }
}

function checkService(ctx: RuleContext, name: string, service: YAMLMap): void {
  const m = ctx.model;
  const networkMode = getKey(m, service, 'network_mode');
  const networks = getKey(m, service, 'networks');
  if (
    networkMode &&
    !(isScalar(networkMode) && networkMode.value === null) &&
    (isMap(networks) || isSeq(networks)) &&
    networks.items.length > 0
  ) {
    ctx.report({
      code: 'invalid-value',
      range: rangeOf(ctx, networkMode),
      message: l10n.t('Service "{0}" sets both `network_mode` and `networks`: Compose allows only one of them.', name),
    });
  }
  const volumes = getKey(m, service, 'volumes');
  if (isSeq(volumes)) {
    for (const item of volumes.items) {
      const v = m.resolve(item);
      if (!isMap(v) || literal(ctx, getKey(m, v, 'type')) !== 'bind') continue;
      if (!effectivePairs(m, v).some((p) => p.key === 'source')) {
        ctx.report({
          code: 'invalid-value',
          range: rangeOf(ctx, v),
          message: l10n.t('A bind mount needs a `source`: the host path to mount.'),
        });
      }
    }
  }
  const test = getKey(m, getKey(m, service, 'healthcheck'), 'test');
  if (isSeq(test) && test.items.length > 0) {
    const first = literal(ctx, m.resolve(test.items[0]));
    if (first !== undefined && !['CMD', 'CMD-SHELL', 'NONE'].includes(first)) {
      ctx.report({
        code: 'invalid-value',
        range: rangeOf(ctx, test.items[0]),
        message: l10n.t('A healthcheck test in list form starts with CMD, CMD-SHELL or NONE.'),
      });
    }
  }
  const ports = getKey(m, service, 'ports');
  if (isSeq(ports)) {
    for (const item of ports.items) {
      const port = m.resolve(item);
      if (isMap(port) && !effectivePairs(m, port).some((p) => p.key === 'target')) {
        ctx.report({
          code: 'invalid-value',
          range: rangeOf(ctx, port),
          message: l10n.t('A port in long form needs a `target`: the port in the container.'),
        });
      }
    }
  }
  const watch = getKey(m, getKey(m, service, 'develop'), 'watch');
  if (isSeq(watch)) {
    for (const item of watch.items) {
      const rule = m.resolve(item);
      const action = isMap(rule) ? literal(ctx, getKey(m, rule, 'action')) : undefined;
      const target = isMap(rule) ? getKey(m, rule, 'target') : undefined;
      // An empty target is no target to Compose.
      const noTarget = !target || literal(ctx, target) === '';
      if (isMap(rule) && action && action !== 'rebuild' && action !== 'restart' && noTarget) {
        ctx.report({
          code: 'invalid-value',
          range: rangeOf(ctx, rule),
          message: l10n.t('A watch rule with `action: {0}` needs a `target` in the container.', action),
        });
      }
    }
  }
  const devices = getKey(m, getKey(m, getKey(m, getKey(m, service, 'deploy'), 'resources'), 'reservations'), 'devices');
  if (isSeq(devices)) for (const d of devices.items) deviceRequest(ctx, m.resolve(d));
  const gpus = getKey(m, service, 'gpus');
  if (isSeq(gpus)) for (const d of gpus.items) deviceRequest(ctx, m.resolve(d));
}

/** A device request: `count` is `all` or a number, and not together with `device_ids`. */
function deviceRequest(ctx: RuleContext, d: unknown): void {
  if (!isMap(d)) return;
  const m = ctx.model;
  const count = getKey(m, d, 'count');
  const countText = count ? literal(ctx, count) : undefined;
  if (
    count &&
    isScalar(count) &&
    typeof count.value === 'string' &&
    countText !== undefined &&
    countText !== 'all' &&
    !/^-?\d+$/.test(countText.trim())
  ) {
    ctx.report({
      code: 'invalid-value',
      range: rangeOf(ctx, count),
      message: l10n.t('`count` is `all` or a number, not "{0}".', countText),
    });
  }
  const ids = getKey(m, d, 'device_ids');
  if (count && ids)
    ctx.report({
      code: 'invalid-value',
      range: rangeOf(ctx, ids),
      message: l10n.t('`count` and `device_ids` exclude each other: ask for a number of devices or for given devices.'),
    });
}

/** An external volume only names an existing volume: anything but `name` and `x-` keys beside `external: true` is refused. */
function externalVolume(ctx: RuleContext, name: string, volume: YAMLMap): void {
  if (!isTrue(getKey(ctx.model, volume, 'external'))) return;
  for (const { key, pair } of effectivePairs(ctx.model, volume)) {
    if (key === 'name' || key === 'external' || isExtensionKey(key)) continue;
    ctx.report({
      code: 'invalid-value',
      range: rangeOf(ctx, pair.key),
      message: l10n.t('Volume "{0}" is external: Compose does not create it, so `{1}` cannot be set here.', name, key),
    });
  }
}

/** `name` and the deprecated `external.name` must not name two different things. */
function externalName(ctx: RuleContext, what: string, name: string, def: YAMLMap): void {
  const own = getKey(ctx.model, def, 'name');
  const ext = getKey(ctx.model, getKey(ctx.model, def, 'external'), 'name');
  if (!own || !ext) return;
  const a = literal(ctx, own);
  const b = literal(ctx, ext);
  if (a !== undefined && b !== undefined && a !== b) {
    ctx.report({
      code: 'invalid-value',
      range: rangeOf(ctx, ext),
      message: l10n.t('{0} "{1}" has `name: {2}` and `external.name: {3}`: keep only `name`.', what, name, a, b),
    });
  }
}

/**
 * Includes: a file that includes itself, directly or through its includes, is an include cycle; a service that this
 * file (of one document) defines and an included file defines too is a conflict. Compose refuses both.
 */
function includes(ctx: RuleContext, root: YAMLMap): void {
  const include = getKey(ctx.model, root, 'include');
  if (!isSeq(include)) return;
  const own = mapOf(ctx, root, 'services');
  // Compose applies each document's includes before it merges the documents of a file, so a service of one document
  // may be redefined by another document's include. The merged model no longer says which document defined what:
  // in a file of several documents the conflict is left unreported rather than reported falsely.
  const ownServices = new Set(own && ctx.model.documents <= 1 ? effectivePairs(ctx.model, own).map((p) => p.key) : []);
  for (const item of include.items) {
    const i = ctx.model.resolve(item);
    const paths = isMap(i) ? ctx.model.resolve(getKey(ctx.model, i, 'path')) : i;
    for (const p of isSeq(paths) ? paths.items.map((x) => ctx.model.resolve(x)) : [paths]) {
      const text = p ? literal(ctx, p) : undefined;
      if (!text) continue;
      const uri = resolvePath(ctx.model.uri, text);
      if (reaches(ctx, uri, ctx.model.uri)) {
        ctx.report({
          code: 'invalid-value',
          range: rangeOf(ctx, p as Node),
          message: l10n.t('This include leads back to this file: Compose refuses the include cycle.'),
        });
        continue;
      }
      const other = parseOther(uri, ctx.files);
      const services = other ? other.resolve(getKey(other, other.doc.contents, 'services')) : null;
      for (const { key } of isMap(services) && other ? effectivePairs(other, services) : []) {
        if (ownServices.has(key))
          ctx.report({
            code: 'invalid-value',
            range: rangeOf(ctx, p as Node),
            message: l10n.t(
              'Service "{0}" is defined both here and in the included {1}: Compose refuses the conflict.',
              key,
              text,
            ),
          });
      }
    }
  }
}

/** Whether `target` is `from` or is reached from it through includes (a bounded walk). */
function reaches(ctx: RuleContext, from: string, target: string): boolean {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length && seen.size < 32) {
    const uri = queue.shift()!;
    if (uri === target) return true;
    if (seen.has(uri)) continue;
    seen.add(uri);
    const model = parseOther(uri, ctx.files);
    if (model) queue.push(...includedUris(model));
  }
  return false;
}
