// The pure tree model: engine data in, plain nodes out. The VS Code glue (../provider.ts) only maps these nodes to
// TreeItems, so the engine-layer tests assert exactly what the views show.
//
// Node ids are stable across refreshes (derived from engine ids/names, never from changing text), so VS Code keeps
// selection and expansion and redraws only what changed.
//
// contextValues (menus of other modules may target them; keep this list in sync):
//   containers view
//     composeProject            a Compose project group (ref.kind 'project', ref.id = project name)
//     standaloneGroup           the "Standalone" group of containers outside any project
//     container.<state>[.ports] a container; <state> = running | paused | restarting | exited | created | dead | removing;
//                               ".ports" when it publishes at least one port (e.g. container.running.ports)
//   images view
//     imageRepo                 a repository grouping its tags (ref.id = repository)
//     imageTag[.inUse]          one repo:tag (ref.id = image id, ref.name = repo:tag)
//     image.dangling[.inUse]    an untagged image (ref.id = image id)
//   volumes view
//     volume.inUse | volume.dangling
//   networks view
//     network | network.builtin (bridge, host, none and Podman's podman)
//   every view, when the engine cannot be reached
//     engineError               the one item stating the cause; children: engineAction (Retry / Choose engine… / Open settings)
import * as l10n from '@vscode/l10n';
import type { ContainerSummary } from '../../engine/engine';
export type RefKind = 'container' | 'project' | 'image' | 'repository' | 'volume' | 'network';

export interface NodeRef {
  kind: RefKind;
  /** Engine id (container/image/network id, volume name, project name, repository). */
  id: string;
  /** What a user calls it (container name, repo:tag, …). */
  name: string;
  /** Container ids of a project group. */
  members?: string[];
  /** Host ports a container publishes (for "open in browser"). */
  publishedPorts?: Array<{ ip: string; port: number; type: string }>;
}

export interface ExplorerNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id and an optional theme color id. */
  icon?: { id: string; color?: string };
  contextValue: string;
  children?: ExplorerNode[];
  /** Expanded at first display (only meaningful with children). */
  expanded?: boolean;
  /**
   * Children read from the engine when the node is expanded, not built with the tree (a container's files): the
   * provider asks its child loaders (ExplorerTreeProvider.addChildLoader). Ignored when `children` is set.
   */
  lazy?: boolean;
  command?: { command: string; title: string; arguments?: unknown[] };
  ref?: NodeRef;
}

export type SortKey = 'name' | 'created' | 'status';

export interface ViewOptions {
  sort?: SortKey;
  /** Case-insensitive text matched against name, image and labels (key or key=value). */
  filter?: string;
}

/** A view of resources that containers use (images, volumes): `containers` is undefined until they are listed. */
export type UsedResourcesTree<T, O extends ViewOptions = ViewOptions> = (
  items: T[],
  containers: ContainerSummary[] | undefined,
  o?: O,
) => ExplorerNode[];

/** Whether an object matches the filter text by any of its names, its image or a label. */
export function matchesFilter(
  filter: string | undefined,
  names: Array<string | undefined>,
  labels?: Record<string, string> | null,
): boolean {
  const f = filter?.trim().toLowerCase();
  if (!f) return true;
  if (names.some((n) => n?.toLowerCase().includes(f))) return true;
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.toLowerCase().includes(f) || `${k}=${v}`.toLowerCase().includes(f)) return true;
  }
  return false;
}

// One collator for all comparisons: localeCompare with options builds a new one per call (slow for 1,000 items).
// Built on the first sort, not at load: creating it loads ICU's collation data, which activation should not wait for.
let collator: Intl.Collator | undefined;

/** Sorts by name (natural), created (newest first) or status (rank, then name). */
export function sortBy<T>(
  items: T[],
  key: SortKey | undefined,
  name: (t: T) => string,
  created: (t: T) => number,
  statusRank?: (t: T) => number,
): T[] {
  const compare = (collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })).compare;
  const byName = (a: T, b: T): number => compare(name(a), name(b));
  const cmp =
    key === 'created'
      ? (a: T, b: T) => created(b) - created(a) || byName(a, b)
      : key === 'status' && statusRank
        ? (a: T, b: T) => statusRank(a) - statusRank(b) || byName(a, b)
        : byName;
  return [...items].sort(cmp);
}

/** A coarse age ("3 days", "2 months"): it changes rarely, so refreshes do not make the tree tick. */
export function formatAge(unixSeconds: number | undefined, now = Date.now()): string {
  if (!unixSeconds) return '';
  const s = Math.max(0, now / 1000 - unixSeconds);
  // Each unit in its singular and plural sentence, so that every language can say it its own way.
  const steps: Array<[number, (n: number) => string]> = [
    [365 * 86400, (n) => (n > 1 ? l10n.t('{0} years', n) : l10n.t('{0} year', n))],
    [30 * 86400, (n) => (n > 1 ? l10n.t('{0} months', n) : l10n.t('{0} month', n))],
    [7 * 86400, (n) => (n > 1 ? l10n.t('{0} weeks', n) : l10n.t('{0} week', n))],
    [86400, (n) => (n > 1 ? l10n.t('{0} days', n) : l10n.t('{0} day', n))],
    [3600, (n) => (n > 1 ? l10n.t('{0} hours', n) : l10n.t('{0} hour', n))],
  ];
  for (const [secs, say] of steps) {
    const n = Math.floor(s / secs);
    if (n >= 1) return say(n);
  }
  return l10n.t('less than an hour');
}

export function isoTime(unixSeconds: number | undefined): string {
  return unixSeconds
    ? new Date(unixSeconds * 1000)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
    : l10n.t('unknown');
}

/** The one item a view shows when the engine cannot be reached, with what the user can do about it. */
export function engineErrorNode(view: string, message: string): ExplorerNode {
  const action = (suffix: string, label: string, command: string, icon: string): ExplorerNode => ({
    id: `${view}/error/${suffix}`,
    label,
    contextValue: 'engineAction',
    icon: { id: icon },
    command: { command, title: label },
  });
  return {
    id: `${view}/error`,
    label: message,
    tooltip: message,
    icon: { id: 'error', color: 'errorForeground' },
    contextValue: 'engineError',
    expanded: true,
    children: [
      action('retry', l10n.t('Retry'), 'berth.engine.retry', 'refresh'),
      action('choose', l10n.t('Choose engine…'), 'berth.engine.choose', 'server-environment'),
      action('settings', l10n.t('Open settings'), 'berth.engine.openSettings', 'gear'),
    ],
  };
}
