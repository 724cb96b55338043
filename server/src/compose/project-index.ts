// The reference index: where services, networks, volumes, configs, secrets, models and YAML anchors are defined and
// used, with the ranges of their names — per file (`indexFile`) and across a project's files (`indexProject`:
// the file, its override / COMPOSE_FILE siblings and its `include`s). Used by reference diagnostics and by the
// editing features (definition, references, highlight, rename).
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
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

/**
 * One service's references, all inside its own text. The next version reuses them while the service keeps its nodes
 * (ComposeModel.carried), moved by as many lines as the service moved. A service with a reference outside its text
 * (in what it merges first, or reaches through an alias) has no share: it is indexed again on every version.
 */
interface ServiceShare {
  /** The service's value node when the share was made. */
  value: unknown;
  /** The line of the service's key when the share was made. */
  line: number;
  references: ComposeReference[];
}

/** A symbol of one node (a definition's key, an alias), as made on the line it then had. */
interface NodeSymbol {
  line: number;
  symbol: ComposeSymbol;
}

/** What one version's index made per node, which the next version may reuse (see ComposeModel.carried). */
interface Carried {
  shares: Map<Pair, ServiceShare>;
  symbols: Map<Node, NodeSymbol>;
}

/** By version (ComposeModel.token): what its index made; kept while a model or the next version names it. */
const carriedByToken = new WeakMap<object, Carried>();

/** A symbol moved down by `lines` (the same object when it did not move). */
function movedSymbol<T extends ComposeSymbol>(symbol: T, lines: number): T {
  if (lines === 0) return symbol;
  const { start, end } = symbol.range;
  return {
    ...symbol,
    range: {
      start: { line: start.line + lines, character: start.character },
      end: { line: end.line + lines, character: end.character },
    },
  };
}

/** Where a services entry's text lies: from its key to the end of its value. */
function entryText(pair: Pair): [number, number] | undefined {
  const start = (pair.key as Node | null)?.range?.[0];
  const end = (pair.value as Node | null)?.range?.[1];
  return start === undefined || end === undefined ? undefined : [start, end];
}

/** Whether every pair the service merges was merged (and indexed) by a service before it. */
function mergesNothingFirst(model: ComposeModel, svc: YAMLMap, mergedSeen: Set<Pair>): boolean {
  for (const p of effectivePairs(model, svc)) if (p.merged && !mergedSeen.has(p.pair)) return false;
  return true;
}

/**
 * Indexes one parsed compose file. After an edit that re-read one service alone (ComposeModel.carried), what the
 * previous version made for the nodes the edit left alone is reused, moved to their new lines: each service's
 * references, the definitions of names and the aliases. The result is the index a fresh build makes (the
 * incremental property test compares them).
 */
function buildFileIndex(model: ComposeModel): FileIndex {
  const { uri } = model;
  const definitions: ComposeSymbol[] = [];
  const references: ComposeReference[] = [];
  const root = model.doc.contents;
  // The latest earlier version indexed, if every version since was carried from the one before.
  const indexed = model.carried?.chain.findLast((token) => carriedByToken.has(token));
  const previous = indexed && carriedByToken.get(indexed);
  const carried: Carried = { shares: new Map(), symbols: new Map() };
  carriedByToken.set(model.token, carried);
  /** The symbol of a node the edit left alone, as the previous version made it, moved to the node's line. */
  const symbolOf = <T extends ComposeSymbol>(node: Node, at: number, make: () => T): T => {
    const line = model.positionAt(at).line;
    const hit = previous?.symbols.get(node);
    const symbol = hit ? movedSymbol(hit.symbol as T, line - hit.line) : make();
    carried.symbols.set(node, hit ?? { line, symbol });
    return symbol;
  };
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
        const key = item.key as Scalar;
        if (name && isScalar(key))
          definitions.push(symbolOf(key, textStart(key), () => ({ kind, name, uri, range: span(key) })));
      }
    }
    const services = model.resolve(getKey(model, root, 'services'));
    const mergedSeen = new Set<Pair>();
    if (isMap(services))
      for (const item of services.items) {
        const name = keyText(item);
        const svc = model.resolve(item.value);
        if (!name || !isMap(svc)) continue;
        const text = entryText(item);
        const share = previous?.shares.get(item);
        if (text && share && share.value === item.value && mergesNothingFirst(model, svc, mergedSeen)) {
          const lines = model.positionAt(text[0]).line - share.line;
          for (const r of share.references) references.push(movedSymbol(r, lines));
          carried.shares.set(item, share);
          continue;
        }
        const before = references.length;
        indexService(model, name, svc, ref, mergedSeen);
        if (!text) continue;
        const made = references.slice(before);
        const [from, to] = [model.positionAt(text[0]), model.positionAt(text[1])];
        const within = (r: ComposeReference) =>
          (r.range.start.line > from.line ||
            (r.range.start.line === from.line && r.range.start.character >= from.character)) &&
          (r.range.end.line < to.line || (r.range.end.line === to.line && r.range.end.character <= to.character));
        if (made.every(within)) carried.shares.set(item, { value: item.value, line: from.line, references: made });
      }
  }
  indexAnchors(model, definitions, references, symbolOf);
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
          ref('service', n, key, service, 0, t.split(':', 1)[0]!.length);
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
              const source = parts.length > 1 ? parts[0] : undefined;
              if (source !== undefined && isVolumeName(source)) ref('volume', v, key, service, 0, source.length);
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

/** Makes, or takes from the previous version, the symbol of a node that starts at offset `at`. */
type SymbolOf = <T extends ComposeSymbol>(node: Node, at: number, make: () => T) => T;

function indexAnchors(
  model: ComposeModel,
  definitions: ComposeSymbol[],
  references: ComposeReference[],
  symbolOf: SymbolOf,
): void {
  const { uri, text } = model;
  if (!text.includes('&') && !text.includes('*')) return;
  for (const node of model.aliasNodes) {
    if (!node.range) continue;
    const s = node.range[0] + 1;
    references.push(
      symbolOf(node, s, () => ({
        kind: 'anchor' as const,
        name: node.source,
        uri,
        range: model.rangeOf([s, s + node.source.length]),
        via: 'alias',
      })),
    );
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
  // Lookups by kind, then name, built once: rules ask for every reference of a large file. (Two levels rather than
  // one key string per symbol: no string is built and hashed for each of a large file's symbols on every edit.)
  const group = <T extends ComposeSymbol>(lists: T[][]) => {
    const byKind = new Map<SymbolKind, Map<string, T[]>>();
    for (const items of lists)
      for (const s of items) {
        let byName = byKind.get(s.kind);
        if (!byName) byKind.set(s.kind, (byName = new Map()));
        const same = byName.get(s.name);
        if (same) same.push(s);
        else byName.set(s.name, [s]);
      }
    return (kind: SymbolKind, name: string) => byKind.get(kind)?.get(name) ?? [];
  };
  const definitions = group(list.map((f) => f.index.definitions));
  const references = group(list.map((f) => f.index.references));
  const within = (r: Range, p: Position) =>
    (r.start.line < p.line || (r.start.line === p.line && r.start.character <= p.character)) &&
    (r.end.line > p.line || (r.end.line === p.line && r.end.character >= p.character));
  return {
    uri: model.uri,
    files: list,
    variables,
    definitionsOf: (kind, name, uri) => definitions(kind, name).filter(sameFile(kind, uri)),
    referencesTo: (kind, name, uri) => references(kind, name).filter(sameFile(kind, uri)),
    symbolAt: (uri, position) => {
      const f = list.find((x) => x.uri === uri);
      if (!f) return undefined;
      // (Two scans rather than one over a spread copy: a large file holds thousands of symbols, and a hover asks.)
      const at = (s: ComposeSymbol) => within(s.range, position);
      return f.index.references.find(at) ?? f.index.definitions.find(at);
    },
  };
}
