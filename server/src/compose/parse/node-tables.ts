// What the parse is asked again and again, found in one walk over every node: each alias and the node it means, the
// anchors, the keys that are not strings, and the node count. After an edit of one services entry (fast-yaml/reparse.ts)
// they are updated from the previous version's tables and that entry's nodes alone.
import { isAlias, isMap, isScalar, type Alias, type Node, type Pair, type ParsedNode, type Scalar } from 'yaml';
import type { Replaced } from './fast-yaml/reparse';
import { walkNodes } from './walk';

/** What one walk over every node finds (see walkAll). */
export interface Walked {
  /** Each alias and the node it means, in document order. */
  aliases: Map<Alias, ParsedNode | null>;
  aliasNodes: Alias[];
  anchorNodes: ParsedNode[];
  nonStringKeys: Scalar[];
  ownNodes: number;
}

/** By version (ComposeModel.token): what its walk found, for the next version's walkEdit. */
export const walks = new WeakMap<object, Walked>();

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

export function walkAll(root: unknown): Walked {
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
export function walkEdit(previous: Walked, { map, entry, lines }: Replaced): Walked | undefined {
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
