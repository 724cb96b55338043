// Volumes and Networks view models (flat lists).
import * as l10n from '@vscode/l10n';
import type { ContainerSummary, NetworkSummary, VolumeSummary } from '../../engine/engine';
import { containerName } from './containers';
import {
  type ExplorerNode,
  type SortKey,
  type ViewOptions,
  isoTime,
  matchesFilter,
  sortBy,
  type UsedResourcesTree,
} from './nodes';

export const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'podman']);

export interface NetworkViewOptions extends ViewOptions {
  showBuiltIn?: boolean;
}

/** Volume name → names of the containers (any state) that mount it. */
export function volumeUsers(containers: ContainerSummary[] | undefined): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const c of containers ?? []) {
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      (users.get(m.Name) ?? users.set(m.Name, []).get(m.Name)!).push(containerName(c));
    }
  }
  return users;
}

function createdSeconds(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t / 1000;
}

/** Volumes and networks sort alike: by name, by their ISO creation time, or by `rank` (in use, built in). */
function sortNamed<T extends { Name: string }>(
  items: T[],
  key: SortKey | undefined,
  createdIso: (t: T) => string | undefined,
  rank: (t: T) => number,
): T[] {
  return sortBy(
    items,
    key,
    (t) => t.Name,
    (t) => createdSeconds(createdIso(t)),
    rank,
  );
}

export const buildVolumesTree: UsedResourcesTree<VolumeSummary> = (volumes, containers, o = {}) => {
  const users = volumeUsers(containers);
  const shown = volumes.filter((v) =>
    matchesFilter(o.filter, [v.Name, v.Driver, ...(users.get(v.Name) ?? [])], v.Labels),
  );
  const inUseFirst = (v: VolumeSummary) => (users.has(v.Name) ? 0 : 1);
  return sortNamed(shown, o.sort, (v) => v.CreatedAt, inUseFirst).map((v) => {
    const by = users.get(v.Name) ?? [];
    return {
      id: `volume/${v.Name}`,
      label: v.Name,
      description: [v.Driver, by.length ? l10n.t('in use ({0})', by.length) : l10n.t('dangling')].join(' · '),
      tooltip: [
        v.Name,
        l10n.t('Driver: {0}', v.Driver),
        l10n.t('Mountpoint: {0}', v.Mountpoint),
        v.CreatedAt ? l10n.t('Created: {0}', isoTime(createdSeconds(v.CreatedAt))) : undefined,
        by.length ? l10n.t('Used by: {0}', by.join(', ')) : l10n.t('Not used by any container'),
      ]
        .filter(Boolean)
        .join('\n'),
      icon: { id: 'database', color: by.length ? 'charts.green' : undefined },
      contextValue: by.length ? 'volume.inUse' : 'volume.dangling',
      ref: { kind: 'volume', id: v.Name, name: v.Name },
    };
  });
};

function subnets(n: NetworkSummary): string[] {
  return (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s);
}

export function buildNetworksTree(networks: NetworkSummary[], o: NetworkViewOptions = {}): ExplorerNode[] {
  const shown = networks.filter(
    (n) =>
      (o.showBuiltIn || !BUILTIN_NETWORKS.has(n.Name)) &&
      matchesFilter(o.filter, [n.Name, n.Driver, ...subnets(n)], n.Labels),
  );
  const builtInLast = (n: NetworkSummary) => (BUILTIN_NETWORKS.has(n.Name) ? 1 : 0);
  return sortNamed(shown, o.sort, (n) => n.Created, builtInLast).map((n) => {
    const builtin = BUILTIN_NETWORKS.has(n.Name);
    const nets = subnets(n);
    return {
      id: `network/${n.Id}`,
      label: n.Name,
      description: [n.Driver, n.Scope, ...nets].filter(Boolean).join(' · '),
      tooltip: [
        n.Name,
        l10n.t('Id: {0}', n.Id.slice(0, 12)),
        l10n.t('Driver: {0}', n.Driver),
        l10n.t('Scope: {0}', n.Scope),
        nets.length ? l10n.t('Subnets: {0}', nets.join(', ')) : undefined,
        n.Internal ? l10n.t('Internal') : undefined,
        n.Created ? l10n.t('Created: {0}', isoTime(createdSeconds(n.Created))) : undefined,
        builtin ? l10n.t('Built-in network') : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
      icon: { id: 'type-hierarchy', color: builtin ? undefined : 'charts.blue' },
      contextValue: builtin ? 'network.builtin' : 'network',
      ref: { kind: 'network', id: n.Id, name: n.Name },
    };
  });
}
