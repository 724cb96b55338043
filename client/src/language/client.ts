// Starts Berth's language server the first time a Dockerfile, compose file or daemon.json is open, or earlier, as soon as
// Berth is active in a workspace that holds a Dockerfile or compose file; and forwards what the client knows that the
// server cannot (the local engine's images).
// Why early: a server start (a thread, its bundle, vscode-languageclient, initialize) costs several hundred ms of wall
// time, which a user would wait for on the first Dockerfile they open. In a workspace of container files they will
// open one, so the thread starts while they are still looking at the file tree; its cost is one idle worker thread.
// Elsewhere (a daemon.json, a Dockerfile opened from outside the workspace) the server starts on the first open.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Worker } from 'node:worker_threads';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENGINE_IMAGES_NOTIFICATION, type EngineImagesParams } from '../../../server/src/common';
import { markStartup } from './startup-timeline';
import { serverInOwnProcess, startServerThread } from './server-thread';
import type { ServerThreads } from './start-server';

export const LANGUAGE_IDS = ['dockerfile', 'dockercompose', 'ignore-docker'] as const;
/** Container files by name; where most projects keep them, at a folder's root, a stat of each is answered long before
 * a search of the workspace. package.json's workspaceContains activation events name the same files. */
const CONTAINER_FILE_NAMES = [
  'Dockerfile',
  'Containerfile',
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
];
/** The files that start the server early, anywhere in the workspace. */
const CONTAINER_FILES = `**/{${[...CONTAINER_FILE_NAMES, '*.dockerfile'].join(',')}}`;
/** Where a container file does not count: dependencies and VCS data are not the user's project. */
const NOT_THE_PROJECT = '**/{node_modules,.git}/**';
/** daemon.json is a plain JSON document: VS Code's JSON support serves it, and Berth adds the checks its schema cannot. */
export const DAEMON_JSON_SELECTOR = { language: 'json', pattern: '**/daemon.json' } as const;
const isDaemonJson = (doc: vscode.TextDocument) =>
  doc.languageId === 'json' && /(^|\/)daemon\.json$/.test(doc.uri.path);

export type StartReason = 'workspace' | 'document' | 'request';

export class BerthLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly watcher: vscode.Disposable;
  private latestImages: EngineImagesParams | undefined;
  private threads: ServerThreads | undefined;
  private disposed = false;
  /** What asked for the server, in the order they first asked. */
  private readonly reasons = new Set<StartReason>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.watcher = vscode.workspace.onDidOpenTextDocument((doc) => this.startIfNeeded(doc));
    for (const doc of vscode.workspace.textDocuments) this.startIfNeeded(doc);
    if (!this.starting) void this.startIfWorkspaceHasContainerFiles();
  }

  /** The running client, started on demand (tests and features that need the server call this). */
  async ensureStarted(): Promise<LanguageClient> {
    return this.startFor('request');
  }

  /** What made the server start first: the workspace's container files, an open document, or a feature's request. */
  startedBy(): StartReason | undefined {
    return this.reasons.values().next().value;
  }

  /** Everything that has asked for the server so far, the first included (a start already under way serves later ones). */
  askedBy(): ReadonlySet<StartReason> {
    return this.reasons;
  }

  private async startFor(reason: StartReason): Promise<LanguageClient> {
    this.reasons.add(reason);
    if (this.client) return this.client;
    this.starting ??= this.start();
    return this.starting;
  }

  /** Whether the server has been started (it is not, until a Dockerfile or compose file is open). */
  isRunning(): boolean {
    return this.client !== undefined || this.starting !== undefined;
  }

  /** The worker thread the server runs in now; undefined before it starts, or when it runs in a process of its own. */
  serverThread(): Worker | undefined {
    return this.threads?.current;
  }

  /** Tells a running server which images the local engine has (for FROM/image completion). Never starts it. */
  sendEngineImages(images: EngineImagesParams['images'], enginePlatform?: string): void {
    this.latestImages = { images, enginePlatform };
    void this.client?.sendNotification(ENGINE_IMAGES_NOTIFICATION, this.latestImages);
  }

  private startIfNeeded(doc: vscode.TextDocument): void {
    if ((LANGUAGE_IDS as readonly string[]).includes(doc.languageId) || isDaemonJson(doc))
      void this.startFor('document');
  }

  /**
   * Starts the server when the workspace holds a container file: first a look at each folder's root, then a search
   * (in VS Code's search service, which a window that is still starting answers slowly).
   */
  private async startIfWorkspaceHasContainerFiles(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) return;
    const atRoot = await Promise.any(
      folders.flatMap((f) =>
        CONTAINER_FILE_NAMES.map((name) => vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, name))),
      ),
    ).then(
      () => true,
      () => false,
    );
    const found =
      atRoot ||
      (await vscode.workspace.findFiles(CONTAINER_FILES, NOT_THE_PROJECT, 1).then(
        (uris) => uris.length > 0,
        () => false, // a failed search only means no early start: the first open still starts the server
      ));
    if (found && !this.disposed) {
      markStartup('client: early start, the workspace has container files');
      void this.startFor('workspace');
    }
  }

  private async start(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    // The server's compiled code is kept in Berth's own storage: Node's default, the temporary directory, may be
    // emptied at each boot (and is private to each code-server session), so each start would compile it again.
    const storage = this.context.globalStorageUri;
    const compileCacheDir = storage.scheme === 'file' ? path.join(storage.fsPath, 'compile-cache') : undefined;
    // The server's thread boots while the extension host evaluates vscode-languageclient. The thread is the slower of
    // the two (worker boot, bundle, first check: about 150 ms of CPU), so handing it the opening document to check
    // before initialize only reorders its work: measured and reverted (40a9434).
    markStartup('client: server start asked');
    const thread = serverInOwnProcess() ? undefined : await startServerThread(module, compileCacheDir);
    if (thread) markStartup('client: server thread created');
    const { startLanguageServer } = await import('./start-server');
    markStartup('client: vscode-languageclient evaluated');
    const { client, threads } = await startLanguageServer(module, LANGUAGE_IDS, compileCacheDir, thread);
    this.threads = threads;
    markStartup('client: started (initialize answered)');
    this.client = client;
    if (this.latestImages) void client.sendNotification(ENGINE_IMAGES_NOTIFICATION, this.latestImages);
    return client;
  }

  dispose(): void {
    this.disposed = true;
    this.watcher.dispose();
    // A start still under way is stopped once it is done, so that no server thread outlives the extension.
    void this.starting?.then(
      (client) => client.stop(),
      () => undefined,
    );
  }
}
