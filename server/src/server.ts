// Berth's language server: the LSP transport around the pure Dockerfile and Compose services.
// Started by the extension in a worker thread of its extension host (client/src/language/server-thread.ts), or
// standalone by any editor: `berth-language-server --stdio [--locale zh-cn]` (also --node-ipc, --socket=N).
// This file only wires the connection to lsp/ (routing, diagnostics scheduling, settings); it holds no language logic.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import {
  createConnection,
  PortMessageReader,
  PortMessageWriter,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  type ClientCapabilities,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineImage, LanguageAdapter } from './lsp/adapter';
import { CAPABILITIES } from './lsp/capabilities';
import { documentContext } from './lsp/context';
import { DiagnosticsScheduler } from './lsp/diagnostics';
import { adapterLookup } from './lsp/languages';
import { routeFeatures } from './lsp/router';
import { DEFAULT_SETTINGS, readSettings, type BerthSettings } from './lsp/settings';
import { dockerfileAdapter, dockerfileInfo } from './dockerfile/adapter';
import { composeAdapter } from './compose/adapter';
import { dockerignoreAdapter } from './dockerignore/adapter';
import { daemonJsonAdapter } from './daemon-json/adapter';
import {
  DOCKERFILE_INFO_REQUEST,
  ENGINE_IMAGES_NOTIFICATION,
  type DockerfileInfo,
  type DockerfileInfoParams,
  type EngineImagesParams,
} from './protocol';
import { setRulesDocument } from './dockerfile/rules/catalog';
import { ShellCheckRunner, useShellCheckRunner } from './dockerfile/shellcheck-runner';
import { initializationLocale, localeArgument, useLocale } from './l10n/locale';
import { markStartup } from './startup-timeline';
import { saveCompiledCode } from './compile-cache';

// Rule links point at the README shipped next to dist/server.js (VSIX or checkout).
setRulesDocument(pathToFileURL(path.resolve(__dirname, '..', 'README.md')).href);

// In a worker thread the server talks over the thread's port (structured clones, no JSON framing); in a process of its
// own the command line says how.
const connection = parentPort
  ? createConnection(ProposedFeatures.all, new PortMessageReader(parentPort), new PortMessageWriter(parentPort))
  : createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const adapters: LanguageAdapter[] = [dockerfileAdapter, composeAdapter, dockerignoreAdapter, daemonJsonAdapter];
const adapterFor = adapterLookup(adapters);

let settings: BerthSettings = DEFAULT_SETTINGS;
let canPullConfiguration = false;
let canWatchFiles = false;
/** The workspace folders' URIs: the disk cache keeps answers longer inside them, whose files the watcher reports. */
let workspaceFolders: string[] = [];
let canFollowFolders = false;
let clientCapabilities: ClientCapabilities | undefined;
let images: readonly EngineImage[] = [];
let enginePlatform: string | undefined;

const context = documentContext(
  documents,
  () => settings,
  () => images,
  () => enginePlatform,
);
const diagnostics = new DiagnosticsScheduler(connection, documents, adapterFor, context);
// By the first publish V8 has compiled the bundle's top level and a whole check: written then, the compile cache
// serves the next start even when this one ends within seconds (a window closed at once, a thread terminated).
diagnostics.onPublished = () => {
  diagnostics.onPublished = () => undefined;
  setImmediate(() => saveCompiledCode('early'));
};

connection.onInitialize((params: InitializeParams): InitializeResult => {
  markStartup('server: initialize received');
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canFollowFolders = !!params.capabilities.workspace?.workspaceFolders;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (!params.workspaceFolders && params.rootUri) workspaceFolders = [params.rootUri];
  context.useWorkspaceFolders(workspaceFolders);
  clientCapabilities = params.capabilities;
  if (params.initializationOptions) settings = readSettings(params.initializationOptions);
  useLocale(localeArgument(process.argv) ?? initializationLocale(params.initializationOptions) ?? params.locale);
  markStartup('server: initialize answered');
  return { capabilities: CAPABILITIES, serverInfo: { name: 'berth-language-server', version: '0.1.0' } };
});

connection.onInitialized(async () => {
  markStartup('server: initialized received');
  if (canFollowFolders)
    connection.workspace.onDidChangeWorkspaceFolders((change) => {
      const removed = new Set(change.removed.map((f) => f.uri));
      workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...change.added.map((f) => f.uri)];
      context.useWorkspaceFolders(workspaceFolders);
      diagnostics.revalidateAll();
    });
  // Files beside a document (.dockerignore, .hadolint.yaml, .env, included compose files…) may be any file: watch
  // them all, and once the client reports changes the server may remember what the disk said (lsp/disk-cache.ts).
  if (canWatchFiles)
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
      .then(() => context.trustFileEvents())
      .catch(() => undefined);
  if (!canPullConfiguration) return;
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'berth' }).catch(() => undefined);
  await refreshSettings();
});

/**
 * Pulls the settings and re-checks the open documents when they differ from those the last checks used. Documents are
 * checked as soon as they open, with the settings of initialize (the extension sends its own there), never waiting
 * for this round trip; so the first answer, which usually repeats them, costs no second check.
 */
async function refreshSettings(): Promise<void> {
  const used = JSON.stringify(settings);
  if (canPullConfiguration) {
    try {
      markStartup('server: configuration asked');
      settings = readSettings(await connection.workspace.getConfiguration('berth'));
      markStartup('server: configuration answered');
    } catch {
      /* keep the last good settings */
    }
  }
  if (JSON.stringify(settings) !== used) diagnostics.revalidateAll();
}

connection.onDidChangeConfiguration((change) => {
  // A client that cannot be asked sends the settings with the change; they are new to the checks.
  if (!canPullConfiguration && change.settings) {
    settings = readSettings((change.settings as { berth?: unknown }).berth);
    diagnostics.revalidateAll();
    return;
  }
  void refreshSettings();
});
connection.onDidChangeWatchedFiles(() => {
  context.forgetDisk();
  diagnostics.revalidateAll();
});

connection.onNotification(ENGINE_IMAGES_NOTIFICATION, (p: EngineImagesParams) => {
  // Platforms feed a diagnostic (InvalidBaseImagePlatform): when they change, open Dockerfiles are checked again.
  const platforms = (list: readonly EngineImage[], engine: string | undefined) =>
    JSON.stringify([engine, list.filter((i) => i.platform).map((i) => [i.repository, i.tags, i.platform])]);
  const changed = platforms(images, enginePlatform) !== platforms(p.images, p.enginePlatform);
  images = p.images;
  enginePlatform = p.enginePlatform;
  if (changed) diagnostics.revalidateAll();
});
connection.onRequest(DOCKERFILE_INFO_REQUEST, (p: DockerfileInfoParams): DockerfileInfo | null =>
  dockerfileInfo(p.uri, context),
);

// ShellCheck on RUN instructions runs beside the diagnostics (dockerfile/shellcheck-runner.ts); when its results
// arrive with findings, the document is checked again and publishes them. Without shellcheck on PATH it logs that once.
const shellcheck = new ShellCheckRunner({ log: (m) => connection.console.warn(m) });
shellcheck.onResults = (uri) => diagnostics.revalidate(uri);
useShellCheckRunner(shellcheck);
connection.onShutdown(() => shellcheck.dispose());

diagnostics.listen(adapters);
routeFeatures(
  connection,
  documents,
  adapters,
  context,
  () => clientCapabilities,
  () => diagnostics.noteRequest(),
);
if (process.env.BERTH_TIMELINE) {
  documents.onDidOpen(() => markStartup('server: didOpen received'));
  const publish = connection.sendDiagnostics.bind(connection);
  connection.sendDiagnostics = (p) => {
    markStartup(`server: diagnostics published (${p.diagnostics.length})`);
    return publish(p);
  };
}
documents.listen(connection);
connection.listen();
markStartup('server: bundle evaluated, listening');
