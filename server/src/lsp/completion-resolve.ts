// Completion documentation on demand (completionItem/resolve). A completion answer of a Compose service's keys holds
// some 80 items, and their documentation was most of its JSON; an editor shows the documentation of one item at a
// time. So an item whose language can find its documentation again by its `data` (CompletionData: a language and that
// language's key, nothing of the document) travels without it to a client that resolves documentation, and
// completionItem/resolve fills it in. A client that never resolves gets the documentation inline and no `data`.
import type { ClientCapabilities, CompletionItem, CompletionList } from 'vscode-languageserver';
import type { CompletionData, LanguageAdapter } from './adapter';

/** Whether the client asks for an item's documentation with completionItem/resolve. */
export function resolvesDocumentation(client: ClientCapabilities | undefined): boolean {
  return !!client?.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('documentation');
}

function completionData(data: unknown): CompletionData | undefined {
  const d = data as Partial<CompletionData> | null | undefined;
  return typeof d?.language === 'string' && typeof d.key === 'string' ? (d as CompletionData) : undefined;
}

/**
 * A language's completion answer as this client takes it: the items its language can document again without their
 * documentation when the client resolves it, else without their `data`. Changes the items in place (each answer's
 * own objects).
 */
export function completionForClient<R extends CompletionItem[] | CompletionList | null | undefined>(
  answer: R,
  lazyDocumentation: boolean,
): R {
  const items = Array.isArray(answer) ? answer : answer?.items;
  for (const item of items ?? []) {
    if (item.data === undefined || !completionData(item.data)) continue;
    if (lazyDocumentation) item.documentation = undefined;
    else item.data = undefined;
  }
  return answer;
}

/** completionItem/resolve: the item with the documentation its language finds by its data; else the item as it came. */
export function resolveCompletionItem(item: CompletionItem, adapters: readonly LanguageAdapter[]): CompletionItem {
  const data = completionData(item.data);
  if (!data || item.documentation !== undefined) return item;
  const documentation = adapters
    .find((a) => a.languageIds.includes(data.language))
    ?.completionDocumentation?.(data.key);
  return documentation === undefined ? item : { ...item, documentation };
}
