// Whole trees between host and container as streamed tars (tar-fs), symbolic links kept as links: the Files
// tree's download and upload, with the bytes moved so far for a progress bar.
import * as l10n from '@vscode/l10n';
import type Docker from 'dockerode';
import * as fs from 'node:fs/promises';
import * as hostPath from 'node:path';
import { posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tarFs from 'tar-fs';
import { byteCounter } from '../byte-counter';
import { EngineError } from '../errors';
import { archiveStream, container, pathError, requestError, type PathOptions } from './path';

export interface TransferOptions extends PathOptions {
  /** Bytes of tar moved so far (file contents plus 512-byte headers). */
  onProgress?: (bytes: number) => void;
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
      byteCounter(o.onProgress),
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
    const body = pack.pipe(byteCounter((n) => o.onProgress?.((before = base + n))));
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
