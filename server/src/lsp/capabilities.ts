// What the server tells the client it can do: every feature of features.ts, for every language at once (the router
// answers null where a language lacks one).
import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from './adapter';

export const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  // Resolve fills in the documentation a client that resolves it was sent without (completion-resolve.ts).
  completionProvider: { triggerCharacters: ['-', '=', '$', '{', ':', ' ', '/', ',', '"'], resolveProvider: true },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  signatureHelpProvider: { triggerCharacters: [' ', '='] },
  documentLinkProvider: { resolveProvider: false },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n', moreTriggerCharacter: ['\\', '`'] },
  codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll'] },
  codeLensProvider: { resolveProvider: false },
  // Folder changes matter to the disk cache (lsp/disk-cache.ts).
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  semanticTokensProvider: {
    legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
    full: true,
  },
};
