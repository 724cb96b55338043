// A folder's listing for the Files tree: its tar where that is cheap or the only way, the container's `find` where
// the tar would be the whole filesystem.
import type Docker from 'dockerode';
import type { PathOptions } from './path';
import { listContainerDirectory, type DirectoryListing } from './read';
import { listWithFind } from './shell';

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
  o: PathOptions & { running: boolean; maxBytes?: number },
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
