// What the Engine API cannot do with a container's files, done by the container's own programs through exec:
// delete (`rm`, `rmdir`), rename (`mv`), and list a folder too large to read as a tar (`find`). These need a
// running container that has the program; the errors say so when it has not.
import * as l10n from '@vscode/l10n';
import type Docker from 'dockerode';
import { posix } from 'node:path';
import { EngineError, toEngineError } from '../errors';
import { startExec } from '../exec';
import { containerGone, statContainerPath, type ContainerDirEntry, type PathOptions } from './path';

/** A command run as root in the container (the archive API writes as root too), with its output collected. */
async function runInContainer(
  docker: Docker,
  id: string,
  cmd: string[],
  o: PathOptions,
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
function execError(e: unknown, program: string, o: PathOptions): EngineError {
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
  if (err.statusCode === 404 && /no such container/.test(text)) return containerGone(err.endpoint, e);
  return err;
}

/** A failed `rm`/`mv`/`find`: its own words, turned into advice where they are known. */
function commandError(stderr: string, path: string, program: string, o: PathOptions): EngineError {
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
export async function listWithFind(
  docker: Docker,
  id: string,
  dir: string,
  o: PathOptions,
): Promise<ContainerDirEntry[]> {
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
  o: PathOptions & { directory: boolean; recursive: boolean },
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
  o: PathOptions = {},
): Promise<void> {
  const r = await runInContainer(docker, id, ['mv', '-f', '--', from, to], o);
  if (r.code !== 0) throw commandError(r.stderr, from, 'mv', o);
}
