// Answers every per-document request of features.ts: finds the open document and its language's adapter, and lets
// the adapter's handler answer. A document no language claims, or a feature its language lacks, gets null.
// Every feature of the table is registered by one loop. The types still hold per feature: an adapter's handler for a
// feature is typed by that feature's request (adapter.ts), and the router only passes its answer on (completion's as
// the client takes it: documentation on demand, completion-resolve.ts, which also answers completionItem/resolve; and
// item defaults, completion-defaults.ts).
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AdapterContext, LanguageAdapter, LanguageFeatures } from './adapter';
import { withItemDefaults } from './completion-defaults';
import { completionForClient, resolveCompletionItem, resolvesDocumentation } from './completion-resolve';
import { FEATURE_REQUESTS, type Feature, type FeatureParams, type FeatureResult } from './features';
import { adapterLookup } from './languages';

/** Every feature request names its document; the router finds the document by it. */
type DocumentParams<K extends Feature> = FeatureParams<K> & { textDocument: { uri: string } };

/** The answer when no language answers, where the protocol's null would leave stale state in the client. */
const NOTHING: { [K in Feature]?: FeatureResult<K> } = {
  // Empty tokens rather than null for a document no language colours: a client then clears stale tokens.
  semanticTokens: { data: [] },
};

export function routeFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  adapters: readonly LanguageAdapter[],
  ctx: AdapterContext,
  /** What the client declared in initialize (undefined before it). */
  client: () => ClientCapabilities | undefined,
  /** Called as each request arrives, before it is answered (the diagnostics scheduler holds its warm-up back). */
  onRequest: () => void = () => undefined,
): void {
  const adapterFor = adapterLookup(adapters);
  /** How an answer reaches this client, where that depends on the client. */
  const delivered: { [K in Feature]?: (result: NonNullable<FeatureResult<K>>) => FeatureResult<K> } = {
    completion: (result) => withItemDefaults(completionForClient(result, resolvesDocumentation(client())), client()),
  };
  function answer<K extends Feature>(feature: K): void {
    const nothing = NOTHING[feature] ?? null;
    const deliver = delivered[feature] as ((result: NonNullable<FeatureResult<K>>) => FeatureResult<K>) | undefined;
    // By method name: the library's own handler types are conditional on the result and cannot be checked
    // generically; the check that matters, the handler's against the request type, is the adapter's.
    connection.onRequest(FEATURE_REQUESTS[feature].method, async (params: DocumentParams<K>) => {
      onRequest();
      const doc = documents.get(params.textDocument.uri);
      const features: LanguageFeatures | undefined = doc && adapterFor(doc);
      const handler = features?.[feature];
      const result = doc && handler ? await handler.call(features, doc, params, ctx) : undefined;
      if (result == null) return nothing;
      return deliver ? deliver(result) : result;
    });
  }
  for (const feature of Object.keys(FEATURE_REQUESTS) as Feature[]) answer(feature);
  connection.onCompletionResolve((item) => {
    onRequest();
    return resolveCompletionItem(item, adapters);
  });
}
