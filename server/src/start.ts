// dist/server.js, the language server's entry: turns on Node's compile cache, then runs the server bundle
// (dist/server-main.js, server.ts). With the cache (Node ≥ 22.1, which VS Code's extension host and code-server run),
// V8 reads the bundle's compiled code from disk instead of compiling it again: a server start reaches its first
// diagnostics with about a tenth less CPU. On an older Node it does nothing. Kept apart from the bundle because the
// cache applies only to modules loaded after it is turned on.
import * as nodeModule from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { markStartup } from './startup-timeline';

// A worker thread's time origin is its process's, so a thread's start is marked by the client that starts it.
if (isMainThread) markStartup('server: Node started', performance.timeOrigin);
markStartup('server: entry runs');

const compileCache = nodeModule as { enableCompileCache?: () => unknown; flushCompileCache?: () => void };
compileCache.enableCompileCache?.();
require('./server-main.js');
// Node writes the cache at exit, and a server may be killed instead; by now it also holds the code of the first checks.
setTimeout(() => compileCache.flushCompileCache?.(), 5000).unref();
