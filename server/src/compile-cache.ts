// How a server start avoids compiling its bundle again. Node's compile cache (Node ≥ 22.1) keeps only what V8
// compiles as a module loads: the top level, not the functions compiled lazily as they first run. Those are most of a
// start's compiling: a thread with a cache written after the server had worked reached its first diagnostics 22-32 ms
// sooner than with Node's (medians of 10 and 14 alternating starts, Node 24). Writing the cache costs 15-21 ms of CPU,
// twice per build of the bundle, on its first start.
// So where the extension gives the server a folder of its own (BERTH_COMPILE_CACHE, in Berth's global storage), the
// entry runs the bundle through vm.Script with V8's code cache from that folder, and writes the cache once the server
// has worked: createCachedData() then holds every function compiled so far. No library does this: v8-compile-cache
// and Node's own cache both take the cache as the module is compiled, before any function has run.
// A standalone server keeps Node's compile cache: its default folder is shared under the temporary directory, and a
// code cache is code, so Berth reads its own only from a folder the extension chose.
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { threadId } from 'node:worker_threads';
import { markStartup } from './startup-timeline';

const nodeCache = nodeModule as {
  enableCompileCache?: () => unknown;
  flushCompileCache?: () => void;
};

/** Where the running bundle's saver hangs: the entry (dist/server.js) and the bundle (server-main.js) share no module. */
const SAVER = Symbol.for('berth.compileCache.save');

/** The two caches of one bundle build: written at the first diagnostics, and after the first seconds of work. */
type Stage = 'early' | 'late';

/**
 * Runs the CommonJS bundle at `bundle` as require() would, with V8's code cache from `directory` when there is one;
 * without a directory, through require() with Node's compile cache on. Never fails for the cache's sake: a cache that
 * cannot be read, is rejected or cannot be written only costs the compiling it would have saved.
 */
export function runBundle(bundle: string, directory: string | undefined): void {
  if (!directory) {
    nodeCache.enableCompileCache?.();
    require(bundle);
    return;
  }
  const source = fs.readFileSync(bundle, 'utf8');
  const key = cacheKey(bundle);
  const file = (stage: Stage) => path.join(directory, `${key}.${stage}.v8`);
  const loaded = (['late', 'early'] as const)
    .map((stage) => ({ stage, data: readIfThere(file(stage)) }))
    .find((c) => c.data !== undefined);
  // Wrapped as Node wraps a CommonJS module, on the bundle's first line so that stack traces keep its line numbers.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData: loaded?.data,
  });
  // false only when V8 was given the cache and took it.
  const accepted = loaded && script.cachedDataRejected === false ? loaded.stage : undefined;
  markStartup(`server: bundle compiled, code cache ${accepted ?? (loaded ? 'rejected' : 'none')}`);
  const module = { exports: {}, id: bundle, filename: bundle };
  // Written only when this start has no better cache: once early (a server ended within seconds still leaves one),
  // once late; a start that read the late one writes nothing.
  let written: Stage | undefined = accepted;
  (globalThis as Record<symbol, unknown>)[SAVER] = (stage: Stage) => {
    if (written === 'late' || written === stage) return;
    written = stage;
    write(directory, path.basename(bundle, '.js'), file(stage), script.createCachedData());
  };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, nodeModule.createRequire(bundle), module, bundle, path.dirname(bundle));
}

/**
 * Writes what V8 has compiled so far, for the next start: `early` once the first diagnostics are out, `late` after
 * the server has worked a few seconds (checks, warm-up, the first requests).
 */
export function saveCompiledCode(stage: Stage): void {
  const save = (globalThis as Record<symbol, ((stage: Stage) => void) | undefined>)[SAVER];
  if (save) save(stage);
  else nodeCache.flushCompileCache?.();
}

/**
 * Names one build of the bundle on one V8. V8 itself rejects a cache from another version or other flags, but checks
 * the source only by its length: the file's size and modification time tell one build from the next.
 */
function cacheKey(bundle: string): string {
  const stat = fs.statSync(bundle);
  return `${path.basename(bundle, '.js')}-${stat.size}-${Math.trunc(stat.mtimeMs)}-v8-${process.versions.v8}-${process.arch}`;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Writes `data` to `file` whole (several windows may start servers at once), and drops every other cache of the
 * bundle named `stem` (an earlier stage, other builds).
 */
function write(directory: string, stem: string, file: string, data: Buffer): void {
  try {
    fs.mkdirSync(directory, { recursive: true });
    const partial = `${file}.${process.pid}-${threadId}.partial`;
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, file);
    for (const name of fs.readdirSync(directory))
      if (name.startsWith(`${stem}-`) && name.endsWith('.v8') && name !== path.basename(file))
        fs.rmSync(path.join(directory, name), { force: true });
  } catch {
    // A read-only or full disk: the next start compiles, as it would without a cache.
  }
}
