// Starts the language server (dist/server.js) in a worker thread of the extension host rather than in a process of its
// own: a thread skips a whole Node start (a process start is most of the time from opening a Dockerfile to its first
// diagnostics), and it talks over a MessagePort without JSON framing. It stays isolated where it matters: its own V8
// heap with a limit (running out of memory ends the thread, not the extension host), its own event loop (a check that
// never ends blocks the thread, not the editor), and terminate() stops even a busy loop. Of Node, this module imports
// only worker_threads, and that on first use (the extension host may never have loaded it, and activation should not);
// besides, only the shared protocol names, which activation loads anyway. So the thread can boot while
// vscode-languageclient is still being evaluated.
// The server gets a process of its own instead when BERTH_SERVER_PROCESS=1 (the benchmark compares both), and when
// the extension host runs under a debugger: the server then listens on an inspector port of its own (6019), which the
// "Berth: extension + server" launch configuration attaches to.
import type { Worker } from 'node:worker_threads';
import { COMPILE_CACHE_ENV } from '../../../server/src/common';

/** The server's environment: the extension host's, plus the folder of its compile cache when there is one. */
export const serverEnv = (compileCacheDir: string | undefined): NodeJS.ProcessEnv =>
  compileCacheDir ? { ...process.env, [COMPILE_CACHE_ENV]: compileCacheDir } : process.env;

/** Old-generation heap limit of the server's thread: far above a large Compose project's needs. */
const HEAP_LIMIT_MB = 1024;

export const serverInOwnProcess = () =>
  process.env.BERTH_SERVER_PROCESS === '1' || process.execArgv.some((a) => /^--inspect(-brk)?(=|$)/.test(a));

/** A server thread, and whether it has ended already (before any client was listening, it may have). */
export interface ServerThread {
  readonly worker: Worker;
  readonly ended: () => boolean;
}

/**
 * Starts dist/server.js in a thread. `compileCacheDir` is where the server keeps its compiled code between starts
 * (server/src/compile-cache.ts); without it, Node's compile cache in Node's default folder.
 */
export async function startServerThread(serverModule: string, compileCacheDir?: string): Promise<ServerThread> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(serverModule, {
    name: 'Berth language server',
    argv: [],
    env: serverEnv(compileCacheDir),
    // The extension host's own flags (inspector, heap size) are not the server's.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
  });
  let ended = false;
  worker.once('exit', () => (ended = true));
  // An 'error' without a listener would be thrown in the extension host; the client learns of it from the thread's
  // end, which follows.
  worker.on('error', () => undefined);
  return { worker, ended: () => ended };
}
