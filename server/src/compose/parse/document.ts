// Parses a compose file into the `yaml` package's Document with source ranges, and exposes helpers that every
// Compose feature shares: offsets ↔ LSP positions, node ranges, the YAML path under a position, alias resolution.
// `getComposeModel(doc)` caches one ComposeModel per document version, each built from the one before where it can be.
import * as l10n from '@vscode/l10n';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Pair as YamlPair,
  parseAllDocuments,
  parseDocument,
  YAMLMap as YamlMapNode,
  YAMLParseError,
  type Alias,
  type CollectionTag,
  type Document,
  type Node,
  type ScalarTag,
  type Pair,
  type ParsedNode,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseBlockYaml, type FastParseOptions } from './fast-yaml/parse';
import { changedStretch, keepsNesting, reparseEdit, type Replaced } from './fast-yaml/reparse';

/** A YAML path: map keys as strings, sequence indexes as numbers. */
export type YamlPath = (string | number)[];

/** A parser error or warning, already mapped to an LSP range. `code` is the yaml package's error code. */
export interface ParseIssue {
  code: string;
  message: string;
  range: Range;
  warning: boolean;
}

/** A document whose aliases expand it to more nodes than this (and than 10× its own) is an alias bomb. */
export const MAX_EXPANDED_NODES = 100_000;

export interface ComposeModel {
  uri: string;
  text: string;
  /** The parsed document; `doc.contents` is the root node (usually a map), null for an empty file. */
  doc: Document.Parsed;
  /** How many YAML documents the text holds (several are merged into `doc`, see mergeDocuments). */
  documents: number;
  lineCounter: LineCounter;
  issues: ParseIssue[];
  /** True when expanding aliases exceeds MAX_EXPANDED_NODES; then `value` is undefined and deep analysis is skipped. */
  aliasBomb: boolean;
  /** The document as plain JS (aliases and merge keys applied, tags dropped); undefined for alias bombs. */
  value: unknown;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  /** LSP range of a node's value (its `range[0]..range[1]`), or of a raw offset pair. */
  rangeOf(node: Node | [number, number]): Range;
  /**
   * `effectivePairs` of this document's maps: rules ask for the same maps many times. A plain Map that lives and dies
   * with the model (a WeakMap entry per map costs several times more, in the garbage collector).
   */
  readonly pairs: Map<YAMLMap, readonly EffectivePair[]>;
  /** Nodes that carry an anchor (`&name`), and the aliases (`*name`), each in document order. */
  anchorNodes: readonly ParsedNode[];
  aliasNodes: readonly Alias[];
  /** Map keys that are scalars but not strings (`123:`, `true:`, `~:`; merge keys aside), in document order. */
  nonStringKeys: readonly Scalar[];
  /** Resolves an alias to the node it points at (one level); other nodes are returned unchanged. */
  resolve(node: unknown): ParsedNode | null;
  /** This version's identity, which the next version's `carried.from` names (a token: it holds no model). */
  readonly token: object;
  /**
   * Set when this version was made from the one named by `from` by re-reading one services entry alone
   * (fast-yaml/reparse.ts), and neither that entry's old nor its new lines define an anchor: every node outside
   * `replaced` is the previous version's own object, with its text unchanged and only its position moved, and every
   * alias outside it resolves as before. Caches keyed by nodes (the reference index) may reuse what they made.
   */
  readonly carried?: {
    from: object;
    replaced: Pair;
    /**
     * The tokens of the versions before this one that it was carried from, each from the one before it without a
     * break: `from` last, at most MAX_CARRIED_CHAIN. A node found in one of them is untouched since (a replaced entry
     * never comes back): a cache of a version that skipped some (a request not asked of every version) may still be
     * reused.
     */
    chain: readonly object[];
  };
}

// `!reset` and `!override` are Compose's merge directives: known tags, so the parser keeps their node as is.
const COMPOSE_TAGS: (CollectionTag | ScalarTag)[] = ['!reset', '!override'].flatMap((tag) => [
  { tag, collection: 'map' as const, resolve: (m: YAMLMap.Parsed | YAMLSeq.Parsed) => m },
  { tag, collection: 'seq' as const, resolve: (s: YAMLMap.Parsed | YAMLSeq.Parsed) => s },
  { tag, resolve: (s: string) => s },
]);

/** How compose text is parsed, by the `yaml` package and by the fast path alike. */
export const YAML_OPTIONS: FastParseOptions = {
  merge: true,
  customTags: COMPOSE_TAGS,
  prettyErrors: false,
  logLevel: 'error',
  uniqueKeys: true,
  keepSourceTokens: false,
};

/** Documents nested deeper than this are not analysed (compose files nest a few levels; the features recurse). */
export const MAX_YAML_DEPTH = 256;

/**
 * How deep the text nests, and where it first goes past `limit`: block levels (a stack of indents) plus flow
 * brackets, in one pass. An estimate (quotes and comments are not parsed), used only to refuse hostile depth.
 */
export function nestingDepth(text: string, limit: number): { depth: number; at?: number } {
  const indents: number[] = [];
  let flow = 0;
  let depth = 0;
  let lineStart = 0;
  let inIndent = true;
  let indent = 0;
  // Character codes, not one-character strings: this runs over every character of every version.
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c === 10 /* \n */) {
      lineStart = i + 1;
      inIndent = true;
      indent = 0;
      continue;
    }
    // Only a new block level or an opening bracket deepens the text.
    let deeper = false;
    if (inIndent) {
      if (c === 32 /* space */ || c === 45 /* - */) {
        indent++;
        continue;
      }
      inIndent = false;
      if (c !== 35 /* # */ && c !== 13 /* \r */ && flow === 0) {
        while ((indents.at(-1) ?? -1) >= indent) indents.pop();
        indents.push(indent);
        deeper = true;
      }
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      flow++;
      deeper = true;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && flow > 0) flow--;
    if (deeper && indents.length + flow > depth) {
      depth = indents.length + flow;
      if (depth > limit) return { depth, at: lineStart };
    }
  }
  return { depth };
}

/**
 * Calls `f` on every node in document order (a collection before its items, a key before its value). yaml's own
 * `visit` does the same with paths and control flow that cost several times more on every keystroke. Recursive:
 * parseCompose refuses documents nested past MAX_YAML_DEPTH.
 */
export function walkNodes(node: unknown, f: (node: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (isPair(node)) {
    walkNodes(node.key, f);
    walkNodes(node.value, f);
    return;
  }
  f(node as Node);
  if (isMap(node) || isSeq(node)) for (const item of node.items) walkNodes(item, f);
}

/** A scalar key as yaml compares keys (value and type: `1` and `"1"` differ); undefined for merge and complex keys. */
function scalarKeyId(key: unknown): string | undefined {
  if (!isScalar(key) || typeof key.value === 'symbol' || key.value === '<<') return undefined;
  return `${typeof key.value}:${String(key.value)}`;
}

/** Adds yaml's DUPLICATE_KEY error for each key that repeats an earlier one of its map (merge keys aside). */
function duplicateKeys(doc: Document.Parsed): void {
  walkNodes(doc.contents, (node) => {
    if (!isMap(node) || node.items.length < 2) return;
    const seen = new Set<string>();
    for (const pair of node.items as Pair[]) {
      const id = scalarKeyId(pair.key);
      if (id === undefined) continue;
      if (!seen.has(id)) {
        seen.add(id);
        continue;
      }
      const at = (pair.key as Node).range?.[0] ?? 0;
      doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
    }
  });
}

/**
 * Compose loads a file of several YAML documents (`---` between them) as one: each document is merged onto the ones
 * before it, like an override file. The documents become the first one with a root that holds them all merged: maps
 * under the same key are combined (recursively), anything else is replaced by the later document. Nodes keep their
 * own ranges (all documents share the text), and each document's own errors are kept.
 */
function mergeDocuments(docs: [Document.Parsed, ...Document.Parsed[]]): Document.Parsed {
  const [first] = docs;
  // All documents at once, key by key: merging them one onto the next copied the growing result each time
  // (quadratic in the number of documents).
  const mergeAll = (values: unknown[]): unknown => {
    const last = values[values.length - 1];
    let from = values.length - 1;
    while (
      from > 0 &&
      isMap(values[from - 1]) &&
      isMap(values[from]) &&
      !(values[from - 1] as YAMLMap).tag &&
      !(values[from] as YAMLMap).tag
    )
      from--;
    if (from === values.length - 1) return last; // a non-map (or tagged map) replaces whatever came before
    const maps = values.slice(from) as YAMLMap[];
    const out = new YamlMapNode();
    // values[from] is a map, so maps holds at least it.
    out.range = maps[0]!.range;
    out.anchor = maps[0]!.anchor;
    const groups = new Map<string, { pair: YamlPair; values: unknown[] }>();
    for (const map of maps) {
      for (const pair of map.items as YamlPair[]) {
        const key = scalarKeyId(pair.key);
        const group = key === undefined ? undefined : groups.get(key);
        if (group) {
          group.values.push(pair.value);
          continue;
        }
        const copy = new YamlPair(pair.key, pair.value);
        out.items.push(copy);
        if (key !== undefined) groups.set(key, { pair: copy, values: [pair.value] });
      }
    }
    for (const { pair, values: vs } of groups.values()) if (vs.length > 1) pair.value = mergeAll(vs);
    return out;
  };
  const contents = docs.map((d) => d.contents).filter((c) => c !== null);
  first.contents = (contents.length ? mergeAll(contents) : null) as Document.Parsed['contents'];
  for (const d of docs.slice(1)) {
    first.errors.push(...d.errors);
    first.warnings.push(...d.warnings);
  }
  return first;
}

/** How many earlier versions ComposeModel.carried.chain names. */
const MAX_CARRIED_CHAIN = 8;

/** Documents the fast path made: only these may be updated in place by the next version's parse. */
const fastDocs = new WeakSet<Document.Parsed>();

/**
 * Parses compose text. Never throws. With `previous` (the model of an earlier version of the same document, which
 * must not be used afterwards), an edit inside one service re-reads that service only (see fast-yaml/reparse.ts).
 */
export function parseCompose(text: string, uri = '', previous?: ComposeModel): ComposeModel {
  let lineCounter = new LineCounter();
  let documents = 1;
  const fromFastPath = !!previous && fastDocs.has(previous.doc);
  const stretch = fromFastPath ? changedStretch(previous.text, text) : undefined;
  // A version from the fast path was not too deep; an edit that keeps its nesting leaves it so.
  const tooDeep =
    stretch && keepsNesting(previous!.text, text, stretch) ? undefined : nestingDepth(text, MAX_YAML_DEPTH).at;
  // The fast path takes the common block-style files; anything else, and every error, goes to the `yaml` parser.
  // Hostile depth is not parsed at all: an empty document and one issue that says why.
  let doc: Document.Parsed | undefined;
  let replaced: Replaced | undefined;
  if (tooDeep === undefined && stretch) {
    fastDocs.delete(previous!.doc);
    const reparsed = reparseEdit(previous!.doc, previous!.text, text, stretch, lineCounter);
    if (reparsed) ({ doc, replaced } = reparsed);
    else lineCounter = new LineCounter();
  }
  if (!doc && tooDeep === undefined) doc = parseBlockYaml(text, YAML_OPTIONS, lineCounter);
  if (doc) fastDocs.add(doc);
  if (!doc) {
    lineCounter = new LineCounter();
    // yaml's own duplicate-key check compares each key with every earlier key of its map (quadratic: 5,000
    // services took a second); ours below keeps a set per map.
    doc = parseDocument(tooDeep === undefined ? text : '', {
      ...YAML_OPTIONS,
      uniqueKeys: false,
      lineCounter,
    }) as Document.Parsed;
    if (doc.errors.some((e) => e.code === 'MULTIPLE_DOCS')) {
      lineCounter = new LineCounter();
      const docs = parseAllDocuments(text, { ...YAML_OPTIONS, uniqueKeys: false, lineCounter }) as Document.Parsed[];
      documents = docs.length;
      docs.forEach(duplicateKeys); // before merging: merged maps hold each key once
      doc = mergeDocuments(docs as [Document.Parsed, ...Document.Parsed[]]); // MULTIPLE_DOCS: two or more
    } else duplicateKeys(doc);
    if (tooDeep !== undefined)
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineCounter.addNewLine(i + 1);
  }
  const positionAt = (offset: number): Position => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line - 1, character: p.col - 1 };
  };
  const lineStarts = lineCounter.lineStarts;
  const offsetAt = (pos: Position): number => {
    const start = lineStarts[Math.min(pos.line, lineStarts.length - 1)] ?? 0;
    return Math.min(text.length, start + pos.character);
  };
  const rangeOf = (node: Node | [number, number]): Range => {
    const [a, b] = Array.isArray(node) ? node : (node.range ?? [0, 0]);
    return { start: positionAt(a), end: positionAt(Math.max(a, b)) };
  };
  const issues: ParseIssue[] = [...doc.errors, ...doc.warnings].map((e) => ({
    code: e.code,
    message: e.message.split('\n', 1)[0]!,
    range: rangeOf([e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)]),
    warning: e.name === 'YAMLWarning',
  }));
  if (tooDeep !== undefined) {
    issues.push({
      code: 'NESTING_TOO_DEEP',
      message: l10n.t('This document nests more than {0} levels deep: Berth does not analyse it.', MAX_YAML_DEPTH),
      range: rangeOf([tooDeep, tooDeep + 1]),
      warning: true,
    });
  }
  // What the parse is asked again and again: the alias table, the anchors, the keys that are not strings, and the
  // node count; after an edit of one service, from the previous version's and that service's nodes alone.
  const previousWalk = replaced && walks.get(previous!.token);
  const walked = (previousWalk && walkEdit(previousWalk, replaced!)) || walkAll(doc.contents);
  const token = {};
  walks.set(token, walked);
  const { aliases, anchorNodes, nonStringKeys } = walked;
  // The parser accepts aliases to unknown anchors silently; report them with `*name`'s range.
  for (const [node, target] of aliases)
    if (!target)
      issues.push({
        code: 'BAD_ALIAS',
        message: l10n.t('Unresolved alias: no anchor &{0} is defined before it.', node.source),
        range: rangeOf(node),
        warning: false,
      });
  // An alias bomb ("billion laughs") is a document whose aliases expand to far more nodes than it holds. Counted on
  // the alias table, each anchor's expanded size once: linear, where converting the document to JS (as yaml's own
  // check does) walks it again for every alias.
  const aliasBomb = aliases.size > 0 && expandedSize(walked.ownNodes, aliases) === undefined;
  const carries = !!replaced && anchorsUntouched(previous!, replaced, anchorNodes);
  const pairs = carries ? carriedPairs(previous!, replaced!) : new Map<YAMLMap, readonly EffectivePair[]>();
  let value: unknown;
  let valueReady = false;
  const toValue = () => {
    if (!valueReady) {
      valueReady = true;
      try {
        value = doc.toJS({ maxAliasCount: -1 });
      } catch {
        value = undefined;
      } // unresolved aliases (reported above)
    }
    return value;
  };
  const resolve = (node: unknown): ParsedNode | null => {
    if (isAlias(node)) return aliases.get(node) ?? null;
    return (node as ParsedNode | null) ?? null;
  };
  return {
    uri,
    text,
    doc,
    documents,
    lineCounter,
    issues,
    aliasBomb,
    positionAt,
    offsetAt,
    rangeOf,
    resolve,
    pairs,
    anchorNodes,
    aliasNodes: walked.aliasNodes,
    nonStringKeys,
    token,
    ...(carries
      ? {
          carried: {
            from: previous!.token,
            replaced: replaced!.entry,
            chain: [...(previous!.carried?.chain ?? []), previous!.token].slice(-MAX_CARRIED_CHAIN),
          },
        }
      : {}),
    get value() {
      return aliasBomb ? undefined : toValue();
    },
  };
}

/** What one walk over every node finds (see walkAll). */
interface Walked {
  /** Each alias and the node it means, in document order. */
  aliases: Map<Alias, ParsedNode | null>;
  aliasNodes: Alias[];
  anchorNodes: ParsedNode[];
  nonStringKeys: Scalar[];
  ownNodes: number;
}

/** By version (ComposeModel.token): what its walk found, for the next version's walkEdit. */
const walks = new WeakMap<object, Walked>();

/**
 * Walks `node` in document order, adding its aliases, anchors, keys that are not strings and nodes to `out`. Every
 * alias is resolved in this one pass: an alias means the last node anchored with its name before it (`anchors`, the
 * ones seen so far). (yaml's own `alias.resolve(doc)` walks the whole document on each call: quadratic on the
 * everyday `<<: *base` pattern.)
 */
function walkInto(node: unknown, anchors: Map<string, ParsedNode>, out: Walked): void {
  walkNodes(node, (n) => {
    out.ownNodes++;
    if (isAlias(n)) {
      out.aliases.set(n, anchors.get(n.source) ?? null);
      out.aliasNodes.push(n);
      return;
    }
    if (n.anchor) {
      anchors.set(n.anchor, n as ParsedNode);
      out.anchorNodes.push(n as ParsedNode);
    }
    if (isMap(n)) for (const pair of n.items) if (isNonStringKey(pair.key)) out.nonStringKeys.push(pair.key);
  });
}

const emptyWalk = (): Walked => ({
  aliases: new Map(),
  aliasNodes: [],
  anchorNodes: [],
  nonStringKeys: [],
  ownNodes: 0,
});

function walkAll(root: unknown): Walked {
  const out = emptyWalk();
  walkInto(root, new Map(), out);
  return out;
}

/** A map key that is a scalar but not a string (`123:`, `true:`, `~:`), merge keys aside. */
function isNonStringKey(key: unknown): key is Scalar {
  return isScalar(key) && typeof key.value !== 'string' && typeof key.value !== 'symbol';
}

/**
 * The walk of a version made by re-reading one services entry (reparseEdit), from the previous version's walk: the
 * old entry's aliases and keys taken out, the new entries' put in their place, each new alias resolved against the
 * anchors before the entry. Undefined (walk everything) when the old or the new entries define an anchor, or a key
 * that is not a string sits where its place in the lists cannot be told.
 */
function walkEdit(previous: Walked, { map, entry, lines }: Replaced): Walked | undefined {
  if (map.anchor) return undefined;
  const old = emptyWalk();
  walkInto(entry, new Map(), old);
  if (old.anchorNodes.length || isNonStringKey(entry.key)) return undefined;
  const entries = (map.items as Pair[]).filter((p) => {
    const at = (p.key as Node | null)?.range?.[0];
    return at !== undefined && at >= lines.from && at < lines.to;
  });
  if (entries.some((p) => isNonStringKey(p.key))) return undefined;
  const before = new Map<string, ParsedNode>();
  for (const a of previous.anchorNodes) if (a.anchor && a.range && a.range[0] < lines.from) before.set(a.anchor, a);
  const added = emptyWalk();
  for (const e of entries) walkInto(e, before, added);
  if (added.anchorNodes.length) return undefined;
  // Aliases are leaves: their walk order is their text order. Those before the entry did not move; the old entry's
  // follow them (still at their old offsets), then the later ones (moved past the new entries).
  const order = previous.aliasNodes;
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((order[mid]!.range?.[0] ?? -1) < lines.from) lo = mid + 1;
    else hi = mid;
  }
  if (old.aliasNodes.some((a, i) => order[lo + i] !== a)) return undefined;
  const aliasNodes = [...order.slice(0, lo), ...added.aliasNodes, ...order.slice(lo + old.aliasNodes.length)];
  const aliases = new Map<Alias, ParsedNode | null>();
  for (const a of aliasNodes) aliases.set(a, added.aliases.has(a) ? added.aliases.get(a)! : previous.aliases.get(a)!);
  // Keys that are not strings are listed map by map: the old entry's sit together, wherever they are.
  let nonStringKeys = previous.nonStringKeys;
  if (old.nonStringKeys.length || added.nonStringKeys.length) {
    const at = old.nonStringKeys.length ? previous.nonStringKeys.indexOf(old.nonStringKeys[0]!) : -1;
    if (at < 0 || old.nonStringKeys.some((k, i) => previous.nonStringKeys[at + i] !== k)) return undefined;
    nonStringKeys = [
      ...previous.nonStringKeys.slice(0, at),
      ...added.nonStringKeys,
      ...previous.nonStringKeys.slice(at + old.nonStringKeys.length),
    ];
  }
  return {
    aliases,
    aliasNodes,
    anchorNodes: previous.anchorNodes,
    nonStringKeys,
    ownNodes: previous.ownNodes - old.ownNodes + added.ownNodes,
  };
}

/**
 * Whether an entry re-read alone (reparseEdit) leaves every alias outside it resolving as before: neither its old nor
 * its new lines define an anchor, and the map that held it has none.
 */
function anchorsUntouched(previous: ComposeModel, replaced: Replaced, anchorNodes: readonly ParsedNode[]): boolean {
  const { from, previousTo, to } = replaced.lines;
  const within = (a: number, b: number) => (n: ParsedNode) => !!n.range && n.range[0] >= a && n.range[0] < b;
  // The previous version's later nodes have moved already: an anchor that moved into the old lines counts too.
  // A map that merges the services map itself would list the old entry too.
  if (replaced.map.anchor) return false;
  return !previous.anchorNodes.some(within(from, previousTo)) && !anchorNodes.some(within(from, to));
}

/**
 * The previous version's effective pairs that still hold after one entry was re-read with its anchors untouched
 * (then every merge outside it resolves as before): all but those of the replaced entry's maps and of the map that
 * held it.
 */
function carriedPairs(previous: ComposeModel, replaced: Replaced): Map<YAMLMap, readonly EffectivePair[]> {
  const pairs = previous.pairs as Map<YAMLMap, readonly EffectivePair[]>;
  pairs.delete(replaced.map);
  walkNodes(replaced.entry, (node) => {
    if (isMap(node)) pairs.delete(node);
  });
  return pairs;
}

/**
 * How many nodes the document expands to with its aliases applied; undefined past the bomb limit. Each alias adds
 * its target's expanded size (less the alias itself); only anchored subtrees are walked, each once.
 */
function expandedSize(ownNodes: number, aliases: ReadonlyMap<Alias, ParsedNode | null>): number | undefined {
  const anchored = new Map<unknown, number>();
  const sizeOf = (node: unknown): number => {
    if (!node || typeof node !== 'object') return 0;
    if (isAlias(node)) {
      const target = aliases.get(node);
      return target ? sizeOf(target) : 1;
    }
    const isAnchored = !!(node as Node).anchor;
    if (isAnchored) {
      const known = anchored.get(node);
      if (known !== undefined) return known;
      anchored.set(node, 1); // an alias inside its own anchor counts once
    }
    let n = 1;
    if (isPair(node)) n = sizeOf(node.key) + sizeOf(node.value);
    else if (isMap(node) || isSeq(node)) for (const item of node.items) n += sizeOf(item);
    if (isAnchored) anchored.set(node, n);
    return n;
  };
  let total = ownNodes;
  for (const target of aliases.values()) total += target ? sizeOf(target) - 1 : 0;
  return total > MAX_EXPANDED_NODES && total > 10 * ownNodes ? undefined : total;
}

const models = new Map<string, { version: number; model: ComposeModel }>();
/** The shared parse of an open document (one per version, built from the previous version's where it can be). */
export function getComposeModel(doc: TextDocument): ComposeModel {
  const hit = models.get(doc.uri);
  if (hit && hit.version === doc.version) return hit.model;
  const model = parseCompose(doc.getText(), doc.uri, hit?.model);
  models.set(doc.uri, { version: doc.version, model });
  return model;
}
/** Drops the cached model of a closed document. */
export function forgetComposeModel(uri: string): void {
  models.delete(uri);
}

/** A map key as text (merge keys `<<` give '<<'); undefined for complex keys. */
export function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return typeof k.value === 'symbol' ? '<<' : k.value === null ? '' : String(k.value);
  return undefined;
}

/** Whether a pair is a YAML merge (`<<: *anchor`). */
export function isMergePair(pair: Pair): boolean {
  return keyText(pair) === '<<';
}

/**
 * The pairs of a map with merge keys applied: own pairs first, then merged ones whose keys are not overridden.
 * `merged` marks pairs that come from an anchor (their ranges point at the anchor's source).
 */
export function effectivePairs(model: ComposeModel, map: YAMLMap): readonly EffectivePair[] {
  let cached = model.pairs.get(map);
  if (!cached) {
    cached = computePairs(model, map);
    model.pairs.set(map, cached);
  }
  return cached;
}

/** One key of a map after merge keys are applied. */
export interface EffectivePair {
  key: string;
  pair: Pair;
  merged: boolean;
}

/**
 * Merge keys followed through more maps than this are not followed further: each map of a chain holds every key
 * of the maps it merges, so an n-long chain costs n² (2,000 chained anchors took seconds). Real files merge a level
 * or two. (Not reported: pairs are computed lazily, after the syntax findings are made.)
 */
export const MAX_MERGE_DEPTH = 64;
let mergeDepth = 0;

function computePairs(model: ComposeModel, map: YAMLMap): readonly EffectivePair[] {
  mergeDepth++;
  try {
    return ownAndMergedPairs(model, map);
  } finally {
    mergeDepth--;
  }
}

function ownAndMergedPairs(model: ComposeModel, map: YAMLMap): readonly EffectivePair[] {
  const out: EffectivePair[] = [];
  const merges: Node[] = [];
  // Most maps are small and have no duplicate keys: a set is built only for long ones (this runs for every map).
  let seen: Set<string> | undefined = map.items.length > 16 ? new Set() : undefined;
  const has = (key: string) => (seen ? seen.has(key) : out.some((p) => p.key === key));
  for (const pair of map.items as Pair[]) {
    const key = keyText(pair);
    if (key === undefined) continue;
    if (key === '<<') {
      const v = pair.value;
      if (isSeq(v)) merges.push(...(v.items as Node[]));
      else if (v) merges.push(v as Node);
      continue;
    }
    if (!has(key)) {
      seen?.add(key);
      out.push({ key, pair, merged: false });
    }
  }
  if (merges.length && mergeDepth > MAX_MERGE_DEPTH) return out;
  if (merges.length) seen ??= new Set(out.map((p) => p.key));
  for (const m of merges) {
    const target = model.resolve(m);
    if (!isMap(target)) continue;
    for (const inner of effectivePairs(model, target)) {
      if (seen!.has(inner.key)) continue;
      seen!.add(inner.key);
      out.push({ ...inner, merged: true });
    }
  }
  return out;
}

/** The value node at a key of a map (merge keys applied, aliases resolved). */
export function getKey(model: ComposeModel, map: unknown, key: string): ParsedNode | null {
  const m = model.resolve(map);
  if (!isMap(m)) return null;
  const hit = effectivePairs(model, m).find((p) => p.key === key);
  return hit ? model.resolve(hit.pair.value) : null;
}

/** A scalar's value as a string (numbers and booleans as written); undefined for collections and null. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : ((node as Scalar).source ?? String(v));
}

/** What sits under an offset: the YAML path to it, the innermost node, and whether the offset is on a key. */
export interface NodeAtOffset {
  path: YamlPath;
  node: Node | null;
  onKey: boolean;
  pair?: Pair;
  parent?: Node;
}

/** Finds the innermost node at an offset (on keys or values). Used by completion, hover and navigation. */
export function nodeAt(model: ComposeModel, offset: number): NodeAtOffset {
  const path: YamlPath = [];
  let node: Node | null = model.doc.contents as Node | null;
  let result: NodeAtOffset = { path: [], node, onKey: false };
  const within = (n: unknown) =>
    !!n && !!(n as Node).range && (n as Node).range![0] <= offset && offset <= (n as Node).range![1];
  for (let depth = 0; node && depth < 200; depth++) {
    let next: Node | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair) ?? '';
        if (within(pair.key)) return { path: [...path, key], node: pair.key as Node, onKey: true, pair, parent: node };
        if (within(pair.value)) {
          path.push(key);
          next = pair.value as Node;
          result = { path: [...path], node: next, onKey: false, pair, parent: node };
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (!next && within(item)) {
          path.push(i);
          next = item as Node;
          result = { path: [...path], node: next, onKey: false, parent: node! };
        }
      });
    } else if (isPair(node)) break;
    node = next;
  }
  return result;
}
