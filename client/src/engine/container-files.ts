// Files inside a container, through the Engine API's archive endpoints alone, so that they work on stopped
// containers and on images with no shell (distroless, scratch), on dockerd and Podman alike:
//   stat   HEAD /containers/{id}/archive?path=P   (the X-Docker-Container-Path-Stat header)
//   read   GET  /containers/{id}/archive?path=P   (a tar holding P)
//   write  PUT  /containers/{id}/archive?path=DIR (a tar to extract into DIR)
// Listing a folder reads the tar of that folder and keeps only its direct children: tar-stream hands over each
// header, and every body is drained unread. A folder's tar carries its whole subtree, so a listing stops once it has
// read `maxBytes`: the caller then says the listing is incomplete (or asks a running container's shell instead).
import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { EngineError, toEngineError } from './errors';

export type ContainerPathType = 'file' | 'directory' | 'symlink' | 'other';

export interface ContainerPathStat {
  name: string;
  size: number;
  /** Permission bits (0o777 and the set-id/sticky bits). */
  mode: number;
  type: ContainerPathType;
  mtime: Date;
  /** For a symbolic link: where it points, as written in the container (never followed here). */
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
      'The container no longer exists: it was removed. Close its files.',
      err.endpoint,
      404,
      e,
    );
  if (err.statusCode === 404)
    return new EngineError('api', `${path} does not exist in the container.`, err.endpoint, 404, e);
  if (/read-only file ?system/.test(text))
    return new EngineError(
      'api',
      `${path} is on a read-only filesystem in the container (a read-only root or mount).`,
      err.endpoint,
      err.statusCode,
      e,
    );
  if (err.statusCode === 403 || /permission denied/.test(text))
    return new EngineError(
      'api',
      `The container does not allow writing ${path} (permission denied).`,
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
    ? new EngineError('api', 'The container no longer exists: it was removed. Close its files.', err.endpoint, 404, e)
    : err;
}

export async function statContainerPath(
  docker: Docker,
  id: string,
  path: string,
  o: Options = {},
): Promise<ContainerPathStat> {
  let res: IncomingMessage;
  try {
    res = (await container(docker, id).infoArchive({ path, abortSignal: o.signal } as object)) as IncomingMessage;
  } catch (e) {
    throw await requestError(docker, id, e, path, o);
  }
  res.resume();
  const header = res.headers['x-docker-container-path-stat'];
  if (typeof header !== 'string')
    throw new EngineError('api', `The engine did not describe ${path}.`, o.endpoint ?? 'engine');
  const raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as {
    name: string;
    size: number;
    mode: number;
    mtime: string;
    linkTarget?: string;
  };
  return {
    name: raw.name,
    size: raw.size,
    mode: unixMode(raw.mode),
    type: typeFromGoMode(raw.mode),
    mtime: new Date(raw.mtime),
    linkTarget: raw.linkTarget || undefined,
  };
}

async function archiveStream(docker: Docker, id: string, path: string, o: Options): Promise<Readable> {
  try {
    return (await container(docker, id).getArchive({ path, abortSignal: o.signal } as object)) as unknown as Readable;
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
        return fail(new EngineError('api', `${path} is a folder, not a file.`, o.endpoint ?? 'engine'));
      if (header.type !== 'file' && header.type !== 'contiguous-file')
        return fail(new EngineError('api', `${path} is not a regular file (${header.type}).`, o.endpoint ?? 'engine'));
      if ((header.size ?? 0) > maxBytes)
        return fail(
          new EngineError(
            'api',
            `${path} is ${header.size} bytes, more than the ${maxBytes} the editor opens; download it instead.`,
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
        : !failure && fail(new EngineError('api', `${path} came back empty.`, o.endpoint ?? 'engine')),
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
