// Node's compile cache (Node ≥ 22.1; a no-op on older ones): V8 keeps the server's compiled code on disk, so a later
// start reads it instead of compiling the bundle again. Turned on by the entry (start.ts) before the bundle loads, and
// written by the server (server.ts) once its first diagnostics are out.
import * as nodeModule from 'node:module';

const compileCache = nodeModule as {
  enableCompileCache?: (directory?: string) => unknown;
  flushCompileCache?: () => void;
};

/** Turns the cache on for modules loaded from now on: in `directory`, else Node's default (under the temp folder). */
export function enableCompileCache(directory: string | undefined): void {
  compileCache.enableCompileCache?.(directory);
}

/** Writes what V8 has compiled so far; Node does it at exit, but a server is often ended by terminate() or a kill. */
export function flushCompileCache(): void {
  compileCache.flushCompileCache?.();
}
