// dist/server.js, the language server's entry: runs the server bundle (dist/server-main.js, server.ts) with a cache
// of its compiled code (compile-cache.ts). Kept apart from the bundle because the cache must be in place before the
// bundle is compiled. The extension names the cache's folder (BERTH_COMPILE_CACHE, in its own storage); a standalone
// server uses Node's compile cache in Node's default folder.
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { runBundle, saveCompiledCode } from './compile-cache';
import { COMPILE_CACHE_ENV } from './protocol';
import { markStartup } from './startup-timeline';

// A worker thread's time origin is its process's, so a thread's start is marked by the client that starts it.
if (isMainThread) markStartup('server: Node started', performance.timeOrigin);
markStartup('server: entry runs');

runBundle(path.join(__dirname, 'server-main.js'), process.env[COMPILE_CACHE_ENV] || undefined);
// Written again once the first checks, the warm-up and the first requests have compiled more of the bundle (the
// server writes an early one when its first diagnostics are out).
setTimeout(() => saveCompiledCode('late'), 5000).unref();
