// What a container changed in its writable layer (GET /containers/{id}/changes), as a tree of folders and files,
// each marked Added, Changed or Deleted, the way the engine reports them (overlay2's upper directory, seen from
// the container). Works on stopped containers too.
import type Docker from 'dockerode';
import { toEngineError } from './errors';

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
