// Completion for compose files, driven by our Compose model (spec/): keys valid at the cursor and not yet
// present, enum and boolean values, names of services/networks/volumes/configs/secrets, Dockerfile stages for
// build.target, paths, and local images. Where the values come from is behind CompletionSources (editing.ts),
// so this module stays pure.
import * as l10n from '@vscode/l10n';
import { currentLocale, translated, type MessageLocale } from '../l10n/locale';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type MarkupContent,
  type Range,
} from 'vscode-languageserver-types';
import type { CompletionData, EngineImage } from '../lsp/adapter';
import { completionContext, type CompletionContext } from './cursor';
import { isMap, isSeq } from 'yaml';
import { getKey, scalarString, type ComposeModel, type YamlPath } from './parse/document';
import { describeKinds, rootSpec, specAt } from './spec';
import type { RefKind, SpecNode } from './spec/types';
import { baseForPath, dockerfileOf, extendsFileOf, pathItems, type PathKind } from './completion-paths';
import { specNotes } from './hover';

/** Where completion finds what it cannot read in the document itself. */
export interface CompletionSources {
  /** Names defined for a kind, in this file and the files read with it (override, include). */
  names(kind: RefKind): string[];
  /** Services of another compose file (for `extends.file`). */
  servicesOf(fileUri: string): string[];
  /** Stage names of a Dockerfile, [] when it cannot be read. */
  dockerfileStages(dockerfileUri: string): string[];
  listDir(uri: string): { name: string; isDirectory: boolean }[];
  engineImages(): readonly EngineImage[];
  /** Variables from the environment files (not the process environment), for `${` completion. */
  variables(): { name: string; source: string }[];
}

/** Value suggestions for the formats whose values are words, not free text. */
const FORMAT_WORDS: Partial<Record<string, string[]>> = {
  restart: ['no', 'always', 'on-failure', 'unless-stopped'],
  'pull-policy': ['always', 'never', 'missing', 'build', 'refresh', 'daily', 'weekly'],
  'network-mode': ['bridge', 'host', 'none'],
};

/** Paths completed from the file system, by the last keys of their YAML path. */
function pathKindAt(path: YamlPath): PathKind | undefined {
  const keys = path.filter((s): s is string => typeof s === 'string');
  const last = keys.at(-1);
  const inService = path[0] === 'services';
  if (inService && keys[2] === 'build' && last === 'context') return 'folder';
  if (inService && keys[2] === 'build' && last === 'dockerfile') return 'dockerfile';
  if (inService && keys.length === 3 && last === 'build') return 'folder';
  if (
    inService &&
    (keys[2] === 'env_file' || keys[2] === 'label_file') &&
    (last === 'env_file' || last === 'label_file' || last === 'path')
  )
    return 'file';
  if (inService && keys[2] === 'extends' && last === 'file') return 'compose';
  if (path[0] === 'include' && (keys.length === 1 || last === 'path')) return 'compose';
  if (path[0] === 'include' && last === 'env_file') return 'file';
  if ((path[0] === 'configs' || path[0] === 'secrets') && keys.length === 3 && last === 'file') return 'file';
  return undefined;
}

export function completeCompose(model: ComposeModel, offset: number, sources: CompletionSources): CompletionItem[] {
  // A document too deep to analyse (see parseCompose) gets no completion: the cursor parse would recurse as deep.
  if (model.issues.some((i) => i.code === 'NESTING_TOO_DEEP')) return [];
  const ctx = completionContext(model.text, offset);
  if (!ctx) return [];
  const range: Range = { start: model.positionAt(ctx.replace[0]), end: model.positionAt(ctx.replace[1]) };
  if (ctx.kind === 'key') return keyItems(specAt(ctx.path), specKeyOf(ctx.path), ctx, range, sources);
  const lineStart = model.text.lastIndexOf('\n', offset - 1) + 1;
  const before = model.text.slice(lineStart, offset);
  const open = before.lastIndexOf('${');
  if (open >= 0 && /^\w*$/.test(before.slice(open + 2)))
    return variableItems(model, lineStart + open + 2, offset, sources);
  return valueItems(model, ctx, range, sources);
}

/** A key's documentation: what hover says of it, but its type, which the item shows as its detail. */
function documentation(spec: SpecNode): MarkupContent {
  return { kind: MarkupKind.Markdown, value: [translated(spec.description), ...specNotes(spec)].join('\n\n') };
}

/**
 * Where a YAML path's description sits in the spec, its segments joined by `/`: the names the document gives
 * (services, networks, labels…) become `*` and list positions `#` (`services/web/ports/0` gives `services`, `*`,
 * `ports`, `#`). So the key holds nothing of the document and finds the same description again (specOfKey), for
 * completionItem/resolve.
 */
function specKeyOf(path: YamlPath): string {
  let node: SpecNode | undefined = rootSpec;
  const segments: string[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') {
      segments.push('#');
      node = node?.items;
    } else if (node?.properties && Object.hasOwn(node.properties, segment)) {
      segments.push(segment);
      node = node.properties[segment];
    } else {
      segments.push('*');
      node = node?.values;
    }
  }
  return segments.join('/');
}

function specOfKey(key: string): SpecNode | undefined {
  let node: SpecNode | undefined = rootSpec;
  for (const segment of key ? key.split('/') : []) {
    if (!node) return undefined;
    node =
      segment === '#'
        ? node.items
        : segment === '*'
          ? node.values
          : node.properties && Object.hasOwn(node.properties, segment)
            ? node.properties[segment]
            : undefined;
  }
  return node;
}

/** The language in completion items' resolve data; their keys name a key's description in the spec (specKeyOf). */
export const COMPOSE_LANGUAGE = 'dockercompose';

/** The documentation of a key item from the key of its `data` (completionItem/resolve): the same as it had inline. */
export function composeCompletionDocumentation(key: string): MarkupContent | undefined {
  const spec = specOfKey(key);
  return spec && shownOf(spec).documentation;
}

const escapeSnippet = (s: string) => s.replace(/[$}\\]/g, '\\$&');

/** The snippet after `key:` for a value of this description. */
function valueSnippet(spec: SpecNode | undefined): string {
  if (!spec) return ' $0';
  const kinds = spec.kinds;
  const choices = spec.enum?.length
    ? spec.enum
    : kinds.length === 1 && kinds[0] === 'boolean'
      ? ['true', 'false']
      : undefined;
  if (choices) return ` \${1|${choices.map((c) => escapeSnippet(c).replace(/[,|]/g, '\\$&')).join(',')}|}`;
  if (kinds.some((k) => k === 'string' || k === 'number' || k === 'integer' || k === 'boolean')) return ' $0';
  const listFirst = kinds.includes('array') && (!kinds.includes('object') || spec.items?.ref !== undefined);
  if (listFirst) return '\n  - $0';
  if (kinds.includes('object')) return '\n  $0';
  return ' $0';
}

/**
 * What a key's item shows of its description: the same on every request, so made once per description and language
 * (a service's key completion offers some 80 keys, and each detail asked l10n for every kind name).
 */
interface Shown {
  locale: MessageLocale;
  detail: string;
  documentation: ReturnType<typeof documentation>;
}
const shownBySpec = new WeakMap<SpecNode, Shown>();
function shownOf(spec: SpecNode): Shown {
  const locale = currentLocale();
  let shown = shownBySpec.get(spec);
  if (!shown || shown.locale !== locale) {
    shown = { locale, detail: describeKinds(spec), documentation: documentation(spec) };
    shownBySpec.set(spec, shown);
  }
  return shown;
}

function keyItem(
  key: string,
  spec: SpecNode | undefined,
  specKey: string,
  ctx: CompletionContext,
  range: Range,
  sort: string,
): CompletionItem {
  const item: CompletionItem = {
    label: key,
    kind: CompletionItemKind.Property,
    sortText: `${sort}${key}`,
    textEdit: { range, newText: ctx.hasColon ? key : `${key}:${valueSnippet(spec)}` },
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.adjustIndentation,
  };
  if (spec) {
    const shown = shownOf(spec);
    item.detail = shown.detail;
    item.documentation = shown.documentation;
    item.data = { language: COMPOSE_LANGUAGE, key: specKey } satisfies CompletionData;
  }
  if (spec?.deprecated) {
    item.tags = [CompletionItemTag.Deprecated];
    item.sortText = `z${key}`;
  }
  return item;
}

function keyItems(
  spec: SpecNode | undefined,
  specKey: string,
  ctx: CompletionContext,
  range: Range,
  sources: CompletionSources,
): CompletionItem[] {
  if (!spec) return [];
  const out: CompletionItem[] = [];
  const under = specKey ? `${specKey}/` : '';
  for (const [key, sub] of Object.entries(spec.properties ?? {}))
    if (!ctx.presentKeys.has(key)) out.push(keyItem(key, sub, `${under}${key}`, ctx, range, 'a'));
  // Free keys that name things (depends_on / networks / models in map form): the names not used yet.
  // The top-level sections define names rather than use them: nothing to offer there.
  if (spec.keyRef && spec.values && ctx.path.length > 1) {
    for (const name of sources.names(spec.keyRef)) {
      if (ctx.presentKeys.has(name) || (spec.keyRef === 'service' && name === ctx.path[1])) continue;
      out.push({
        ...keyItem(name, spec.values, `${under}*`, ctx, range, 'b'),
        kind: refItemKind(spec.keyRef),
        detail: kindName(spec.keyRef),
      });
    }
  }
  return out;
}

/** A kind's name, the detail of the items that name one. */
function kindName(kind: RefKind): string {
  switch (kind) {
    case 'service':
      return l10n.t('service');
    case 'network':
      return l10n.t('network');
    case 'volume':
      return l10n.t('volume');
    case 'config':
      return l10n.t('config');
    case 'secret':
      return l10n.t('secret');
    case 'model':
      return l10n.t('model');
  }
}

function refItemKind(kind: RefKind): CompletionItemKind {
  return kind === 'service'
    ? CompletionItemKind.Class
    : kind === 'network'
      ? CompletionItemKind.Interface
      : kind === 'volume'
        ? CompletionItemKind.Struct
        : kind === 'config' || kind === 'secret'
          ? CompletionItemKind.File
          : CompletionItemKind.Module;
}

function words(values: Iterable<string>, range: Range, kind: CompletionItemKind, detail?: string): CompletionItem[] {
  return [...new Set(values)].map((v, i) => ({
    label: v,
    kind,
    textEdit: { range, newText: v },
    sortText: String(i).padStart(4, '0'),
    ...(detail ? { detail } : {}),
  }));
}

function valueItems(
  model: ComposeModel,
  ctx: CompletionContext,
  range: Range,
  sources: CompletionSources,
): CompletionItem[] {
  const { path } = ctx;
  const spec = specAt(path);
  const out: CompletionItem[] = [];
  // A `- ` item whose long form is an object: its keys are completions too (ports, volumes, secrets, …).
  if (ctx.dashItem && spec?.properties) {
    const under = `${specKeyOf(path)}/`;
    for (const [key, sub] of Object.entries(spec.properties))
      out.push(keyItem(key, sub, `${under}${key}`, { ...ctx, hasColon: false }, range, 'b'));
  }
  const service = path[0] === 'services' && typeof path[1] === 'string' ? path[1] : undefined;
  const last = path.at(-1);
  const parentKey = typeof last === 'number' ? path.at(-2) : last;

  // build.target: the stages of the Dockerfile this service builds.
  if (service && path[2] === 'build' && last === 'target') {
    return [
      ...out,
      ...words(
        sources.dockerfileStages(dockerfileOf(model, service)),
        range,
        CompletionItemKind.EnumMember,
        l10n.t('Dockerfile stage'),
      ),
    ];
  }
  // extends.service: services of the extended file, or of this project.
  if (service && path[2] === 'extends' && (last === 'service' || path.length === 3)) {
    const file = extendsFileOf(model, service);
    const names = file ? sources.servicesOf(file) : sources.names('service').filter((n) => n !== service);
    return [...out, ...words(names, range, CompletionItemKind.Class, kindName('service'))];
  }
  const kindOfPath = pathKindAt(path);
  if (kindOfPath)
    return [...out, ...pathItems(ctx, range, baseForPath(model, kindOfPath, service), kindOfPath, sources)];
  if (service && parentKey === 'image' && path.length === 3)
    return [...out, ...imageItems(ctx, range, sources.engineImages())];

  // volumes_from: another service (or `container:NAME`), the spec leaves it a plain string.
  if (service && parentKey === 'volumes_from' && typeof last === 'number') {
    out.push(
      ...words(
        [...sources.names('service').filter((n) => n !== service && !ctx.siblings.includes(n)), 'container:'],
        range,
        CompletionItemKind.Class,
        kindName('service'),
      ),
    );
  }
  // Profiles: the ones other services already use (so a typo does not start a new profile).
  if (service && parentKey === 'profiles' && typeof last === 'number')
    out.push(
      ...words(
        profilesInUse(model).filter((p) => !ctx.siblings.includes(p)),
        range,
        CompletionItemKind.EnumMember,
        l10n.t('profile'),
      ),
    );
  if (spec?.ref) {
    const taken = new Set(ctx.siblings);
    const names = sources.names(spec.ref).filter((n) => !taken.has(n) && !(spec.ref === 'service' && n === service));
    out.push(...words(names, range, refItemKind(spec.ref), kindName(spec.ref)));
  }
  if (service && parentKey === 'volumes' && typeof last === 'number') {
    // Short volume syntax starts with a named volume: offer `name:` and let the user type the target.
    out.push(
      ...sources.names('volume').map((v) => ({
        label: `${v}:`,
        kind: CompletionItemKind.Struct,
        detail: l10n.t('named volume'),
        textEdit: { range, newText: `${v}:` },
      })),
    );
  }
  if (spec?.format === 'network-mode' || last === 'ipc' || last === 'pid') {
    const others = sources
      .names('service')
      .filter((n) => n !== service)
      .map((n) => `service:${n}`);
    const base =
      spec?.format === 'network-mode'
        ? FORMAT_WORDS['network-mode']!
        : last === 'ipc'
          ? ['shareable', 'private', 'host']
          : ['host'];
    out.push(...words([...base, ...others], range, CompletionItemKind.EnumMember));
  } else if (spec?.format && FORMAT_WORDS[spec.format]) {
    out.push(...words(FORMAT_WORDS[spec.format]!, range, CompletionItemKind.EnumMember));
  }
  if (spec?.enum) out.push(...words(spec.enum, range, CompletionItemKind.EnumMember));
  if (spec?.kinds.includes('boolean')) out.push(...words(['true', 'false'], range, CompletionItemKind.Keyword));
  return out;
}

function profilesInUse(model: ComposeModel): string[] {
  const services = getKey(model, model.doc.contents, 'services');
  if (!isMap(services)) return [];
  const out = new Set<string>();
  for (const entry of services.items) {
    const profiles = getKey(model, entry.value, 'profiles');
    if (isSeq(profiles))
      for (const p of profiles.items) {
        const v = scalarString(p);
        if (v) out.add(v);
      }
  }
  return [...out].sort();
}

/** Variable names after `${`, replacing the name typed so far (and the rest of it after the cursor). */
function variableItems(
  model: ComposeModel,
  nameStart: number,
  offset: number,
  sources: CompletionSources,
): CompletionItem[] {
  let end = offset;
  while (end < model.text.length && /\w/.test(model.text.charAt(end))) end++;
  const range = { start: model.positionAt(nameStart), end: model.positionAt(end) };
  return sources.variables().map((v) => ({
    label: v.name,
    kind: CompletionItemKind.Variable,
    detail: l10n.t('from {0}', v.source),
    textEdit: { range, newText: v.name },
  }));
}

/** The images of the local engine as `repository:tag`; after a `:` only the tags of that repository. */
function imageItems(ctx: CompletionContext, range: Range, images: readonly EngineImage[]): CompletionItem[] {
  const refs = images.flatMap((img) => (img.tags.length ? img.tags : ['latest']).map((t) => `${img.repository}:${t}`));
  const colon = ctx.prefix.lastIndexOf(':');
  const repo = colon > 0 && !ctx.prefix.slice(colon).includes('/') ? ctx.prefix.slice(0, colon) : undefined;
  const wanted = repo ? refs.filter((r) => r.startsWith(`${repo}:`)) : refs;
  return words(wanted.sort(), range, CompletionItemKind.Value, l10n.t('local image'));
}
