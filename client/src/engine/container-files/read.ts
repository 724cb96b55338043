// Reading a container's path from its tar (GET /containers/{id}/archive?path=P): a folder's direct children, a
// path's owner, a regular file's bytes. tar-stream hands over each header, and every body not wanted is drained
// unread. A folder's tar carries its whole subtree, so a listing stops once it has read its byte budget: the caller
// then says the listing is incomplete (or asks a running container's shell instead, see listing.ts).
import * as l10n from '@vscode/l10n';
import type Docker from 'dockerode';
import * as tar from 'tar-stream';
import { EngineError } from '../errors';
import { archiveStream, pathError, type ContainerDirEntry, type ContainerPathType, type PathOptions } from './path';

export interface DirectoryListing {
  entries: ContainerDirEntry[];
  /** False when the folder's tar was larger than the listing may read: entries after that point are missing. */
  complete: boolean;
}

function typeFromTar(t: tar.Header['type']): ContainerPathType {
  if (t === 'directory') return 'directory';
  if (t === 'symlink') return 'symlink';
  if (t === 'file' || t === 'contiguous-file') return 'file';
  return 'other';
}

/** An entry's contents, as tar-stream hands them over (a streamx stream). */
type EntryBody = tar.ExtractEvents['entry'][1];

/** Ends a walk: the first call wins, and both streams close at once, so nothing more of the tar is read. */
interface Settle<T> {
  resolve(value: T): void;
  reject(error: EngineError): void;
}

interface ArchiveWalk<T> {
  /** One entry: drain `body` and call `next`, or end the walk through `settle`. */
  entry(header: tar.Header, body: EntryBody, next: () => void, settle: Settle<T>): void;
  /** The tar ended with the walk still open: its result, or why there is none. */
  end(): T | EngineError;
  /** Bytes of tar read so far, after each chunk (a listing's budget). */
  progress?(read: number, settle: Settle<T>): void;
}

/** Streams the tar of `path` through tar-stream, entry by entry, until `walk` settles or the tar ends. */
async function walkArchive<T>(
  docker: Docker,
  id: string,
  path: string,
  o: PathOptions,
  walk: ArchiveWalk<T>,
): Promise<T> {
  const source = await archiveStream(docker, id, path, o);
  const extract = tar.extract();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (done: () => void) => {
      if (settled) return;
      settled = true;
      source.destroy();
      extract.destroy();
      done();
    };
    const settle: Settle<T> = {
      resolve: (value) => finish(() => resolve(value)),
      reject: (error) => finish(() => reject(error)),
    };
    let read = 0;
    if (walk.progress) source.on('data', (chunk: Buffer) => walk.progress?.((read += chunk.length), settle));
    source.on('error', (e) => settle.reject(pathError(e, path, o)));
    extract.on('entry', (header, body, next) => walk.entry(header, body, next, settle));
    extract.on('finish', () => {
      const result = walk.end();
      if (result instanceof EngineError) settle.reject(result);
      else settle.resolve(result);
    });
    extract.on('error', (e) => settle.reject(pathError(e, path, o)));
    source.pipe(extract);
  });
}

function drain(body: EntryBody, next: () => void): void {
  body.on('end', next);
  body.resume();
}

/** The direct children of a folder, read from the headers of its tar, up to `maxBytes` of it (default 256 MiB). */
export async function listContainerDirectory(
  docker: Docker,
  id: string,
  dir: string,
  o: PathOptions & { maxBytes?: number } = {},
): Promise<DirectoryListing> {
  const entries: ContainerDirEntry[] = [];
  let root: string | undefined;
  return walkArchive<DirectoryListing>(docker, id, dir, o, {
    entry(header, body, next) {
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
      drain(body, next);
    },
    end: () => ({ entries, complete: true }),
    progress(read, settle) {
      if (read > (o.maxBytes ?? 256 * 1024 * 1024)) settle.resolve({ entries, complete: false });
    },
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
  o: PathOptions = {},
): Promise<{ uid: number; gid: number; mode: number }> {
  return walkArchive<{ uid: number; gid: number; mode: number }>(docker, id, path, o, {
    entry: (header, _body, _next, settle) =>
      settle.resolve({ uid: header.uid ?? 0, gid: header.gid ?? 0, mode: (header.mode ?? 0o644) % 0o10000 }),
    end: () => new EngineError('api', l10n.t('{0} came back empty.', path), o.endpoint ?? 'engine'),
  });
}

/** Why a path's tar holds no file the editor can open, or undefined when its first entry is one. */
function notAnEditableFile(
  header: tar.Header,
  path: string,
  maxBytes: number,
  endpoint: string,
): EngineError | undefined {
  if (header.type === 'directory')
    return new EngineError('api', l10n.t('{0} is a folder, not a file.', path), endpoint);
  if (header.type !== 'file' && header.type !== 'contiguous-file')
    return new EngineError('api', l10n.t('{0} is not a regular file ({1}).', path, header.type), endpoint);
  if ((header.size ?? 0) > maxBytes)
    return new EngineError(
      'api',
      l10n.t(
        '{0} is {1} bytes, more than the {2} the editor opens; download it instead.',
        path,
        header.size ?? 0,
        maxBytes,
      ),
      endpoint,
    );
  return undefined;
}

/** A regular file's bytes. Refuses folders and anything over `maxBytes` (default 64 MiB: the editor holds it all). */
export async function readContainerFile(
  docker: Docker,
  id: string,
  path: string,
  o: PathOptions & { maxBytes?: number } = {},
): Promise<Buffer> {
  let result: Buffer | undefined;
  return walkArchive<Buffer>(docker, id, path, o, {
    entry(header, body, next, settle) {
      if (result !== undefined) return drain(body, next);
      const refusal = notAnEditableFile(header, path, o.maxBytes ?? 64 * 1024 * 1024, o.endpoint ?? 'engine');
      if (refusal) return settle.reject(refusal);
      const chunks: Buffer[] = [];
      body.on('data', (c: unknown) => void chunks.push(c as Buffer));
      body.on('end', () => {
        result = Buffer.concat(chunks);
        next();
      });
    },
    end: () => result ?? new EngineError('api', l10n.t('{0} came back empty.', path), o.endpoint ?? 'engine'),
  });
}
