// Berth's language server: the LSP transport around the pure Dockerfile and Compose services.
// Started by the extension over IPC, or standalone by any editor: `berth-language-server --stdio`.
// This file only maps LSP requests to the language adapters; it holds no language logic.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkLocalFile, localExists, localPath, readLocalFile } from './lsp/disk';
import {
  TOKEN_MODIFIERS,
  TOKEN_TYPES,
  type AdapterContext,
  type EngineImage,
  type LanguageAdapter,
} from './lsp/adapter';
import { DEFAULT_SETTINGS, readSettings, type BerthSettings } from './lsp/settings';
import { dockerfileAdapter } from './dockerfile/adapter';
import { composeAdapter } from './compose/adapter';
import { dockerignoreAdapter } from './dockerignore/adapter';
import {
  DOCKERFILE_INFO_REQUEST,
  ENGINE_IMAGES_NOTIFICATION,
  type DockerfileInfo,
  type DockerfileInfoParams,
  type EngineImagesParams,
} from './protocol';
import { parseDockerfile } from './dockerfile/document';
import { setRulesDocument } from './dockerfile/rules/catalog';

// Rule links point at the README shipped next to dist/server.js (VSIX or checkout).
setRulesDocument(pathToFileURL(path.resolve(__dirname, '..', 'README.md')).href);

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const adapters: LanguageAdapter[] = [dockerfileAdapter, composeAdapter, dockerignoreAdapter];

let settings: BerthSettings = DEFAULT_SETTINGS;
let canPullConfiguration = false;
let images: readonly EngineImage[] = [];

// Other editors name these languages differently (Neovim: "yaml.docker-compose"; many send plain "yaml" for
// compose files), so a document is also recognised by its file name.
const COMPOSE_NAME = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/i;
const IGNORE_NAME = /(^|\/)([\w.-]*\.)?(docker|container)ignore$/i;
const DOCKERFILE_NAME = /(^|\/)((Dockerfile|Containerfile)(\.[\w.-]+)?|[\w.-]+\.(dockerfile|containerfile))$/i;
function languageOf(doc: TextDocument): string {
  const id = doc.languageId.toLowerCase();
  if (id === 'ignore-docker' || id === 'dockerignore' || IGNORE_NAME.test(doc.uri)) return 'ignore-docker';
  if (id === 'dockercompose' || id.includes('compose') || (id === 'yaml' && COMPOSE_NAME.test(doc.uri)))
    return 'dockercompose';
  if (
    id === 'dockerfile' ||
    id === 'containerfile' ||
    (id !== 'dockercompose' && DOCKERFILE_NAME.test(doc.uri) && !id.includes('yaml'))
  )
    return 'dockerfile';
  return id;
}

function adapterFor(doc: TextDocument | undefined): LanguageAdapter | undefined {
  if (!doc) return undefined;
  const language = languageOf(doc);
  return adapters.find((a) => a.languageIds.includes(language));
}

const context: AdapterContext = {
  settings: () => settings,
  readFile(uri) {
    const open = documents.get(uri);
    if (open) return open.getText();
    const read = readLocalFile(uri);
    return 'text' in read ? read.text : undefined;
  },
  refusal(uri) {
    if (documents.get(uri)) return undefined;
    const checked = checkLocalFile(uri); // a stat only: the rules ask this beside readFile, which reads
    return 'refused' in checked ? checked.refused : undefined;
  },
  exists(uri) {
    return !!documents.get(uri) || localExists(uri);
  },
  listDir(uri) {
    const p = localPath(uri);
    try {
      return p
        ? fs.readdirSync(p, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }))
        : [];
    } catch {
      return [];
    }
  },
  engineImages: () => images,
  openDocuments: () => documents.all(),
};

connection.onInitialize((params: InitializeParams): InitializeResult => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  if (params.initializationOptions) settings = readSettings(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['-', '=', '$', '{', ':', ' ', '/', ',', '"'], resolveProvider: false },
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
      semanticTokensProvider: {
        legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
        full: true,
      },
    },
    serverInfo: { name: 'berth-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (!canPullConfiguration) return;
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'berth' }).catch(() => undefined);
  await refreshSettings();
});

async function refreshSettings(): Promise<void> {
  if (canPullConfiguration) {
    try {
      settings = readSettings(await connection.workspace.getConfiguration('berth'));
    } catch {
      /* keep the last good settings */
    }
  }
  revalidateAll();
}

connection.onDidChangeConfiguration((change) => {
  if (!canPullConfiguration && change.settings) settings = readSettings((change.settings as { berth?: unknown }).berth);
  void refreshSettings();
});

connection.onNotification(ENGINE_IMAGES_NOTIFICATION, (p: EngineImagesParams) => {
  images = p.images;
});

// The Build command asks for a Dockerfile's stages and ARGs (open document first, else the file on disk).
connection.onRequest(DOCKERFILE_INFO_REQUEST, (p: DockerfileInfoParams): DockerfileInfo | null => {
  const text = context.readFile(p.uri);
  if (text === undefined) return null;
  const model = parseDockerfile(text);
  const args = new Map<string, DockerfileInfo['args'][number]>();
  for (const d of model.declarations) {
    if (d.kind === 'ARG' && !args.has(d.name))
      args.set(d.name, { name: d.name, default: d.value?.replace(/^(["'])(.*)\1$/s, '$2'), global: d.scope === -1 });
  }
  return {
    stages: model.stages.map((s) => ({ index: s.index, name: s.name, base: s.base })),
    args: [...args.values()],
  };
});

// Diagnostics: the edited document at once (coalesced per event-loop turn), the others a little later,
// because they may depend on it (a compose file on its Dockerfile, a Dockerfile on its .dockerignore).
// "At once" is setImmediate: it still coalesces the changes of one event-loop turn, without the 1 ms floor that
// Node puts under setTimeout(…, 0) (a quarter of the edit-to-diagnostics time of a 600-line Dockerfile).
const pending = new Map<string, { cancel(): void }>();
function schedule(uri: string, delayMs: number): void {
  pending.get(uri)?.cancel();
  const run = () => {
    pending.delete(uri);
    void validate(uri);
  };
  if (delayMs === 0) {
    const h = setImmediate(run);
    pending.set(uri, { cancel: () => clearImmediate(h) });
  } else {
    const h = setTimeout(run, delayMs);
    pending.set(uri, { cancel: () => clearTimeout(h) });
  }
}

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  const adapter = adapterFor(doc);
  if (!doc || !adapter) return;
  const version = doc.version;
  let diagnostics;
  try {
    diagnostics = await adapter.diagnostics(doc, context);
  } catch (e) {
    connection.console.error(`diagnostics failed for ${uri}: ${e instanceof Error ? e.stack : String(e)}`);
    return;
  }
  if (documents.get(uri)?.version === version) await connection.sendDiagnostics({ uri, version, diagnostics });
}

function revalidateAll(): void {
  for (const d of documents.all()) schedule(d.uri, 0);
}

/** After an edit, re-checks the other open documents whose language reads the edited one's. */
function revalidateDependents(changed: TextDocument): void {
  const language = languageOf(changed);
  for (const d of documents.all()) {
    if (d.uri !== changed.uri && adapterFor(d)?.dependsOn?.includes(language)) schedule(d.uri, 150);
  }
}

documents.onDidOpen((e) => schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => {
  schedule(e.document.uri, 0);
  revalidateDependents(e.document);
});
documents.onDidClose((e) => {
  pending.get(e.document.uri)?.cancel();
  pending.delete(e.document.uri);
  for (const a of adapters) a.forget?.(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});
connection.onDidChangeWatchedFiles(() => revalidateAll());

// Every other request: find the document and its language, and let the adapter answer (or answer nothing).
type Feature = Exclude<
  keyof LanguageAdapter,
  'languageIds' | 'dependsOn' | 'diagnostics' | 'completionResolve' | 'forget'
>;
function route<P extends { textDocument: { uri: string } }>(feature: Feature) {
  return (params: P) => {
    const doc = documents.get(params.textDocument.uri);
    const adapter = adapterFor(doc);
    const handler = adapter?.[feature] as ((d: TextDocument, p: P, c: AdapterContext) => unknown) | undefined;
    return handler && doc ? (handler.call(adapter, doc, params, context) ?? null) : null;
  };
}

connection.onCompletion(route('completion') as never);
connection.onHover(route('hover') as never);
connection.onDefinition(route('definition') as never);
connection.onReferences(route('references') as never);
connection.onDocumentHighlight(route('documentHighlight') as never);
connection.onPrepareRename(route('prepareRename') as never);
connection.onRenameRequest(route('rename') as never);
connection.onDocumentSymbol(route('documentSymbol') as never);
connection.onFoldingRanges(route('foldingRange') as never);
connection.onSignatureHelp(route('signatureHelp') as never);
connection.onDocumentLinks(route('documentLink') as never);
connection.onDocumentFormatting(route('formatting') as never);
connection.onDocumentRangeFormatting(route('rangeFormatting') as never);
connection.onDocumentOnTypeFormatting(route('onTypeFormatting') as never);
connection.onCodeAction(route('codeAction') as never);
connection.onCodeLens(route('codeLens') as never);
connection.languages.semanticTokens.on(
  ((params: { textDocument: { uri: string } }) => route('semanticTokens')(params) ?? { data: [] }) as never,
);

documents.listen(connection);
connection.listen();
