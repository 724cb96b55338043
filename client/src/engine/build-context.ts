// The build context, streamed as a tar exactly as the classic docker CLI would send it: .dockerignore read with
// Docker's rules (comments, `!` exceptions, `**`, parent-directory matches — @balena/dockerignore is a port of
// moby's matcher), the Dockerfile and .dockerignore always kept, and moby's directory walk reproduced: an ignored
// directory is only entered when an exception pattern starts with its path. Files are read straight from disk
// into the tar stream (tar-fs); nothing is copied first.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import dockerignore from '@balena/dockerignore';
import * as tarFs from 'tar-fs';

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
}

/** Above this, the UI shows the size and asks before sending (usually a missing .dockerignore). */
export const LARGE_CONTEXT_BYTES = 100 * 1024 * 1024;

/** .dockerignore lines → cleaned patterns, as moby's dockerignore.ReadAll does it. */
export function parseDockerignore(text: string): string[] {
  const out: string[] = [];
  for (let line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    line = line.trim();
    if (!line) continue;
    const invert = line.startsWith('!');
    if (invert) line = line.slice(1).trim();
    if (line) {
      line = path.posix.normalize(line).replace(/\/+$/, '') || '/';
      if (line.length > 1 && line.startsWith('/')) line = line.slice(1);
    }
    out.push(invert ? `!${line}` : line);
  }
  return out;
}

async function readIgnoreFile(contextDir: string, dockerfile: string): Promise<string[]> {
  // A Dockerfile-specific ignore file (<Dockerfile>.dockerignore) wins, as in BuildKit and the CLI.
  for (const name of [`${dockerfile}.dockerignore`, '.dockerignore']) {
    try { return parseDockerignore(await fs.readFile(path.join(contextDir, name), 'utf8')); } catch { /* absent */ }
  }
  return [];
}

/** Walks the context and decides every entry, without reading file contents. */
export async function planContext(opts: ContextOptions): Promise<ContextPlan> {
  const dockerfile = (opts.dockerfile ?? 'Dockerfile').replace(/\\/g, '/');
  const patterns = await readIgnoreFile(opts.contextDir, dockerfile);
  const matcher = () => dockerignore().add(patterns);
  // The CLI's TrimBuildFilesFromExcludes: never drop the files the builder itself needs.
  if (matcher().ignores('.dockerignore')) patterns.push('!.dockerignore');
  if (matcher().ignores(dockerfile)) patterns.push(`!${dockerfile}`);
  const ig = dockerignore().add(patterns);
  const exceptions = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));

  const plan: ContextPlan = { contextDir: opts.contextDir, entries: [], fileBytes: 0, fileCount: 0, patterns };
  const walk = async (rel: string): Promise<void> => {
    const abs = rel ? path.join(opts.contextDir, rel) : opts.contextDir;
    const names = (await fs.readdir(abs, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
      if (d.isDirectory()) await walk(child);
      else if (d.isFile()) {
        plan.fileCount++;
        plan.fileBytes += (await fs.stat(path.join(opts.contextDir, child))).size;
      }
    }
  };
  await walk('');
  return plan;
}

/** The tar stream of a planned context. Ownership is reset to root, as the CLI does, so builds are reproducible. */
export function packContext(plan: ContextPlan): Readable {
  const included = new Set(plan.entries);
  // tar-fs descends into every directory it is given; hand it only the entries whose parent is not itself an
  // entry (the "roots"), and let its ignore callback drop whatever the plan excluded below them.
  const roots = plan.entries.filter((e) => !included.has(path.posix.dirname(e)));
  return tarFs.pack(plan.contextDir, {
    entries: roots,
    ignore: (abs: string) => !included.has(path.relative(plan.contextDir, abs).split(path.sep).join('/')),
    map: (h) => ({ ...h, uid: 0, gid: 0, uname: '', gname: '' }),
  }) as unknown as Readable;
}

/** Counts the bytes flowing through a stream (the size actually sent), without buffering it. */
export function countBytes(stream: Readable, onBytes: (total: number) => void): Readable {
  let total = 0;
  stream.on('data', (chunk: Buffer) => { total += chunk.length; onBytes(total); });
  return stream;
}
