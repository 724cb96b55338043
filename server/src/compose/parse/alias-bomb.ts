// Alias bombs ("billion laughs"): documents whose aliases expand them to far more nodes than they hold. Counted on
// the alias table, each anchored subtree once, so the check stays linear where converting the document to JS is not.
import { isAlias, isMap, isPair, isSeq, type Alias, type Node, type ParsedNode } from 'yaml';

/** A document whose aliases expand it to more nodes than this (and than 10× its own) is an alias bomb. */
export const MAX_EXPANDED_NODES = 100_000;

/**
 * How many nodes the document expands to with its aliases applied; undefined past the bomb limit. Each alias adds
 * its target's expanded size (less the alias itself); only anchored subtrees are walked, each once.
 */
export function expandedSize(ownNodes: number, aliases: ReadonlyMap<Alias, ParsedNode | null>): number | undefined {
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
