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
  parseAllDocuments,
  parseDocument,
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
import { ModelCache } from '../../lsp/adapter';
import { parseBlockYaml, type FastParseOptions } from './fast-yaml/parse';
import { changedStretch, keepsNesting, reparseEdit, type Replaced } from './fast-yaml/reparse';
import { expandedSize } from './alias-bomb';
import { duplicateKeys, mergeDocuments } from './merge-documents';
import { MAX_YAML_DEPTH, nestingDepth } from './nesting';
import { walkAll, walkEdit, walks } from './node-tables';
import { walkNodes } from './walk';

/** A YAML path: map keys as strings, sequence indexes as numbers. */
export type YamlPath = (string | number)[];

/** A parser error or warning, already mapped to an LSP range. `code` is the yaml package's error code. */
export interface ParseIssue {
  code: string;
  message: string;
  range: Range;
  warning: boolean;
}

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
   * Names the `effectivePairs` this version may reuse: each map keeps its pairs on itself, with the epoch they were
   * computed in. A version carried from the one before (see `carried`) keeps its epoch, so maps the edit left alone
   * keep theirs.
   */
  readonly pairsEpoch: object;
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
  const pairsEpoch = carries ? carriedPairsEpoch(previous!, replaced!) : {};
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
    pairsEpoch,
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
 * The previous version's epoch of effective pairs, which still hold after one entry was re-read with its anchors
 * untouched (then every merge outside it resolves as before): all but those of the replaced entry's maps and of the
 * map that held it, which are forgotten.
 */
function carriedPairsEpoch(previous: ComposeModel, replaced: Replaced): object {
  forgetPairs(replaced.map);
  walkNodes(replaced.entry, (node) => {
    if (isMap(node)) forgetPairs(node);
  });
  return previous.pairsEpoch;
}

const models = new ModelCache<ComposeModel>((doc, previous) => parseCompose(doc.getText(), doc.uri, previous));
/** The shared parse of an open document (one per version, built from the previous version's where it can be). */
export function getComposeModel(doc: TextDocument): ComposeModel {
  return models.get(doc);
}
/** Drops the cached model of a closed document. */
export function forgetComposeModel(uri: string): void {
  models.forget(uri);
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
  const slot = map as PairsSlot;
  const cached = slot[PAIRS];
  if (cached && slot[PAIRS_EPOCH] === model.pairsEpoch) return cached;
  const pairs = computePairs(model, map);
  slot[PAIRS_EPOCH] = model.pairsEpoch;
  slot[PAIRS] = pairs;
  return pairs;
}

// Each map's effective pairs live on the map, as rules ask for the same maps many times. A Map keyed by node (one
// entry per map of the file: 30,000 at 1,000 services) grew slower per lookup as the file grew, its table no longer
// in the processor's cache; a field of the map the rule is reading anyway is. Symbols keep the fields apart from
// the `yaml` package's own.
const PAIRS = Symbol('effective pairs');
const PAIRS_EPOCH = Symbol('effective pairs epoch');
interface PairsSlot {
  [PAIRS]?: readonly EffectivePair[];
  [PAIRS_EPOCH]?: object;
}

function forgetPairs(map: YAMLMap): void {
  (map as PairsSlot)[PAIRS] = undefined;
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
