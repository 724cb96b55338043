// Document symbols: the outline of a compose file. Services, networks, volumes, configs, secrets and models are
// groups whose children are their entries; a service also lists its keys, so the outline doubles as a map, as long
// as the file is small enough for that map to help (see MAX_OUTLINE_KEYS).
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { getKey, keyText, scalarString, type ComposeModel } from './parse/document';

const GROUP_KINDS: Record<string, SymbolKind> = {
  services: SymbolKind.Class,
  networks: SymbolKind.Interface,
  volumes: SymbolKind.Struct,
  configs: SymbolKind.File,
  secrets: SymbolKind.Key,
  models: SymbolKind.Object,
};

/**
 * Services list their keys while all services together have at most this many. Past it (about fifty services) an
 * outline of every key repeats the same dozen names per service and stops being a map: the outline, breadcrumbs and
 * Go to Symbol list the services, and the keys are in view once a service is. It also keeps the answer small: each
 * entry costs about 200 bytes of JSON, built, sent and parsed again on every edit (200 services listing their keys
 * made 460 KB, 2,154 entries, most of a 20 ms round trip).
 */
export const MAX_OUTLINE_KEYS = 500;

/** Source span of a pair: from its key to the end of its value (without trailing comments). */
export function pairSpan(pair: Pair): [number, number] {
  const k = (pair.key as Node | null)?.range;
  const v = (pair.value as Node | null)?.range;
  const start = k?.[0] ?? v?.[0] ?? 0;
  return [start, Math.max(v?.[1] ?? 0, k?.[1] ?? start)];
}

function symbol(
  model: ComposeModel,
  pair: Pair,
  name: string,
  kind: SymbolKind,
  detail?: string,
  children?: DocumentSymbol[],
): DocumentSymbol {
  const key = pair.key as Node;
  const range = model.rangeOf(pairSpan(pair));
  const selectionRange = model.rangeOf(key.range ? [key.range[0], key.range[1]] : pairSpan(pair));
  return {
    name: name || '""',
    kind,
    range,
    selectionRange,
    ...(detail ? { detail } : {}),
    ...(children ? { children } : {}),
  };
}

/** A short summary of a value for the outline: scalars as written, lists and maps by size. */
function summary(node: unknown): string | undefined {
  if (isScalar(node)) return scalarString(node);
  if (isSeq(node)) return `${node.items.length} item${node.items.length === 1 ? '' : 's'}`;
  if (isMap(node)) return undefined;
  return undefined;
}

function serviceDetail(model: ComposeModel, service: unknown): string | undefined {
  const image = scalarString(getKey(model, service, 'image'));
  if (image) return image;
  const build = getKey(model, service, 'build');
  const context = scalarString(build) ?? scalarString(getKey(model, build, 'context'));
  return build ? `build ${context ?? '.'}` : undefined;
}

/** A service's outline entry as one version made it, and the line its key was on. */
interface ServiceSymbol {
  line: number;
  symbol: DocumentSymbol;
}

/** The services' outline entries one version made, and whether they list their keys. */
interface ServiceSymbols {
  withKeys: boolean;
  entries: Map<Pair, ServiceSymbol>;
}

/** By version (ComposeModel.token): the services' outline entries it made, for the next version to reuse. */
const serviceSymbols = new WeakMap<object, ServiceSymbols>();

/** Whether the services list their keys: all their keys together are at most MAX_OUTLINE_KEYS. */
function servicesListKeys(services: unknown): boolean {
  if (!isMap(services)) return true;
  let keys = 0;
  for (const entry of services.items) if (isMap(entry.value)) keys += entry.value.items.length;
  return keys <= MAX_OUTLINE_KEYS;
}

/** A symbol and its children moved down by `lines` (the same objects when they did not move). */
function moved(symbol: DocumentSymbol, lines: number): DocumentSymbol {
  if (lines === 0) return symbol;
  const shift = (r: DocumentSymbol['range']) => ({
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  });
  return {
    ...symbol,
    range: shift(symbol.range),
    selectionRange: shift(symbol.selectionRange),
    ...(symbol.children ? { children: symbol.children.map((c) => moved(c, lines)) } : {}),
  };
}

export function documentSymbols(model: ComposeModel): DocumentSymbol[] {
  const root = model.doc.contents;
  if (!isMap(root)) return [];
  const out: DocumentSymbol[] = [];
  // After an edit that left a service's nodes alone (ComposeModel.carried), its entry is the previous version's,
  // moved by the lines it moved: everything it shows is the service's own text and the anchors it merges, unchanged.
  // The latest earlier version that made an outline, if every version since was carried from the one before.
  const withKeys = servicesListKeys(root.items.find((p) => keyText(p) === 'services')?.value);
  const outlined = model.carried?.chain.findLast((token) => serviceSymbols.has(token));
  const reusable = outlined && serviceSymbols.get(outlined);
  const previous = reusable && reusable.withKeys === withKeys ? reusable.entries : undefined;
  const made = new Map<Pair, ServiceSymbol>();
  serviceSymbols.set(model.token, { withKeys, entries: made });
  for (const top of root.items) {
    const name = keyText(top);
    if (name === undefined || !top.key) continue;
    const kind = GROUP_KINDS[name];
    const value = top.value;
    if (kind !== undefined && isMap(value)) {
      const children = value.items.flatMap((entry) => {
        const entryName = keyText(entry);
        if (entryName === undefined || entryName === '<<' || !entry.key) return [];
        if (name !== 'services') return [symbol(model, entry, entryName, kind, summary(entry.value))];
        const line = model.positionAt((entry.key as Node).range?.[0] ?? 0).line;
        const hit = previous?.get(entry);
        if (hit) {
          made.set(entry, hit);
          return [moved(hit.symbol, line - hit.line)];
        }
        const keys = !withKeys
          ? undefined
          : isMap(entry.value)
            ? entry.value.items.flatMap((p) => {
                const k = keyText(p);
                return k && p.key ? [symbol(model, p, k, SymbolKind.Property, summary(p.value))] : [];
              })
            : [];
        const service = symbol(model, entry, entryName, kind, serviceDetail(model, entry.value), keys);
        made.set(entry, { line, symbol: service });
        return [service];
      });
      out.push(symbol(model, top, name, SymbolKind.Namespace, `${children.length}`, children));
    } else if (name === 'include' && isSeq(value)) {
      const children = value.items.flatMap((item, i) => {
        const path =
          scalarString(item) ??
          scalarString(getKey(model, item, 'path')) ??
          scalarString((getKey(model, item, 'path') as { items?: unknown[] } | null)?.items?.[0]);
        const r = (item as Node | null)?.range;
        if (!r) return [];
        const range = model.rangeOf([r[0], r[1]]);
        return [{ name: path ?? `#${i + 1}`, kind: SymbolKind.File, range, selectionRange: range }];
      });
      out.push(symbol(model, top, name, SymbolKind.Namespace, `${children.length}`, children));
    } else {
      out.push(
        symbol(model, top, name, name.startsWith('x-') ? SymbolKind.Constant : SymbolKind.Property, summary(value)),
      );
    }
  }
  return out;
}
