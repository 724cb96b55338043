// What a container changed in its writable layer (GET /containers/{id}/changes), as a tree of folders and files,
// each marked Added, Changed or Deleted, the way the engine reports them (overlay2's upper directory, seen from
// the container). Works on stopped containers too. The image's copy of a changed file comes from readImageFile.
import type Docker from 'dockerode';
import { readContainerFile } from './container-files/read';
import { EngineError, toEngineError } from './errors';

export type ChangeKind = 'changed' | 'added' | 'deleted';

export interface ChangeNode {
  name: string;
  path: string;
  kind: ChangeKind;
  children: ChangeNode[];
}

// The engine's Kind values: 0 modified, 1 added, 2 deleted.
const KINDS: Record<number, ChangeKind> = { 0: 'changed', 1: 'added', 2: 'deleted' };

/** Builds the tree from the engine's flat list (every changed folder on the way is listed by the engine too). */
export function changeTree(changes: ReadonlyArray<{ Path: string; Kind: number }>): ChangeNode[] {
  const root: ChangeNode = { name: '', path: '', kind: 'changed', children: [] };
  const byPath = new Map<string, ChangeNode>([['', root]]);
  const sorted = [...changes].sort((a, b) => a.Path.localeCompare(b.Path));
  for (const c of sorted) {
    const path = c.Path.replace(/\/+$/, '');
    const cut = path.lastIndexOf('/');
    const parentPath = path.slice(0, Math.max(cut, 0));
    let parent = byPath.get(parentPath);
    if (!parent) {
      // A folder the engine did not list (Podman omits some): it is on the way, so it counts as changed.
      parent = {
        name: parentPath.slice(parentPath.lastIndexOf('/') + 1),
        path: parentPath,
        kind: 'changed',
        children: [],
      };
      byPath.set(parentPath, parent);
      root.children.push(parent);
    }
    const node: ChangeNode = { name: path.slice(cut + 1), path, kind: KINDS[c.Kind] ?? 'changed', children: [] };
    byPath.set(path, node);
    parent.children.push(node);
  }
  return root.children;
}

export async function containerChanges(
  docker: Docker,
  id: string,
  o: { signal?: AbortSignal; endpoint?: string } = {},
): Promise<ChangeNode[]> {
  try {
    const list = (await docker.getContainer(id).changes({ abortSignal: o.signal } as object)) as Array<{
      Path: string;
      Kind: number;
    }> | null;
    return changeTree(list ?? []);
  } catch (e) {
    throw toEngineError(e, o.endpoint ?? 'engine');
  }
}

/**
 * The bytes of `path` as the container's image has them, for a diff against the container's copy; undefined when
 * the image has no such file (the container added it). The image side is read through a temporary container
 * created from the image, never started, and removed afterwards: the archive API reads a created container's
 * filesystem, so this needs no shell and works whether the container itself runs or not.
 */
export async function readImageFile(
  docker: Docker,
  containerId: string,
  path: string,
  o: { signal?: AbortSignal; endpoint?: string; maxBytes?: number } = {},
): Promise<Buffer | undefined> {
  let image: string;
  try {
    image = (await docker.getContainer(containerId).inspect({ abortSignal: o.signal } as object)).Image;
  } catch (e) {
    throw toEngineError(e, o.endpoint ?? 'engine');
  }
  let temporary: Docker.Container;
  try {
    // An image without CMD or ENTRYPOINT cannot be created from as it is: a command is named that never runs.
    temporary = await docker.createContainer({
      Image: image,
      Entrypoint: ['/berth-never-started'],
      Cmd: [],
      NetworkDisabled: true,
      Labels: { 'berth.temporary': 'image-side-of-a-diff' },
      abortSignal: o.signal,
    } as Docker.ContainerCreateOptions);
  } catch (e) {
    throw toEngineError(e, o.endpoint ?? 'engine');
  }
  try {
    return await readContainerFile(docker, temporary.id, path, o);
  } catch (e) {
    if (e instanceof EngineError && e.statusCode === 404) return undefined;
    throw e;
  } finally {
    await temporary.remove({ force: true }).catch(() => undefined);
  }
}
