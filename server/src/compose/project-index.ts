// The reference index: where services, networks, volumes, configs, secrets, models and YAML anchors are defined and
// used, with the ranges of their names — per file (`indexFile`) and across a project's files (`indexProject`:
// the file, its override / COMPOSE_FILE siblings and its `include`s). Used by reference diagnostics and by the
// editing features (definition, references, highlight, rename).
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import { loadVariables, projectFileUris, resolvePath, type FileAccess, type Variables } from './env';
import { effectivePairs, getKey, keyText, parseCompose, scalarString, type ComposeModel } from './parse/document';
import { splitVolume } from './rules/formats';
import type { RefKind } from './spec/types';

export type SymbolKind = RefKind | 'anchor';

/** One occurrence of a name. `range` covers the name only (e.g. `db` in `db:database`), for rename. */
export interface ComposeSymbol {
  kind: SymbolKind;
  name: string;
  uri: string;
  range: Range;
}

/** A reference, plus the service it sits in (when it does) and what attribute makes it (e.g. 'depends_on'). */
export interface ComposeReference extends ComposeSymbol {
  service?: string;
  via: string;
}

export interface FileIndex {
  uri: string;
  definitions: ComposeSymbol[];
  references: ComposeReference[];
}

const SECTIONS: Record<string, RefKind> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  configs: 'config',
  secrets: 'secret',
  models: 'model',
};

/** Offset of a scalar's text in the source (skipping the opening quote). */
function textStart(node: Scalar): number {
  return (node.range?.[0] ?? 0) + (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0);
}

/** Whether a volume source written in short syntax names a volume (rather than a host path). */
export function isVolumeName(source: string): boolean {
  return !!source && !/^[./~$\\]/.test(source) && !/^[a-zA-Z]:[\\/]/.test(source) && !source.includes('/');
}

const fileIndexes = new WeakMap<ComposeModel, FileIndex>();

/** The symbols of one file, built once per model (one per document version): every request of a feature asks. */
export function indexFile(model: ComposeModel): FileIndex {
  let index = fileIndexes.get(model);
  if (!index) {
    index = buildFileIndex(model);
    fileIndexes.set(model, index);
  }
  return index;
}

/** Indexes one parsed compose file. */
function buildFileIndex(model: ComposeModel): FileIndex {
  const { uri } = model;
  const definitions: ComposeSymbol[] = [];
  const references: ComposeReference[] = [];
  const root = model.doc.contents;
  const span = (node: Scalar, from = 0, length?: number): Range => {
    const s = textStart(node) + from;
    return model.rangeOf([s, s + (length ?? (scalarString(node) ?? '').length - from)]);
  };
  const ref = (kind: RefKind, node: unknown, via: string, service?: string, from = 0, length?: number) => {
    if (!isScalar(node)) return;
    const text = scalarString(node);
    if (!text || text.includes('$')) return;
    const name = length !== undefined ? text.slice(from, from + length) : text.slice(from);
    if (!name) return;
    references.push({
      kind,
      name,
      uri,
      range: span(node, from, name.length),
      via,
      ...(service !== undefined ? { service } : {}),
    });
  };
  if (isMap(root)) {
    for (const pair of root.items) {
      const kind = SECTIONS[keyText(pair) ?? ''];
      const section = model.resolve(pair.value);
      if (!kind || !isMap(section)) continue;
      for (const item of section.items) {
        const name = keyText(item);
        // `x-` names inside these maps are real names (Compose loads `volumes: {x-data: {}}` as a volume).
        if (name && isScalar(item.key)) definitions.push({ kind, name, uri, range: span(item.key as Scalar) });
      }
    }
    const services = model.resolve(getKey(model, root, 'services'));
    const mergedSeen = new Set<Pair>();
    if (isMap(services))
      for (const item of services.items) {
        const name = keyText(item);
        const svc = model.resolve(item.value);
        if (name && isMap(svc)) indexService(model, name, svc, ref, mergedSeen);
      }
  }
  indexAnchors(model, definitions, references);
  return { uri, definitions, references };
}

type RefFn = (kind: RefKind, node: unknown, via: string, service?: string, from?: number, length?: number) => void;

function listOrKeys(model: ComposeModel, value: unknown, each: (node: unknown) => void): void {
  const v = model.resolve(value);
  if (isSeq(v)) v.items.forEach((i) => each(model.resolve(i)));
  else if (isMap(v)) v.items.forEach((p: Pair) => each(p.key));
}

function indexService(model: ComposeModel, service: string, svc: Node, ref: RefFn, mergedSeen: Set<Pair>): void {
  for (const { key, pair, merged } of effectivePairs(model, svc as never)) {
    // A merged value is indexed once, where the anchor writes it, for the first service that merges it: a network
    // listed only in `x-common: &common` is used by every service with `<<: *common`.
    if (merged) {
      if (mergedSeen.has(pair)) continue;
      mergedSeen.add(pair);
    }
    const value = model.resolve(pair.value);
    switch (key) {
      case 'depends_on':
        listOrKeys(model, value, (n) => ref('service', n, key, service));
        break;
      case 'links':
      case 'volumes_from':
        listOrKeys(model, value, (n) => {
          const t = scalarString(n) ?? '';
          if (key === 'volumes_from' && t.startsWith('container:')) return;
          ref('service', n, key, service, 0, t.split(':')[0].length);
        });
        break;
      case 'extends': {
        if (isScalar(value)) ref('service', value, key, service);
        else if (isMap(value) && !getKey(model, value, 'file'))
          ref('service', getKey(model, value, 'service'), key, service);
        break;
      }
      case 'network_mode':
      case 'ipc':
      case 'pid': {
        const t = scalarString(value) ?? '';
        if (t.startsWith('service:')) ref('service', value, key, service, 'service:'.length);
        break;
      }
      case 'networks':
        listOrKeys(model, value, (n) => ref('network', n, key, service));
        break;
      case 'models':
        listOrKeys(model, value, (n) => ref('model', n, key, service));
        break;
      case 'secrets':
      case 'configs':
        grants(model, value, key === 'secrets' ? 'secret' : 'config', key, service, ref);
        break;
      case 'build':
        if (isMap(value)) grants(model, getKey(model, value, 'secrets'), 'secret', 'build.secrets', service, ref);
        break;
      case 'volumes':
        if (isSeq(value))
          for (const item of value.items) {
            const v = model.resolve(item);
            if (isScalar(v)) {
              const parts = splitVolume(scalarString(v) ?? '');
              if (parts.length > 1 && isVolumeName(parts[0])) ref('volume', v, key, service, 0, parts[0].length);
            } else if (isMap(v)) {
              const type = scalarString(getKey(model, v, 'type'));
              const src = getKey(model, v, 'source');
              if ((type === 'volume' || type === undefined) && isVolumeName(scalarString(src) ?? ''))
                ref('volume', src, key, service);
            }
          }
        break;
    }
  }
}

function grants(model: ComposeModel, value: unknown, kind: RefKind, via: string, service: string, ref: RefFn): void {
  const v = model.resolve(value);
  if (!isSeq(v)) return;
  for (const item of v.items) {
    const n = model.resolve(item);
    if (isScalar(n)) ref(kind, n, via, service);
    else if (isMap(n)) ref(kind, getKey(model, n, 'source'), via, service);
  }
}

function indexAnchors(model: ComposeModel, definitions: ComposeSymbol[], references: ComposeReference[]): void {
  const { uri, text } = model;
  if (!text.includes('&') && !text.includes('*')) return;
  for (const node of model.aliasNodes) {
    if (!node.range) continue;
    const s = node.range[0] + 1;
    references.push({
      kind: 'anchor',
      name: node.source,
      uri,
      range: model.rangeOf([s, s + node.source.length]),
      via: 'alias',
    });
  }
  for (const node of model.anchorNodes) {
    if (!node.range || !node.anchor) continue;
    const name = node.anchor;
    const at = text.lastIndexOf('&' + name, node.range[0]);
    if (at >= 0) definitions.push({ kind: 'anchor', name, uri, range: model.rangeOf([at + 1, at + 1 + name.length]) });
  }
}

/** A project: the index of each of its files, and the lookups the features need. */
export interface ProjectIndex {
  /** The file the project was built for (first in `files`). */
  uri: string;
  files: { uri: string; model: ComposeModel; index: FileIndex }[];
  variables: Variables;
  /** Definitions of a name across the project (anchors: in the same file only). */
  definitionsOf(kind: SymbolKind, name: string, uri?: string): ComposeSymbol[];
  /** References to a name across the project (anchors: in the same file only). */
  referencesTo(kind: SymbolKind, name: string, uri?: string): ComposeReference[];
  /** The definition or reference under a position of one of the project's files. */
  symbolAt(uri: string, position: Position): ComposeSymbol | undefined;
}

const otherFiles = new Map<string, { text: string; model: ComposeModel }>();
/** Parses a file of the project that is not the current document, reusing the previous parse while its text is unchanged. */
export function parseOther(uri: string, files: FileAccess): ComposeModel | undefined {
  const text = files.readFile(uri);
  if (text === undefined) return undefined;
  const hit = otherFiles.get(uri);
  if (hit && hit.text === text) return hit.model;
  const model = parseCompose(text, uri);
  if (otherFiles.size > 100) otherFiles.clear();
  otherFiles.set(uri, { text, model });
  return model;
}

/** The `include` entries of a file, as resolved URIs. */
/** The path nodes of one `include` entry: the entry itself (short form) or its `path`, one or a list (long form). */
export function includePathNodes(model: ComposeModel, item: unknown): unknown[] {
  const n = model.resolve(item);
  if (isScalar(n)) return [n];
  if (!isMap(n)) return [];
  const p = model.resolve(getKey(model, n, 'path'));
  return isSeq(p) ? p.items : [p];
}

export function includedUris(model: ComposeModel): string[] {
  const root = model.doc.contents;
  const inc = model.resolve(getKey(model, root, 'include'));
  if (!isSeq(inc)) return [];
  const out: string[] = [];
  for (const item of inc.items) {
    for (const p of includePathNodes(model, item)) {
      const s = scalarString(model.resolve(p));
      if (s && !s.includes('$')) out.push(resolvePath(model.uri, s));
    }
  }
  return out;
}

/** Builds the project index around a file. `envFiles` is the `berth.compose.envFiles` setting; tests leave out the process env. */
export function indexProject(
  model: ComposeModel,
  files: FileAccess,
  envFiles: readonly string[] = [],
  withProcessEnv = true,
): ProjectIndex {
  const variables = loadVariables(model.uri, files, envFiles, withProcessEnv);
  const list: ProjectIndex['files'] = [{ uri: model.uri, model, index: indexFile(model) }];
  const queue = [...projectFileUris(model.uri, files, variables).slice(1), ...includedUris(model)];
  while (queue.length && list.length < 32) {
    const uri = queue.shift()!;
    if (list.some((f) => f.uri === uri)) continue;
    const other = parseOther(uri, files);
    if (!other) continue;
    list.push({ uri, model: other, index: indexFile(other) });
    queue.push(...includedUris(other));
  }
  const sameFile = (kind: SymbolKind, uri?: string) => (s: ComposeSymbol) => kind !== 'anchor' || !uri || s.uri === uri;
  // Lookups by kind and name, built once: rules ask for every reference of a large file.
  const group = <T extends ComposeSymbol>(items: T[]) => {
    const byName = new Map<string, T[]>();
    for (const s of items) {
      const k = `${s.kind}\u0000${s.name}`;
      (byName.get(k) ?? byName.set(k, []).get(k)!).push(s);
    }
    return byName;
  };
  const definitions = group(list.flatMap((f) => f.index.definitions));
  const references = group(list.flatMap((f) => f.index.references));
  const within = (r: Range, p: Position) =>
    (r.start.line < p.line || (r.start.line === p.line && r.start.character <= p.character)) &&
    (r.end.line > p.line || (r.end.line === p.line && r.end.character >= p.character));
  return {
    uri: model.uri,
    files: list,
    variables,
    definitionsOf: (kind, name, uri) => (definitions.get(`${kind}\u0000${name}`) ?? []).filter(sameFile(kind, uri)),
    referencesTo: (kind, name, uri) => (references.get(`${kind}\u0000${name}`) ?? []).filter(sameFile(kind, uri)),
    symbolAt: (uri, position) => {
      const f = list.find((x) => x.uri === uri);
      if (!f) return undefined;
      return [...f.index.references, ...f.index.definitions].find((s) => within(s.range, position));
    },
  };
}
