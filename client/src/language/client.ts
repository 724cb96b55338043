// Starts Berth's language server the first time a Dockerfile, compose file or daemon.json is open, not before, and forwards
// what the client knows that the server cannot (the local engine's images).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Worker } from 'node:worker_threads';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENGINE_IMAGES_NOTIFICATION, type EngineImagesParams } from '../../../server/src/common';
import { markStartup } from './startup-timeline';
import { serverInOwnProcess, startServerThread } from './server-thread';
import type { ServerThreads } from './start-server';

export const LANGUAGE_IDS = ['dockerfile', 'dockercompose', 'ignore-docker'] as const;
/** daemon.json is a plain JSON document: VS Code's JSON support serves it, and Berth adds the checks its schema cannot. */
export const DAEMON_JSON_SELECTOR = { language: 'json', pattern: '**/daemon.json' } as const;
const isDaemonJson = (doc: vscode.TextDocument) =>
  doc.languageId === 'json' && /(^|\/)daemon\.json$/.test(doc.uri.path);

export class BerthLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly watcher: vscode.Disposable;
  private latestImages: EngineImagesParams | undefined;
  private threads: ServerThreads | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.watcher = vscode.workspace.onDidOpenTextDocument((doc) => this.startIfNeeded(doc));
    for (const doc of vscode.workspace.textDocuments) this.startIfNeeded(doc);
  }

  /** The running client, started on demand (tests and features that need the server call this). */
  async ensureStarted(): Promise<LanguageClient> {
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
    if ((LANGUAGE_IDS as readonly string[]).includes(doc.languageId) || isDaemonJson(doc)) void this.ensureStarted();
  }

  private async start(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    // The server's thread boots while the extension host evaluates vscode-languageclient.
    markStartup('client: server start asked');
    const thread = serverInOwnProcess() ? undefined : await startServerThread(module);
    if (thread) markStartup('client: server thread created');
    const { startLanguageServer } = await import('./start-server');
    markStartup('client: vscode-languageclient evaluated');
    const { client, threads } = await startLanguageServer(module, LANGUAGE_IDS, thread);
    this.threads = threads;
    markStartup('client: started (initialize answered)');
    this.client = client;
    if (this.latestImages) void client.sendNotification(ENGINE_IMAGES_NOTIFICATION, this.latestImages);
    return client;
  }

  dispose(): void {
    this.watcher.dispose();
    void this.client?.stop();
  }
}
