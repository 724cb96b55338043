// Answers every per-document request of features.ts: finds the open document and its language's adapter, and lets
// the adapter's handler answer. A document no language claims, or a feature its language lacks, gets null.
// Each request is routed by its protocol type, so the compiler checks the handler against the request's params and
// result; routeFeatures' return type makes it list every feature of the table.
import type { Connection, ProtocolRequestType, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AdapterContext, LanguageAdapter } from './adapter';
import { FEATURE_REQUESTS as R, type Feature } from './features';

type Handler<P, Result> = (
  doc: TextDocument,
  params: P,
  ctx: AdapterContext,
) => Result | null | undefined | Promise<Result | null | undefined>;

export function routeFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  adapterFor: (doc: TextDocument) => LanguageAdapter | undefined,
  ctx: AdapterContext,
): Record<Feature, true> {
  function answer<P extends { textDocument: { uri: string } }, Result, PR, E, RO>(
    type: ProtocolRequestType<P, Result | null, PR, E, RO>,
    pick: (adapter: LanguageAdapter) => NoInfer<Handler<P, Result>> | undefined,
    nothing: NoInfer<Result> | null = null,
  ): true {
    // By method name: the check that matters, the handler's against the request type, is this function's signature
    // (the library's own handler types are conditional on the result and cannot be checked generically).
    connection.onRequest(type.method, async (params: P) => {
      const doc = documents.get(params.textDocument.uri);
      const adapter = doc && adapterFor(doc);
      const handler = adapter && pick(adapter);
      const result = doc && handler ? await handler.call(adapter, doc, params, ctx) : undefined;
      return result ?? nothing;
    });
    return true;
  }
  return {
    completion: answer(R.completion, (a) => a.completion),
    hover: answer(R.hover, (a) => a.hover),
    definition: answer(R.definition, (a) => a.definition),
    references: answer(R.references, (a) => a.references),
    documentHighlight: answer(R.documentHighlight, (a) => a.documentHighlight),
    prepareRename: answer(R.prepareRename, (a) => a.prepareRename),
    rename: answer(R.rename, (a) => a.rename),
    documentSymbol: answer(R.documentSymbol, (a) => a.documentSymbol),
    foldingRange: answer(R.foldingRange, (a) => a.foldingRange),
    // Empty tokens rather than null for a document no language colours: a client then clears stale tokens.
    semanticTokens: answer(R.semanticTokens, (a) => a.semanticTokens, { data: [] }),
    signatureHelp: answer(R.signatureHelp, (a) => a.signatureHelp),
    documentLink: answer(R.documentLink, (a) => a.documentLink),
    formatting: answer(R.formatting, (a) => a.formatting),
    rangeFormatting: answer(R.rangeFormatting, (a) => a.rangeFormatting),
    onTypeFormatting: answer(R.onTypeFormatting, (a) => a.onTypeFormatting),
    codeAction: answer(R.codeAction, (a) => a.codeAction),
    codeLens: answer(R.codeLens, (a) => a.codeLens),
  };
}
