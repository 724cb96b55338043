// The one walk over a parsed document's nodes that the parse, the alias tables and the merge of several documents
// share (its own module, so that none of them imports another for it).
import { isMap, isPair, isSeq, type Node } from 'yaml';

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
