// One path inside a container, addressed through the Engine API's archive endpoints: its stat (HEAD
// /containers/{id}/archive?path=P, the X-Docker-Container-Path-Stat header), its tar (GET), and the errors that say
// what went wrong in words that say what to do. Every other module in this folder builds on these.
import * as l10n from '@vscode/l10n';
import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { EngineError, toEngineError } from '../errors';

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

export interface PathOptions {
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

export const container = (docker: Docker, id: string) => docker.getContainer(id);

/** The container itself is gone: every operation on its files ends with this. */
export function containerGone(endpoint: string, cause: unknown): EngineError {
  return new EngineError(
    'api',
    l10n.t('The container no longer exists: it was removed. Close its files.'),
    endpoint,
    404,
    cause,
  );
}

/** Why a path operation failed, in words that say what to do. */
export function pathError(e: unknown, path: string, o: PathOptions): EngineError {
  const err = toEngineError(e, o.endpoint ?? 'engine');
  if (err.kind !== 'api') return err;
  const text = err.message.toLowerCase();
  if (err.statusCode === 404 && /no such container/.test(text)) return containerGone(err.endpoint, e);
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
export async function requestError(
  docker: Docker,
  id: string,
  e: unknown,
  path: string,
  o: PathOptions,
): Promise<EngineError> {
  const err = pathError(e, path, o);
  if (err.statusCode !== 404) return err;
  const gone = await container(docker, id)
    .inspect()
    .then(() => false)
    .catch((x: { statusCode?: number }) => x.statusCode === 404);
  return gone ? containerGone(err.endpoint, e) : err;
}

interface RawPathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget?: string;
}

/** One HEAD request: the engine's path-stat header, decoded. */
async function headPath(docker: Docker, id: string, path: string, o: PathOptions): Promise<RawPathStat> {
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
  o: PathOptions,
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
  o: PathOptions = {},
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

export async function archiveStream(docker: Docker, id: string, path: string, o: PathOptions): Promise<Readable> {
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
