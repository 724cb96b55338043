// Files inside a container, through the Engine API's archive endpoints alone, so that they work on stopped
// containers and on images with no shell (distroless, scratch), on dockerd and Podman alike:
//   stat   HEAD /containers/{id}/archive?path=P   (the X-Docker-Container-Path-Stat header)
//   read   GET  /containers/{id}/archive?path=P   (a tar holding P)
//   write  PUT  /containers/{id}/archive?path=DIR (a tar to extract into DIR)
// Listing a folder reads the tar of that folder and keeps only its direct children: tar-stream hands over each
// header, and every body is drained unread. A folder's tar carries its whole subtree, so a listing stops once it has
// read `maxBytes`: the caller then says the listing is incomplete (or asks a running container's shell instead).
// The API has no delete or rename: those run the container's own `rm`/`mv` through exec (see removeContainerPath).
// Whole trees move between host and container as streamed tars (tar-fs), symbolic links kept as links.
import * as l10n from '@vscode/l10n';
import type Docker from 'dockerode';
import * as fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import * as hostPath from 'node:path';
import { posix } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tarFs from 'tar-fs';
import * as tar from 'tar-stream';
import { EngineError, toEngineError } from './errors';
import { startExec } from './exec';

export type ContainerPathType = 'file' | 'directory' | 'symlink' | 'other';

export interface ContainerPathStat {
  name: string;
  size: number;
  /** Permission bits (0o777 and the set-id/sticky bits). */
  mode: number;
  type: ContainerPathType;
  mtime: Date;
  /**
   * For a symbolic link: where it points (never followed here). The engine's path-stat header gives it resolved
   * inside the container (dockerd: `/bin/busybox` for a link written `busybox`).
   */
  linkTarget?: string;
}

export interface ContainerDirEntry {
  name: string;
  type: ContainerPathType;
  size: number;
  mode: number;
  mtime: Date;
  linkTarget?: string;
}

export interface DirectoryListing {
  entries: ContainerDirEntry[];
  /** False when the folder's tar was larger than the listing may read: entries after that point are missing. */
  complete: boolean;
}

interface Options {
  signal?: AbortSignal;
  endpoint?: string;
}

// Go's os.FileMode, as the engine reports it in the path-stat header: type and set-id bits sit high, not where
// Unix puts them.
const goBit = (mode: number, bit: number) => Math.floor(mode / 2 ** bit) % 2 === 1;

function typeFromGoMode(mode: number): ContainerPathType {
  if (goBit(mode, 31)) return 'directory';
  if (goBit(mode, 27)) return 'symlink';
  // device, named pipe, socket, char device, irregular
  if ([26, 25, 24, 21, 19].some((b) => goBit(mode, b))) return 'other';
  return 'file';
}

/** Unix permission bits (with setuid 0o4000, setgid 0o2000, sticky 0o1000) from a Go FileMode. */
function unixMode(mode: number): number {
  return (
    (mode % 0o1000) + (goBit(mode, 23) ? 0o4000 : 0) + (goBit(mode, 22) ? 0o2000 : 0) + (goBit(mode, 20) ? 0o1000 : 0)
  );
}

function typeFromTar(t: tar.Header['type']): ContainerPathType {
  if (t === 'directory') return 'directory';
  if (t === 'symlink') return 'symlink';
  if (t === 'file' || t === 'contiguous-file') return 'file';
  return 'other';
}

const container = (docker: Docker, id: string) => docker.getContainer(id);

/** Why a path operation failed, in words that say what to do. */
function pathError(e: unknown, path: string, o: Options): EngineError {
  const err = toEngineError(e, o.endpoint ?? 'engine');
  if (err.kind !== 'api') return err;
  const text = err.message.toLowerCase();
  if (err.statusCode === 404 && /no such container/.test(text))
    return new EngineError(
      'api',
      l10n.t('The container no longer exists: it was removed. Close its files.'),
      err.endpoint,
      404,
      e,
    );
  if (err.statusCode === 404)
    return new EngineError('api', l10n.t('{0} does not exist in the container.', path), err.endpoint, 404, e);
  if (/read-only file ?system/.test(text))
    return new EngineError(
      'api',
      l10n.t('{0} is on a read-only filesystem in the container (a read-only root or mount).', path),
      err.endpoint,
      err.statusCode,
      e,
    );
  if (err.statusCode === 403 || /permission denied/.test(text))
    return new EngineError(
      'api',
      l10n.t('The container does not allow writing {0} (permission denied).', path),
      err.endpoint,
      err.statusCode,
      e,
    );
  return err;
}

/** A failed request: a 404 is either the path or the whole container, which only asking for the container tells. */
async function requestError(docker: Docker, id: string, e: unknown, path: string, o: Options): Promise<EngineError> {
  const err = pathError(e, path, o);
  if (err.statusCode !== 404) return err;
  const gone = await container(docker, id)
    .inspect()
    .then(() => false)
    .catch((x: { statusCode?: number }) => x.statusCode === 404);
  return gone
    ? new EngineError(
        'api',
        l10n.t('The container no longer exists: it was removed. Close its files.'),
        err.endpoint,
        404,
        e,
      )
    : err;
}

interface RawPathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget?: string;
}

/** One HEAD request: the engine's path-stat header, decoded. */
async function headPath(docker: Docker, id: string, path: string, o: Options): Promise<RawPathStat> {
  const res = (await container(docker, id).infoArchive({ path, abortSignal: o.signal } as object)) as IncomingMessage;
  res.resume();
  const header = res.headers['x-docker-container-path-stat'];
  if (typeof header !== 'string')
    throw new EngineError('api', l10n.t('The engine did not describe {0}.', path), o.endpoint ?? 'engine');
  return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as RawPathStat;
}

const GLOB_CHAR = /[[\]*?\\]/;

/**
 * The form of `path` the engine takes literally, with its stat. dockerd takes every archive path literally; Podman
 * (4.3) expands globs in it, so `/bin/[` names nothing there. A path with glob characters is therefore asked as
 * written, and escaped when that fails or answers for a different name. Podman still cannot address some such names
 * (`odd[1]*.txt` fails either way, and `odd[1]x.txt` may answer for `odd1x.txt` under the name asked): a limit of
 * its archive API that the engine tests record.
 */
async function literalPath(
  docker: Docker,
  id: string,
  path: string,
  o: Options,
): Promise<{ path: string; raw: RawPathStat }> {
  const asWritten = headPath(docker, id, path, o);
  if (!GLOB_CHAR.test(path)) return { path, raw: await asWritten };
  const wanted = posix.basename(path);
  const first = await asWritten.then(
    (raw) => ({ raw }),
    (error: unknown) => ({ error }),
  );
  if ('raw' in first && first.raw.name === wanted) return { path, raw: first.raw };
  const escaped = path.replace(new RegExp(GLOB_CHAR.source, 'g'), (c) => `\\${c}`);
  const second = await headPath(docker, id, escaped, o).catch(() => undefined);
  // Podman answers with the name as asked, escapes included, and a link's target as that same escaped path: the
  // target is then unknown rather than wrong.
  if (second && (second.name === wanted || second.name === posix.basename(escaped)))
    return {
      path: escaped,
      raw: { ...second, name: wanted, linkTarget: second.linkTarget === escaped ? undefined : second.linkTarget },
    };
  if ('raw' in first) return { path, raw: first.raw };
  throw first.error;
}

export async function statContainerPath(
  docker: Docker,
  id: string,
  path: string,
  o: Options = {},
): Promise<ContainerPathStat> {
  let raw: RawPathStat;
  try {
    ({ raw } = await literalPath(docker, id, path, o));
  } catch (e) {
    throw await requestError(docker, id, e, path, o);
  }
  const type = typeFromGoMode(raw.mode);
  return {
    name: raw.name,
    size: raw.size,
    mode: unixMode(raw.mode),
    type,
    mtime: new Date(raw.mtime),
    // Podman fills linkTarget for every path (the path itself, resolved); only a link has one.
    linkTarget: type === 'symlink' ? raw.linkTarget || undefined : undefined,
  };
}

async function archiveStream(docker: Docker, id: string, path: string, o: Options): Promise<Readable> {
  try {
    // Only a path with glob characters costs the extra HEAD that finds its literal form.
    const literal = GLOB_CHAR.test(path) ? (await literalPath(docker, id, path, o)).path : path;
    return (await container(docker, id).getArchive({
      path: literal,
      abortSignal: o.signal,
    } as object)) as unknown as Readable;
  } catch (e) {
    throw await requestError(docker, id, e, path, o);
  }
}

/** The direct children of a folder, read from the headers of its tar. */
export async function listContainerDirectory(
  docker: Docker,
  id: string,
  dir: string,
  o: Options & { maxBytes?: number } = {},
): Promise<DirectoryListing> {
  const maxBytes = o.maxBytes ?? 256 * 1024 * 1024;
  const source = await archiveStream(docker, id, dir, o);
  const extract = tar.extract();
  const entries: ContainerDirEntry[] = [];
  let root: string | undefined;
  let read = 0;
  let complete = true;
  return new Promise((resolve, reject) => {
    const finish = () => resolve({ entries, complete });
    source.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > maxBytes && complete) {
        complete = false;
        source.destroy();
        extract.destroy();
        finish();
      }
    });
    source.on('error', (e) => (complete ? reject(pathError(e, dir, o)) : undefined));
    extract.on('entry', (header, body, next) => {
      // The tar's first entry is the folder itself (its base name); children are one segment below it.
      const name = header.name.replace(/\/$/, '');
      if (root === undefined) root = name;
      else {
        const rel = name.startsWith(`${root}/`) ? name.slice(root.length + 1) : name;
        if (rel && !rel.includes('/'))
          entries.push({
            name: rel,
            type: typeFromTar(header.type),
            size: header.size ?? 0,
            mode: (header.mode ?? 0) % 0o10000,
            mtime: header.mtime ?? new Date(0),
            linkTarget: header.type === 'symlink' ? (header.linkname ?? undefined) : undefined,
          });
      }
      body.on('end', next);
      body.resume();
    });
    extract.on('finish', () => complete && finish());
    extract.on('error', (e) => complete && reject(pathError(e, dir, o)));
    source.pipe(extract);
  });
}

/**
 * The owner and mode of a path, from the first header of its tar; the stream is closed right after it, so a large
 * file is not read. Saving over a file passes these back to writeContainerFile, so an edit keeps who owns it.
 */
export async function containerPathOwner(
  docker: Docker,
  id: string,
  path: string,
  o: Options = {},
): Promise<{ uid: number; gid: number; mode: number }> {
  const source = await archiveStream(docker, id, path, o);
  const extract = tar.extract();
  return new Promise((resolve, reject) => {
    let done = false;
    const settle = (fn: () => void) => {
      if (done) return;
      done = true;
      source.destroy();
      extract.destroy();
      fn();
    };
    extract.on('entry', (header) =>
      settle(() => resolve({ uid: header.uid ?? 0, gid: header.gid ?? 0, mode: (header.mode ?? 0o644) % 0o10000 })),
    );
    extract.on('finish', () =>
      settle(() => reject(new EngineError('api', l10n.t('{0} came back empty.', path), o.endpoint ?? 'engine'))),
    );
    extract.on('error', (e) => settle(() => reject(pathError(e, path, o))));
    source.on('error', (e) => settle(() => reject(pathError(e, path, o))));
    source.pipe(extract);
  });
}

/** A regular file's bytes. Refuses folders and anything over `maxBytes` (default 64 MiB: the editor holds it all). */
export async function readContainerFile(
  docker: Docker,
  id: string,
  path: string,
  o: Options & { maxBytes?: number } = {},
): Promise<Buffer> {
  const maxBytes = o.maxBytes ?? 64 * 1024 * 1024;
  const source = await archiveStream(docker, id, path, o);
  const extract = tar.extract();
  return new Promise((resolve, reject) => {
    let result: Buffer | undefined;
    let failure: EngineError | undefined;
    const fail = (e: EngineError) => {
      failure ??= e;
      source.destroy();
      extract.destroy();
      reject(failure);
    };
    extract.on('entry', (header, body, next) => {
      if (result !== undefined || failure) {
        body.resume();
        body.on('end', next);
        return;
      }
      if (header.type === 'directory')
        return fail(new EngineError('api', l10n.t('{0} is a folder, not a file.', path), o.endpoint ?? 'engine'));
      if (header.type !== 'file' && header.type !== 'contiguous-file')
        return fail(
          new EngineError('api', l10n.t('{0} is not a regular file ({1}).', path, header.type), o.endpoint ?? 'engine'),
        );
      if ((header.size ?? 0) > maxBytes)
        return fail(
          new EngineError(
            'api',
            l10n.t(
              '{0} is {1} bytes, more than the {2} the editor opens; download it instead.',
              path,
              header.size ?? 0,
              maxBytes,
            ),
            o.endpoint ?? 'engine',
          ),
        );
      const chunks: Buffer[] = [];
      body.on('data', (c: unknown) => void chunks.push(c as Buffer));
      body.on('end', () => {
        result = Buffer.concat(chunks);
        next();
      });
    });
    extract.on('finish', () =>
      result !== undefined
        ? resolve(result)
        : !failure && fail(new EngineError('api', l10n.t('{0} came back empty.', path), o.endpoint ?? 'engine')),
    );
    extract.on('error', (e) => !failure && fail(pathError(e, path, o)));
    source.on('error', (e) => !failure && fail(pathError(e, path, o)));
    source.pipe(extract);
  });
}

async function putArchive(
  docker: Docker,
  id: string,
  dir: string,
  pack: tar.Pack,
  o: Options,
  what: string,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  try {
    await container(docker, id).putArchive(Buffer.concat(chunks), { path: dir, abortSignal: o.signal } as object);
  } catch (e) {
    // A 404 here names the folder being written into; anything else (read-only, permissions) names the file.
    throw await requestError(docker, id, e, (e as { statusCode?: number }).statusCode === 404 ? dir : what, o);
  }
}

/**
 * Writes a file, creating or replacing it, with a one-file tar extracted into its folder. The tar carries the mode,
 * owner and group given (default 0644, root): the caller passes an existing file's own to keep them.
 */
export async function writeContainerFile(
  docker: Docker,
  id: string,
  path: string,
  content: Buffer,
  o: Options & { mode?: number; uid?: number; gid?: number } = {},
): Promise<void> {
  const pack = tar.pack();
  pack.entry(
    {
      name: posix.basename(path),
      type: 'file',
      mode: o.mode ?? 0o644,
      uid: o.uid ?? 0,
      gid: o.gid ?? 0,
      mtime: new Date(),
    },
    content,
  );
  pack.finalize();
  await putArchive(docker, id, posix.dirname(path), pack, o, path);
}

export async function makeContainerDirectory(docker: Docker, id: string, path: string, o: Options = {}): Promise<void> {
  const pack = tar.pack();
  pack.entry({ name: posix.basename(path), type: 'directory', mode: 0o755, mtime: new Date() });
  pack.finalize();
  await putArchive(docker, id, posix.dirname(path), pack, o, path);
}

/** Where a listing came from: the folder's tar (no shell needed) or the container's `find` (see listContainerFolder). */
export type ListingSource = 'archive' | 'find';

/**
 * Lists a folder for the Files tree. The archive stream is the default: it needs no shell, so distroless, scratch
 * and stopped containers work, and for most folders the tar is small. But a folder's tar carries its whole subtree,
 * so `/` (the entire filesystem) or `/usr` can be hundreds of megabytes for twenty names. So:
 *   - `/` of a running container goes straight to `find` (its tar is always the whole filesystem);
 *   - any other folder streams first, with a byte budget; past the budget, a running container is asked with `find`;
 *   - when `find` cannot run (stopped container, no find binary), the partial archive listing is returned, marked
 *     incomplete, and the tree says so.
 */
export async function listContainerFolder(
  docker: Docker,
  id: string,
  dir: string,
  o: Options & { running: boolean; maxBytes?: number },
): Promise<DirectoryListing & { source: ListingSource }> {
  if (dir === '/' && o.running) {
    const entries = await listWithFind(docker, id, dir, o).catch(() => undefined);
    if (entries) return { entries, complete: true, source: 'find' };
  }
  const listing = await listContainerDirectory(docker, id, dir, { ...o, maxBytes: o.maxBytes ?? 16 * 1024 * 1024 });
  if (listing.complete || !o.running) return { ...listing, source: 'archive' };
  const entries = await listWithFind(docker, id, dir, o).catch(() => undefined);
  return entries ? { entries, complete: true, source: 'find' } : { ...listing, source: 'archive' };
}

/** A command run as root in the container (the archive API writes as root too), with its output collected. */
async function runInContainer(
  docker: Docker,
  id: string,
  cmd: string[],
  o: Options,
): Promise<{ code: number | undefined; stdout: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let session;
  try {
    session = await startExec(docker, id, {
      cmd,
      tty: false,
      stdin: false,
      user: '0',
      onOutput: (d, which) => (which === 'stdout' ? out : err).push(d),
    });
  } catch (e) {
    throw execError(e, cmd[0] ?? '', o);
  }
  const abort = () => session.close();
  o.signal?.addEventListener('abort', abort);
  try {
    const code = await session.exited;
    if (o.signal?.aborted) throw new EngineError('cancelled', l10n.t('Cancelled.'), o.endpoint ?? 'engine');
    return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
  } finally {
    o.signal?.removeEventListener('abort', abort);
  }
}

/** Why a command could not start in the container: stopped, or the image has no such program. */
function execError(e: unknown, program: string, o: Options): EngineError {
  const err = toEngineError(e, o.endpoint ?? 'engine');
  const text = err.message.toLowerCase();
  if (err.statusCode === 409 || /is not running|is paused|state improper/.test(text))
    return new EngineError(
      'api',
      l10n.t(
        "Start the container first: the Engine API cannot delete or rename files, so Berth runs the container's own {0}, which needs it running.",
        program,
      ),
      err.endpoint,
      409,
      e,
    );
  if (/executable file not found|no such file or directory|not found in \$?path/.test(text))
    return new EngineError(
      'api',
      l10n.t(
        'The container has no {0} program (a distroless or scratch image?), so Berth cannot do this in it.',
        program,
      ),
      err.endpoint,
      err.statusCode,
      e,
    );
  if (err.statusCode === 404 && /no such container/.test(text))
    return new EngineError(
      'api',
      l10n.t('The container no longer exists: it was removed. Close its files.'),
      err.endpoint,
      404,
      e,
    );
  return err;
}

/** A failed `rm`/`mv`/`find`: its own words, turned into advice where they are known. */
function commandError(stderr: string, path: string, program: string, o: Options): EngineError {
  const endpoint = o.endpoint ?? 'engine';
  if (/read-only file ?system/i.test(stderr))
    return new EngineError(
      'api',
      l10n.t('{0} is on a read-only filesystem in the container (a read-only root or mount).', path),
      endpoint,
      403,
    );
  if (/permission denied|operation not permitted/i.test(stderr))
    return new EngineError(
      'api',
      l10n.t('The container does not allow changing {0} (permission denied).', path),
      endpoint,
      403,
    );
  if (/no such file/i.test(stderr))
    return new EngineError('api', l10n.t('{0} does not exist in the container.', path), endpoint, 404);
  if (/not empty/i.test(stderr))
    return new EngineError('api', l10n.t('{0} is a folder that is not empty.', path), endpoint, 409);
  if (/executable file not found|not found/i.test(stderr))
    return new EngineError(
      'api',
      l10n.t(
        'The container has no {0} program (a distroless or scratch image?), so Berth cannot do this in it.',
        program,
      ),
      endpoint,
    );
  return new EngineError('api', l10n.t('{0} failed in the container: {1}', program, stderr.trim() || '?'), endpoint);
}

/**
 * The direct children of a folder by the container's own `find` (busybox and GNU find both know -mindepth,
 * -maxdepth and -print0: NUL-separated names survive any character), then a HEAD stat of each child for its type,
 * mode and size, so no `ls` output is ever parsed.
 */
async function listWithFind(docker: Docker, id: string, dir: string, o: Options): Promise<ContainerDirEntry[]> {
  const r = await runInContainer(docker, id, ['find', dir, '-mindepth', '1', '-maxdepth', '1', '-print0'], o);
  if (r.code !== 0) throw commandError(r.stderr, dir, 'find', o);
  const paths = r.stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '');
  const entries: ContainerDirEntry[] = [];
  const queue = [...paths];
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      // A child removed between `find` and its stat is simply not listed.
      const st = await statContainerPath(docker, id, p, o).catch(() => undefined);
      if (st) entries.push({ ...st, name: posix.basename(p) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, paths.length) }, worker));
  return entries;
}

/**
 * Deletes a file, link or folder with the container's own `rm` (or `rmdir` for a folder that must be empty): the
 * Engine API has no delete, and a PUT archive can only add. So it needs a running container that has `rm`.
 */
export async function removeContainerPath(
  docker: Docker,
  id: string,
  path: string,
  o: Options & { directory: boolean; recursive: boolean },
): Promise<void> {
  const cmd = !o.directory ? ['rm', '-f', '--', path] : o.recursive ? ['rm', '-rf', '--', path] : ['rmdir', '--', path];
  const r = await runInContainer(docker, id, cmd, o);
  if (r.code !== 0) throw commandError(r.stderr, path, cmd[0]!, o);
}

/** Renames with the container's own `mv` (the Engine API has no rename): a running container that has `mv`. */
export async function renameContainerPath(
  docker: Docker,
  id: string,
  from: string,
  to: string,
  o: Options = {},
): Promise<void> {
  const r = await runInContainer(docker, id, ['mv', '-f', '--', from, to], o);
  if (r.code !== 0) throw commandError(r.stderr, from, 'mv', o);
}

export interface TransferOptions extends Options {
  /** Bytes of tar moved so far (file contents plus 512-byte headers). */
  onProgress?: (bytes: number) => void;
}

function counter(onProgress: ((bytes: number) => void) | undefined): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      onProgress?.(bytes);
      done(null, chunk);
    },
  });
}

/**
 * Copies a container's file or folder into the host folder `hostDir`, as `hostDir/<its name>`. The tar is
 * extracted into a hidden folder beside the target and moved into place only once complete, so a cancelled or
 * failed download leaves nothing behind. Symbolic links are written as links (their targets are never followed:
 * tar-fs refuses to write through a link). With `overwrite`, an existing target is replaced.
 */
export async function downloadContainerPath(
  docker: Docker,
  id: string,
  path: string,
  hostDir: string,
  o: TransferOptions & { overwrite?: boolean } = {},
): Promise<string> {
  const source = await archiveStream(docker, id, path, o);
  const staging = await fs.mkdtemp(hostPath.join(hostDir, '.berth-download-'));
  try {
    await pipeline(
      source,
      counter(o.onProgress),
      // Links may point anywhere in the container's own terms (/etc/passwd): kept as written, never resolved on the
      // host. Files keep their mode bits but belong to the host user.
      tarFs.extract(staging, {
        validateSymlinks: false,
        chown: false,
      } as tarFs.ExtractOptions) as unknown as NodeJS.WritableStream,
      { signal: o.signal },
    );
    const [name, ...more] = await fs.readdir(staging);
    if (name === undefined || more.length)
      throw new EngineError(
        'api',
        l10n.t('The engine sent an unexpected archive for {0}.', path),
        o.endpoint ?? 'engine',
      );
    const target = hostPath.join(hostDir, name);
    if (o.overwrite) await fs.rm(target, { recursive: true, force: true });
    else if (
      await fs.lstat(target).then(
        () => true,
        () => false,
      )
    )
      throw new EngineError('api', l10n.t('{0} already exists on this computer.', target), o.endpoint ?? 'engine', 409);
    await fs.rename(hostPath.join(staging, name), target);
    return target;
  } catch (e) {
    if (o.signal?.aborted)
      throw new EngineError('cancelled', l10n.t('Cancelled.'), o.endpoint ?? 'engine', undefined, e);
    throw e instanceof EngineError ? e : pathError(e, path, o);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/**
 * Copies host files or folders into the container folder `dir`, one streamed tar per host path. Links are packed
 * as links (lstat, never dereferenced); entries belong to root in the container, as `docker cp` makes them. The
 * engine extracts while the tar arrives, so a cancelled upload leaves the entries already extracted.
 */
export async function uploadToContainer(
  docker: Docker,
  id: string,
  hostPaths: string[],
  dir: string,
  o: TransferOptions = {},
): Promise<void> {
  let before = 0;
  for (const p of hostPaths) {
    const pack = tarFs.pack(hostPath.dirname(p), {
      entries: [hostPath.basename(p)],
      map: (h) => ({ ...h, uid: 0, gid: 0, uname: 'root', gname: 'root' }),
    });
    const base = before;
    const body = pack.pipe(counter((n) => o.onProgress?.((before = base + n))));
    try {
      await container(docker, id).putArchive(
        body as unknown as NodeJS.ReadableStream,
        {
          path: dir,
          abortSignal: o.signal,
        } as object,
      );
    } catch (e) {
      pack.destroy();
      if (o.signal?.aborted)
        throw new EngineError('cancelled', l10n.t('Cancelled.'), o.endpoint ?? 'engine', undefined, e);
      throw await requestError(
        docker,
        id,
        e,
        (e as { statusCode?: number }).statusCode === 404 ? dir : posix.join(dir, hostPath.basename(p)),
        o,
      );
    }
  }
}

/**
 * The operations above bound to one connected engine, for the UI, which never touches dockerode: every method
 * passes the engine's endpoint name into the errors it raises.
 */
export class ContainerFiles {
  private constructor(
    private readonly docker: Docker,
    readonly endpoint: string,
  ) {}

  static of(engine: { docker: Docker; endpoint: { label: string } }): ContainerFiles {
    return new ContainerFiles(engine.docker, engine.endpoint.label);
  }

  private o<T extends object>(extra?: T): T & Options {
    return { ...(extra ?? ({} as T)), endpoint: this.endpoint };
  }

  /** Whether the container runs now; a container that is gone reads as stopped (its next call says it was removed). */
  async isRunning(id: string): Promise<boolean> {
    const info = (await container(this.docker, id)
      .inspect()
      .catch(() => undefined)) as { State?: { Running?: boolean } } | undefined;
    return !!info?.State?.Running;
  }

  stat = (id: string, path: string, o?: Options) => statContainerPath(this.docker, id, path, this.o(o));
  list = (id: string, dir: string, o: { running: boolean; signal?: AbortSignal }) =>
    listContainerFolder(this.docker, id, dir, this.o(o));
  read = (id: string, path: string, o?: { maxBytes?: number; signal?: AbortSignal }) =>
    readContainerFile(this.docker, id, path, this.o(o));
  owner = (id: string, path: string) => containerPathOwner(this.docker, id, path, this.o());
  write = (id: string, path: string, content: Buffer, o?: { mode?: number; uid?: number; gid?: number }) =>
    writeContainerFile(this.docker, id, path, content, this.o(o));
  mkdir = (id: string, path: string) => makeContainerDirectory(this.docker, id, path, this.o());
  remove = (id: string, path: string, o: { directory: boolean; recursive: boolean }) =>
    removeContainerPath(this.docker, id, path, this.o(o));
  rename = (id: string, from: string, to: string) => renameContainerPath(this.docker, id, from, to, this.o());
  download = (id: string, path: string, hostDir: string, o: TransferOptions & { overwrite?: boolean }) =>
    downloadContainerPath(this.docker, id, path, hostDir, this.o(o));
  upload = (id: string, hostPaths: string[], dir: string, o: TransferOptions) =>
    uploadToContainer(this.docker, id, hostPaths, dir, this.o(o));
}
