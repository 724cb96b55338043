// Containers view model: grouped by Compose project (label com.docker.compose.project), the rest under
// "Standalone". State lives in the icon and stable words ("exited (137)"), never in "Up 5 seconds" texts.
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { ContainerSummary } from '../../engine/engine';
import { filesRootNode } from '../../files/model';
import { type ExplorerNode, type ViewOptions, isoTime, matchesFilter, sortBy } from './nodes';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';
export const SERVICE_LABEL = 'com.docker.compose.service';

export interface ContainerViewOptions extends ViewOptions {
  /** When set, only containers of Compose projects whose working dir is inside one of these folders. */
  workspaceFolders?: string[];
}

export function containerName(c: ContainerSummary): string {
  return (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
}

export type Health = 'healthy' | 'unhealthy' | 'starting' | undefined;
export function healthOf(c: ContainerSummary): Health {
  const m = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status ?? '');
  return m ? (m[1] === 'health: starting' ? 'starting' : (m[1] as Health)) : undefined;
}

export function exitCodeOf(c: ContainerSummary): number | undefined {
  const m = /^Exited \((-?\d+)\)/.exec(c.Status ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Published host ports, IPv4/IPv6 duplicates folded. */
export function publishedPorts(
  c: ContainerSummary,
): Array<{ ip: string; port: number; privatePort: number; type: string }> {
  const seen = new Set<string>();
  const out: Array<{ ip: string; port: number; privatePort: number; type: string }> = [];
  for (const p of c.Ports ?? []) {
    if (!p.PublicPort) continue;
    const key = `${p.PublicPort}/${p.PrivatePort}/${p.Type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ip: p.IP ?? '0.0.0.0', port: p.PublicPort, privatePort: p.PrivatePort, type: p.Type });
  }
  return out.sort((a, b) => a.port - b.port);
}

const STATE_RANK: Record<string, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  exited: 4,
  dead: 5,
  removing: 6,
};

function stateIcon(c: ContainerSummary): { id: string; color?: string } {
  const health = healthOf(c);
  switch (c.State) {
    case 'running':
      if (health === 'unhealthy') return { id: 'warning', color: 'charts.red' };
      if (health === 'starting') return { id: 'pulse', color: 'charts.yellow' };
      return { id: 'vm-running', color: 'charts.green' };
    case 'paused':
      return { id: 'debug-pause', color: 'charts.yellow' };
    case 'restarting':
      return { id: 'debug-restart', color: 'charts.orange' };
    case 'exited':
      return exitCodeOf(c) ? { id: 'error', color: 'charts.red' } : { id: 'vm-outline' };
    case 'created':
      return { id: 'circle-outline' };
    case 'dead':
      return { id: 'close', color: 'charts.red' };
    default:
      return { id: 'vm-outline' };
  }
}

/** The stable words for a state: "running", "unhealthy", "exited (137)". */
export function stateText(c: ContainerSummary): string {
  const health = healthOf(c);
  if (c.State === 'running' && health && health !== 'healthy')
    return health === 'starting' ? 'health: starting' : 'unhealthy';
  if (c.State === 'exited') return `exited (${exitCodeOf(c) ?? '?'})`;
  return c.State ?? 'unknown';
}

function containerNode(c: ContainerSummary): ExplorerNode {
  const name = containerName(c);
  const ports = publishedPorts(c);
  const portText = ports.map((p) => `${p.port}→${p.privatePort}/${p.type}`).join(', ');
  const state = stateText(c);
  const showState = c.State !== 'running' || state !== 'running';
  const labels = c.Labels ?? {};
  const tooltip = [
    name,
    l10n.t('Id: {0}', c.Id.slice(0, 12)),
    l10n.t('Image: {0}', c.Image),
    l10n.t('State: {0}', state),
    l10n.t('Created: {0}', isoTime(c.Created)),
    ports.length
      ? l10n.t('Ports: {0}', ports.map((p) => `${p.ip}:${p.port}→${p.privatePort}/${p.type}`).join(', '))
      : undefined,
    c.Command ? l10n.t('Command: {0}', c.Command) : undefined,
    labels[PROJECT_LABEL] ? `Compose: ${labels[PROJECT_LABEL]} / ${labels[SERVICE_LABEL] ?? '?'}` : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    id: `container/${c.Id}`,
    label: name,
    description: [c.Image, showState ? state : undefined, portText || undefined].filter(Boolean).join(' · '),
    tooltip,
    icon: stateIcon(c),
    contextValue: `container.${c.State ?? 'unknown'}${ports.length ? '.ports' : ''}`,
    ref: { kind: 'container', id: c.Id, name, publishedPorts: ports.map(({ ip, port, type }) => ({ ip, port, type })) },
    children: [filesRootNode(c.Id, name, c.State === 'running')],
  };
}

function insideAny(dir: string | undefined, folders: string[]): boolean {
  if (!dir) return false;
  return folders.some((f) => {
    const rel = path.relative(f, dir);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/** Root nodes of the Containers view: one group per Compose project (sorted by name), then "Standalone". */
export function buildContainersTree(containers: ContainerSummary[], o: ContainerViewOptions = {}): ExplorerNode[] {
  const visible = containers.filter((c) => {
    if (o.workspaceFolders && !insideAny(c.Labels?.[WORKING_DIR_LABEL], o.workspaceFolders)) return false;
    return matchesFilter(o.filter, [containerName(c), c.Image, c.Labels?.[PROJECT_LABEL]], c.Labels);
  });
  const sorted = sortBy(
    visible,
    o.sort,
    containerName,
    (c) => c.Created,
    (c) => STATE_RANK[c.State] ?? 9,
  );
  const projects = new Map<string, ContainerSummary[]>();
  const standalone: ContainerSummary[] = [];
  for (const c of sorted) {
    const p = c.Labels?.[PROJECT_LABEL];
    if (p) (projects.get(p) ?? projects.set(p, []).get(p)!).push(c);
    else standalone.push(c);
  }
  const groups: ExplorerNode[] = [...projects.keys()].sort().map((project) => {
    const members = projects.get(project)!;
    const running = members.filter((c) => c.State === 'running').length;
    return {
      id: `containers/project/${project}`,
      label: project,
      description: l10n.t('{0}/{1} running', running, members.length),
      tooltip: `${l10n.t('Compose project {0}', project)}\n${members[0]?.Labels?.[WORKING_DIR_LABEL] ?? ''}`.trim(),
      icon: { id: 'layers', color: running === members.length ? 'charts.green' : undefined },
      contextValue: 'composeProject',
      expanded: true,
      children: members.map(containerNode),
      ref: { kind: 'project', id: project, name: project, members: members.map((c) => c.Id) },
    };
  });
  if (standalone.length) {
    groups.push({
      id: 'containers/standalone',
      label: l10n.t('Standalone'),
      description: l10n.t('{0}/{1} running', standalone.filter((c) => c.State === 'running').length, standalone.length),
      icon: { id: 'package' },
      contextValue: 'standaloneGroup',
      expanded: true,
      children: standalone.map(containerNode),
    });
  }
  return groups;
}
