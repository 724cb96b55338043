// Writing into a container through the archive API (PUT /containers/{id}/archive?path=DIR, a tar to extract into
// DIR): a file created or replaced, a new folder. The API can only add: delete and rename are in shell.ts.
import type Docker from 'dockerode';
import { posix } from 'node:path';
import * as tar from 'tar-stream';
import { container, requestError, type PathOptions } from './path';

async function putArchive(
  docker: Docker,
  id: string,
  dir: string,
  pack: tar.Pack,
  o: PathOptions,
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
  o: PathOptions & { mode?: number; uid?: number; gid?: number } = {},
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

export async function makeContainerDirectory(
  docker: Docker,
  id: string,
  path: string,
  o: PathOptions = {},
): Promise<void> {
  const pack = tar.pack();
  pack.entry({ name: posix.basename(path), type: 'directory', mode: 0o755, mtime: new Date() });
  pack.finalize();
  await putArchive(docker, id, posix.dirname(path), pack, o, path);
}
