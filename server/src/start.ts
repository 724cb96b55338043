// dist/server.js, the language server's entry: turns on Node's compile cache (compile-cache.ts), then runs the server
// bundle (dist/server-main.js, server.ts). Kept apart from the bundle because the cache applies only to modules loaded
// after it is turned on. The extension names the folder (BERTH_COMPILE_CACHE, in its own storage); a standalone server
// uses Node's default.
import { isMainThread } from 'node:worker_threads';
import { enableCompileCache, flushCompileCache } from './compile-cache';
import { COMPILE_CACHE_ENV } from './protocol';
import { markStartup } from './startup-timeline';

// A worker thread's time origin is its process's, so a thread's start is marked by the client that starts it.
if (isMainThread) markStartup('server: Node started', performance.timeOrigin);
markStartup('server: entry runs');

enableCompileCache(process.env[COMPILE_CACHE_ENV] || undefined);
require('./server-main.js');
// Written again once the first checks and features have compiled more of the bundle (the server also writes it when
// its first diagnostics are out).
setTimeout(flushCompileCache, 5000).unref();
