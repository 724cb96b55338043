// The build context, streamed as a tar exactly as the classic docker CLI would send it: the ignore file, its matching
// and the files always kept come from the one module the editor uses too (server/src/dockerignore/context-ignore.ts,
// through server/src/common), so CopyIgnoredFile and what is sent agree; moby's directory walk is reproduced here: an
// ignored directory is only entered when an exception pattern starts with its path. Files are read straight from
// disk into the tar stream; nothing is copied first.
// The tar is written with tar-stream (the engine of tar-fs) from the walk's own entry list: tar-fs would walk the
// tree a second time, cannot enter an excluded directory without emitting it, and its per-file streams made
// packing 2-3x slower than the docker CLI's (bench/build-context).
import * as l10n from '@vscode/l10n';
import * as nodeFs from 'node:fs';
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { ContextIgnore, readIgnoreFile } from '../../../server/src/common';
import * as tar from 'tar-stream';

export interface ContextOptions {
  /** Absolute folder sent as the context. */
  contextDir: string;
  /** Dockerfile path relative to the context (forward slashes); it is kept even when .dockerignore excludes it. */
  dockerfile?: string;
}

export interface ContextPlan {
  contextDir: string;
  /** Every entry the tar will hold, relative with forward slashes, in walk order (directories included). */
  entries: string[];
  /** Sum of the included regular files' sizes, in bytes (what the user waits for). */
  fileBytes: number;
  fileCount: number;
  /** The patterns in effect, after the CLI's own additions (`!Dockerfile`, `!.dockerignore`). */
  patterns: string[];
  /** lstat of every entry, taken during the walk and reused while packing (one syscall per file, not two). */
  stats: Map<string, Stats>;
}

/** Above this, the UI shows the size and asks before sending (usually a missing .dockerignore). */
export const LARGE_CONTEXT_BYTES = 100 * 1024 * 1024;

/** .dockerignore lines → cleaned patterns, as moby's dockerignore.ReadAll does it. */
export const parseDockerignore = readIgnoreFile;

/** The build's ignore rules, with the files the builder needs kept (the CLI's TrimBuildFilesFromExcludes). */
function contextIgnoreOf(contextDir: string, dockerfile: string): ContextIgnore {
  return ContextIgnore.forDockerfile(dockerfile, (name) => {
    try {
      return nodeFs.readFileSync(path.join(contextDir, name), 'utf8');
    } catch {
      return undefined; // absent
    }
  }).forBuild(dockerfile);
}

/** Walks the context and decides every entry, without reading file contents. */
export async function planContext(opts: ContextOptions): Promise<ContextPlan> {
  const dockerfile = (opts.dockerfile ?? 'Dockerfile').replace(/\\/g, '/');
  const ig = contextIgnoreOf(opts.contextDir, dockerfile);
  const patterns = [...ig.patterns];
  // The builder refuses the whole context when a pattern does not compile; say which one.
  if (ig.invalid.length)
    throw new Error(
      l10n.t(
        '.dockerignore has a pattern the builder cannot compile (syntax error in pattern): {0}. Close its "[" class or remove the trailing "\\".',
        ig.invalid[0] ?? '',
      ),
    );
  const exceptions = ig.exceptions;

  const plan: ContextPlan = {
    contextDir: opts.contextDir,
    entries: [],
    fileBytes: 0,
    fileCount: 0,
    patterns,
    stats: new Map(),
  };
  const walk = async (rel: string): Promise<void> => {
    const abs = rel ? path.join(opts.contextDir, rel) : opts.contextDir;
    const names = (await fs.readdir(abs, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const d of names) {
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (ig.ignores(child)) {
        if (!d.isDirectory()) continue;
        // moby: an ignored directory is walked only if an exception pattern lies beneath it (by prefix).
        if (exceptions.some((e) => `${e}/`.startsWith(`${child}/`))) await walk(child);
        continue;
      }
      if (d.isSocket()) continue; // tar cannot hold sockets; the CLI skips them too
      plan.entries.push(child);
      // Synchronous lstat: one cheap syscall per kept entry; thousands of awaited thread-pool round trips cost more.
      const st = nodeFs.lstatSync(path.join(opts.contextDir, child));
      plan.stats.set(path.join(opts.contextDir, child), st);
      if (d.isDirectory()) await walk(child);
      else if (d.isFile()) {
        plan.fileCount++;
        plan.fileBytes += st.size;
      }
    }
  };
  await walk('');
  return plan;
}

/** Files up to this size are read in one call instead of through a read stream (most of a context is small). */
const SMALL_FILE = 64 * 1024;
/** The upload is written in chunks of about this size rather than tar's 512-byte pieces. */
const UPLOAD_CHUNK = 256 * 1024;

/** Re-chunks a stream of many small buffers into few large ones (fewer writes to the engine's socket). */
function coalesce(chunkSize: number): Transform {
  let parts: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= chunkSize) {
        const out = Buffer.concat(parts, size);
        parts = [];
        size = 0;
        cb(null, out);
      } else cb();
    },
    flush(cb) {
      cb(null, size ? Buffer.concat(parts, size) : undefined);
    },
  });
}

type TarHeader = Partial<tar.Header> & { name: string };
const EMPTY = Buffer.alloc(0);

/** The tar stream of a planned context. Ownership is reset to root, as the CLI does, so builds are reproducible.
 *  Small entries are added without waiting; after every few MB the packer waits until the consumer caught up,
 *  so memory stays bounded however large the context is. */
export function packContext(plan: ContextPlan): Readable {
  const pack = tar.pack();
  const out = coalesce(UPLOAD_CHUNK);
  pack.on('error', (e: Error) => out.destroy(e));
  (pack as unknown as Readable).pipe(out);
  const add = (header: TarHeader, body?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      pack.entry(header, body ?? EMPTY, (err?: Error | null) => (err ? reject(err) : resolve()));
    });
  const addStream = (header: TarHeader, file: string) =>
    new Promise<void>((resolve, reject) => {
      const sink = pack.entry(header, (err?: Error | null) => (err ? reject(err) : resolve()));
      const source = nodeFs.createReadStream(file);
      source.on('error', reject);
      source.pipe(sink as unknown as NodeJS.WritableStream);
    });
  void (async () => {
    let unconfirmed: Promise<void> = Promise.resolve();
    let bytesSinceWait = 0;
    for (const rel of plan.entries) {
      if (out.destroyed) return;
      const abs = path.join(plan.contextDir, rel);
      const st = plan.stats.get(abs) ?? nodeFs.lstatSync(abs);
      const header: TarHeader = {
        name: rel,
        mode: st.mode & 0o7777,
        mtime: st.mtime,
        uid: 0,
        gid: 0,
        uname: '',
        gname: '',
      };
      if (st.isDirectory()) unconfirmed = add({ ...header, type: 'directory' });
      else if (st.isSymbolicLink())
        unconfirmed = add({ ...header, type: 'symlink', linkname: nodeFs.readlinkSync(abs) });
      else if (st.isFile() && st.size <= SMALL_FILE)
        unconfirmed = add({ ...header, type: 'file', size: st.size }, nodeFs.readFileSync(abs));
      else if (st.isFile()) {
        await unconfirmed;
        await addStream({ ...header, type: 'file', size: st.size }, abs);
        bytesSinceWait = 0;
        continue;
      } else continue; // FIFOs and devices: a build context has no use for them
      bytesSinceWait += 512 + st.size;
      if (bytesSinceWait > 4 * UPLOAD_CHUNK) {
        await unconfirmed;
        bytesSinceWait = 0;
      }
    }
    await unconfirmed;
    pack.finalize();
  })().catch((e: Error) => out.destroy(e));
  return out;
}
