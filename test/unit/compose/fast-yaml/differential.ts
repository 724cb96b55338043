// The fast YAML path's contract: whenever it returns a document, that document is the one the `yaml` package builds
// (same node classes, values, types, anchors, tags, formats and ranges; comments aside), with the same line starts.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { parseBlockYaml } from '../../../../server/src/compose/parse/fast-yaml/parse';
import { YAML_OPTIONS } from '../../../../server/src/compose/parse/document';

/** A comparable picture of a node tree (everything but comments and blank-line flags). */
export function shape(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isPair(node)) return { pair: [shape(node.key), shape(node.value)] };
  const n = node as Record<string, unknown>;
  const common = { cls: (node as object).constructor.name, range: n.range, anchor: n.anchor, tag: n.tag };
  if (isScalar(node)) {
    const v = node.value;
    return {
      ...common,
      value: typeof v === 'symbol' ? `symbol:${v.description}` : v,
      jsType: typeof v,
      type: node.type,
      source: node.source,
      format: node.format,
      minFractionDigits: node.minFractionDigits,
    };
  }
  if (isAlias(node)) return { ...common, source: node.source };
  if (isMap(node) || isSeq(node)) return { ...common, flow: node.flow ?? false, items: node.items.map(shape) };
  return { unknown: String(node) };
}

export interface Comparison {
  fast: boolean;
  equal: boolean;
  expected?: unknown;
  actual?: unknown;
}

/** Parses with both; `fast` says whether the fast path took the text, `equal` whether it then agreed with `yaml`. */
export function compare(text: string): Comparison {
  const fastCounter = new LineCounter();
  const fast = parseBlockYaml(text, YAML_OPTIONS, fastCounter);
  if (!fast) return { fast: false, equal: true };
  const counter = new LineCounter();
  const slow = parseDocument(text, { ...YAML_OPTIONS, lineCounter: counter });
  if (slow.errors.length || slow.warnings.length)
    return { fast: true, equal: false, expected: slow.errors.map((e) => e.message), actual: 'a document' };
  const expected = { tree: shape(slow.contents), lines: counter.lineStarts, js: safeJs(slow) };
  const actual = { tree: shape(fast.contents), lines: fastCounter.lineStarts, js: safeJs(fast) };
  return { fast: true, equal: JSON.stringify(expected) === JSON.stringify(actual), expected, actual };
}

function safeJs(doc: { toJS(o: { maxAliasCount: number }): unknown }): string {
  try {
    return JSON.stringify(doc.toJS({ maxAliasCount: 1000 }), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

/** The first path at which two shapes differ, for a readable failure. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: yaml ${JSON.stringify(a)?.slice(0, 300)} vs fast ${JSON.stringify(b)?.slice(0, 300)}`;
}
