// Finding the options of a daemon.json syntax tree, and reading their values, for the checks.
import type { Node } from 'jsonc-parser';

/** Each option's key node and value node, by option name. */
export type OptionNodes = Map<string, { key: Node; value: Node }>;

const PROXY_KEYS = new Set(['http-proxy', 'https-proxy', 'no-proxy']);

/**
 * The options whose values dockerd reads: the top-level keys, and the proxy settings inside `proxies`. Any other
 * object is a grouping: dockerd checks that the names inside are options, then ignores the values.
 */
export function optionNodes(root: Node): OptionNodes {
  const out: OptionNodes = new Map();
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value || typeof key.value !== 'string') continue;
    if (key.value === 'proxies' && value.type === 'object')
      for (const inner of value.children ?? []) {
        const [k, v] = inner.children ?? [];
        if (k && v && PROXY_KEYS.has(k.value as string)) out.set(k.value as string, { key: k, value: v });
      }
    else if (!PROXY_KEYS.has(key.value)) out.set(key.value, { key, value });
  }
  return out;
}

/** The string items of an array value; none for any other value. */
export const strings = (node: Node | undefined): Node[] =>
  node?.type === 'array' ? (node.children ?? []).filter((n) => n.type === 'string') : [];

/** A string value's text; undefined for any other value. */
export const str = (node: Node | undefined): string | undefined =>
  node?.type === 'string' ? (node.value as string) : undefined;
