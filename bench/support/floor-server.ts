// The transport floor of the over-LSP benchmarks: a language server that does no language work. It keeps its
// documents as Berth's server does (vscode-languageserver's TextDocuments, incremental sync) and answers each open
// and change with an empty publishDiagnostics for that version, so that driving it exactly as Berth and its peer
// are driven measures the round trip no server can go below: the client's write, the pipe, JSON-RPC on both sides.
//   node --import tsx bench/support/floor-server.ts --stdio
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
documents.onDidChangeContent((e) => {
  void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [] });
});
documents.listen(connection);
connection.listen();
