// Creates and starts the vscode-languageclient connection to dist/server.js, in a worker thread of the extension host
// (server-thread.ts). Loaded on first need only: evaluating vscode-languageclient costs more than everything else Berth
// does at activation; the server's thread is started before, so both happen at once.
import type { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { DAEMON_JSON_SELECTOR } from './client';
import { markStartup, recordingStartup } from './startup-timeline';
import { serverEnv, serverInOwnProcess, startServerThread, type ServerThread } from './server-thread';
import {
  LanguageClient,
  PortMessageReader,
  State,
  PortMessageWriter,
  TransportKind,
  type LanguageClientOptions,
  type MessageTransports,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** A thread's port reader that also reports the thread's end (a Worker emits 'exit', never the 'close' of a port). */
class WorkerMessageReader extends PortMessageReader {
  constructor(worker: Worker) {
    super(worker);
    worker.once('exit', () => this.fireClose());
  }
}

/** The server's threads as the client starts them: the one already booting first, a new one on each restart. */
export class ServerThreads {
  /** The thread the server runs in now (undefined before the first start and after a stop). */
  current: Worker | undefined;
  constructor(
    private readonly serverModule: string,
    private readonly compileCacheDir: string | undefined,
    private pending: ServerThread | undefined,
  ) {}

  readonly transports = async (): Promise<MessageTransports> => {
    // A thread that ended while the client was loading (it failed to boot) is replaced, as a restart would.
    const first = this.pending && !this.pending.ended() ? this.pending : undefined;
    this.pending = undefined;
    const { worker } = first ?? (await startServerThread(this.serverModule, this.compileCacheDir));
    this.current = worker;
    const reader = new WorkerMessageReader(worker);
    // A connection that ends for any reason ends its thread too (a no-op once the thread has exited).
    reader.onClose(() => void worker.terminate());
    return { reader, writer: new PortMessageWriter(worker), detached: false };
  };

  /** The client stopped: a server that did not exit on `exit` (busy, or hung) is stopped here. */
  terminate(): void {
    void this.current?.terminate();
    this.current = undefined;
  }
}

/**
 * Starts the client; `firstThread` is the server's thread started before this module was loaded (undefined when the
 * server runs in a process of its own, BERTH_SERVER_PROCESS=1).
 */
export async function startLanguageServer(
  module: string,
  languageIds: readonly string[],
  compileCacheDir: string | undefined,
  firstThread: ServerThread | undefined,
): Promise<{ client: LanguageClient; threads: ServerThreads | undefined }> {
  const threads = serverInOwnProcess() ? undefined : new ServerThreads(module, compileCacheDir, firstThread);
  const env = serverEnv(compileCacheDir);
  const serverOptions: ServerOptions = threads
    ? threads.transports
    : {
        run: { module, transport: TransportKind.ipc, options: { env } },
        debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
      };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...languageIds.map((language) => ({ language })), DAEMON_JSON_SELECTOR],
    // The server checks a document as soon as it opens, with these settings (the `berth` section, as the server's
    // configuration request would answer it), so its first diagnostics never wait for that round trip. Its messages
    // follow VS Code's display language (it reads `locale` here before the one of initialize).
    initializationOptions: {
      ...(JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('berth'))) as object),
      locale: vscode.env.language,
    },
    synchronize: {
      configurationSection: 'berth',
      // Diagnostics of open files depend on these (COPY vs .dockerignore, compose vs its Dockerfile and .env).
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{.dockerignore,*.dockerignore,Dockerfile*,*.dockerfile,Containerfile*,.env,*.env,compose*.y*ml,docker-compose*.y*ml}',
      ),
    },
  };
  // The moment VS Code holds the diagnostics (the timeline's last step; the extension host's onDidChangeDiagnostics
  // event follows only after a debounce of its own).
  if (recordingStartup())
    clientOptions.middleware = {
      handleDiagnostics: (uri, diagnostics, next) => {
        next(uri, diagnostics);
        markStartup('client: diagnostics set in VS Code');
      },
    };
  const client = new LanguageClient('berth', 'Berth Language Server', serverOptions, clientOptions);
  if (threads) client.onDidChangeState((e) => e.newState === State.Stopped && threads.terminate());
  await client.start();
  return { client, threads };
}
