// A compose file of several YAML documents (`---` between them) read as Compose reads it: one document, each merged
// onto the ones before, after each document's duplicate keys are reported (the `yaml` parser's own check is quadratic).
import {
  isMap,
  isScalar,
  Pair as YamlPair,
  YAMLMap as YamlMapNode,
  YAMLParseError,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { walkNodes } from './walk';

/** A scalar key as yaml compares keys (value and type: `1` and `"1"` differ); undefined for merge and complex keys. */
function scalarKeyId(key: unknown): string | undefined {
  if (!isScalar(key) || typeof key.value === 'symbol' || key.value === '<<') return undefined;
  return `${typeof key.value}:${String(key.value)}`;
}

/** Adds yaml's DUPLICATE_KEY error for each key that repeats an earlier one of its map (merge keys aside). */
export function duplicateKeys(doc: Document.Parsed): void {
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
export function mergeDocuments(docs: [Document.Parsed, ...Document.Parsed[]]): Document.Parsed {
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
