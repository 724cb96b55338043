// The explorer's four views and the engine lists each one shows: the one table from "what changed in the engine"
// (engine/events.ts) to "which views to redraw". Images and volumes need the container list for their in-use markers.
import type { BurstChanges, ResourceKind } from '../engine/events';

export type ViewKind = 'containers' | 'images' | 'volumes' | 'networks';
export const ALL_VIEWS: readonly ViewKind[] = ['containers', 'images', 'volumes', 'networks'];

/** The lists each view shows. */
export const LISTS_OF_VIEW: Readonly<Record<ViewKind, readonly ResourceKind[]>> = {
  containers: ['containers'],
  images: ['images', 'containers'],
  volumes: ['volumes', 'containers'],
  networks: ['networks'],
};

/** The views a burst of changes affects: a view whose list is re-read, the Containers view when a container
 *  changed, and every view that marks container use when a container was created or removed. */
export function viewsChangedBy(changes: BurstChanges): ViewKind[] {
  return ALL_VIEWS.filter((view) => {
    const lists = LISTS_OF_VIEW[view];
    if (lists.some((l) => changes.lists.includes(l))) return true;
    if (!changes.containerIds || !lists.includes('containers')) return false;
    return view === 'containers' || !!changes.containerSetChanged;
  });
}
