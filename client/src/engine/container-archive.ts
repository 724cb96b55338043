// A container's filesystem as a tarball and back: export (`GET /containers/{id}/export`) into a file that Cancel
// never leaves half-written, and import a tarball as a new image (`POST /images/create?fromSrc=-`) with repository,
// tag, message and Dockerfile-like changes. No vscode import: the commands and the engine tests both call this.
import type Docker from 'dockerode';
import * as l10n from '@vscode/l10n';
import { readWithProgress, streamToFile } from './archive-file';
import { imageIdOf } from './image-id';
import { followJsonStream } from './json-stream';
import type { ArchiveOptions } from './image-archive';

/** Writes the container's whole filesystem as a tar to `target`; resolves with its size. */
export async function exportContainer(
  docker: Docker,
  id: string,
  target: string,
  opts: ArchiveOptions = {},
): Promise<number> {
  const stream = (await docker
    .getContainer(id)
    .export({ abortSignal: opts.signal } as object)) as NodeJS.ReadableStream;
  return streamToFile(stream, target, { signal: opts.signal, onBytes: (bytes) => opts.onProgress?.({ bytes }) });
}

export interface ImportOptions extends ArchiveOptions {
  repository?: string;
  tag?: string;
  message?: string;
  /** Dockerfile instructions applied to the image's config (see commit.ts parseChanges). */
  changes?: string[];
}

/** The image id in an import's answer lines: dockerd says `{"status":"sha256:…"}`, Podman the same or `{"id":…}`. */
export function importedId(lines: Array<{ status?: string; id?: string }>): string | undefined {
  for (const l of [...lines].reverse()) {
    const m = /(sha256:)?([0-9a-f]{64})/.exec(`${l.status ?? ''} ${l.id ?? ''}`);
    if (m) return `sha256:${m[2]}`;
  }
  return undefined;
}

/** Imports `file` (a filesystem tarball, e.g. from exportContainer) as an image; resolves with the new image's id. */
export async function importImage(docker: Docker, file: string, opts: ImportOptions = {}): Promise<string> {
  const body = await readWithProgress(file, opts.onProgress);
  const res = (await docker.importImage(
    body as unknown as string,
    {
      repo: opts.repository || undefined,
      tag: opts.repository ? opts.tag || 'latest' : undefined,
      message: opts.message || undefined,
      changes: opts.changes?.length ? opts.changes : undefined,
      abortSignal: opts.signal,
    } as object,
  )) as NodeJS.ReadableStream;
  const lines: Array<{ status?: string; id?: string }> = [];
  const end = await followJsonStream<{ status?: string; id?: string }>(docker, res, { onLine: (l) => lines.push(l) });
  if (end.error || end.failure !== undefined) throw new Error(end.failure ?? end.error?.message);
  const id = importedId(lines);
  if (!id) throw new Error(l10n.t('The engine imported {0} but reported no image id.', file));
  if (opts.repository) {
    // Podman's compat import leaves the image untagged whatever repo and tag say: tag it as asked.
    const tag = opts.tag || 'latest';
    const named = (await imageIdOf(docker, `${opts.repository}:${tag}`)) === id;
    if (!named) await docker.getImage(id).tag({ repo: opts.repository, tag });
  }
  return id;
}
