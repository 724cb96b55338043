// The Registries view as data: Harbor instance → projects → repositories → artifacts, with "Load more" paging and
// failures shown as children of the item that failed (never a pop-up per item). Pure: no `vscode`, no requests;
// tree/store.ts fetches and caches pages, tree/provider.ts draws what this module describes.
import * as l10n from '@vscode/l10n';
import { HarborError } from '../errors';
import type { HarborInstance } from '../instances';
import { formatSize } from '../../format-size';
import { formatVulnerabilities, shortDigest, stripProject } from '../names';
import { memberLabel } from '../members';
import {
  executionDescription,
  filterText,
  ruleDescription,
  type ReplicationEndpoint,
  type ReplicationExecution,
  type ReplicationRule,
  type ReplicationTask,
} from '../replication';
import { robotDescription } from '../robots';
import {
  scanOf,
  type HarborArtifact,
  type HarborMember,
  type HarborProject,
  type HarborRepository,
  type HarborRobot,
} from '../types';

/** A command attached to a tree item (the shape of vscode.Command). */
export interface NodeCommand {
  command: string;
  title: string;
  arguments?: unknown[];
}

/** What every node of an instance's subtree has: its key and its instance. */
interface InInstance {
  key: string;
  inst: HarborInstance;
}

export type RegistryNode =
  | (InInstance & { kind: 'instance' })
  | (InInstance & { kind: 'project'; project: HarborProject })
  | (InInstance & { kind: 'repository'; project: HarborProject; repo: HarborRepository })
  | (InInstance & { kind: 'artifact'; project: HarborProject; repo: HarborRepository; artifact: HarborArtifact })
  | (InInstance & { kind: 'members'; project: HarborProject })
  | (InInstance & { kind: 'member'; project: HarborProject; member: HarborMember })
  /** A project's robot accounts, or (no project) the system ones, shown to system admins only. */
  | (InInstance & { kind: 'robots'; project?: HarborProject })
  | (InInstance & { kind: 'robot'; project?: HarborProject; robot: HarborRobot })
  /** Replication, shown to system admins: its Endpoints and Rules folders, rules' executions and their tasks. */
  | (InInstance & { kind: 'replication' })
  | (InInstance & { kind: 'endpoints' })
  | (InInstance & { kind: 'endpoint'; endpoint: ReplicationEndpoint })
  | (InInstance & { kind: 'rules' })
  | (InInstance & { kind: 'rule'; rule: ReplicationRule })
  | (InInstance & { kind: 'execution'; rule: ReplicationRule; execution: ReplicationExecution })
  | (InInstance & { kind: 'task'; rule: ReplicationRule; execution: ReplicationExecution; task: ReplicationTask })
  | { kind: 'loadMore'; key: string; parentKey: string }
  | { kind: 'message'; key: string; text: string; error: boolean; command?: NodeCommand };

/** The children of one node as loaded so far: pages 1..`page`, whether Harbor has more, and the last failure. */
export interface LoadedChildren {
  items: RegistryNode[];
  page: number;
  hasNext: boolean;
  error?: HarborError | Error;
}

export const PAGE_SIZE = 50;

// A node's key is its parent's key, this separator and its own name: parents and subtrees follow from keys alone.
const SEP = '\u0000';

export function instanceNode(inst: HarborInstance): RegistryNode {
  return { kind: 'instance', key: `harbor:${inst.id}`, inst };
}

export function parentKeyOf(key: string): string | undefined {
  const i = key.lastIndexOf(SEP);
  return i < 0 ? undefined : key.slice(0, i);
}

/** Whether `key` is `ancestor` or lies below it. */
export function isWithin(key: string, ancestor: string): boolean {
  return key === ancestor || key.startsWith(`${ancestor}${SEP}`);
}

/**
 * What a child of `parent` starts from: everything the parent knows (its instance, project, repository, rule…)
 * and a key one level below the parent's, from the child's own `id`.
 */
function below<P extends RegistryNode>(parent: P, id: string | number): Omit<P, 'kind'> {
  const { kind: _kind, ...known } = parent;
  return { ...known, key: `${parent.key}${SEP}${id}` };
}

type Parent<K extends RegistryNode['kind']> = Extract<RegistryNode, { kind: K }>;

/** The folders every project shows above its repositories. */
export function projectFolders(parent: RegistryNode & { kind: 'project' }): RegistryNode[] {
  const { inst, project } = parent;
  return [
    { kind: 'members', key: `${parent.key}${SEP}#members`, inst, project },
    { kind: 'robots', key: `${parent.key}${SEP}#robots`, inst, project },
  ];
}

export function systemRobotsNode(parent: RegistryNode & { kind: 'instance' }): RegistryNode {
  return { kind: 'robots', key: `${parent.key}${SEP}#robots`, inst: parent.inst };
}

export function replicationNode(parent: RegistryNode & { kind: 'instance' }): RegistryNode {
  return { kind: 'replication', key: `${parent.key}${SEP}#replication`, inst: parent.inst };
}

export function replicationFolders(parent: RegistryNode & { kind: 'replication' }): RegistryNode[] {
  return [
    { kind: 'endpoints', key: `${parent.key}${SEP}#endpoints`, inst: parent.inst },
    { kind: 'rules', key: `${parent.key}${SEP}#rules`, inst: parent.inst },
  ];
}

/** What Harbor lists under each kind of parent that pages its children. */
interface Listing {
  instance: HarborProject;
  project: HarborRepository;
  repository: HarborArtifact;
  members: HarborMember;
  robots: HarborRobot;
  endpoints: ReplicationEndpoint;
  rules: ReplicationRule;
  rule: ReplicationExecution;
  execution: ReplicationTask;
}

/** For each such parent: its children's kind, the field that holds a child's item, and the item's id in its key. */
const CHILD: {
  [K in keyof Listing]: [kind: RegistryNode['kind'], field: string, id: (item: Listing[K]) => string | number];
} = {
  instance: ['project', 'project', (p) => p.name],
  project: ['repository', 'repo', (r) => r.name],
  repository: ['artifact', 'artifact', (a) => a.digest],
  members: ['member', 'member', (m) => m.id],
  robots: ['robot', 'robot', (r) => r.id],
  endpoints: ['endpoint', 'endpoint', (e) => e.id],
  rules: ['rule', 'rule', (r) => r.id],
  rule: ['execution', 'execution', (e) => e.id],
  execution: ['task', 'task', (t) => t.id],
};

/** The nodes for a page of items Harbor listed under `parent`. */
export function childNodes<K extends keyof Listing>(parent: Parent<K>, items: Listing[K][]): RegistryNode[] {
  const [kind, field, id] = CHILD[(parent as RegistryNode).kind as K];
  return items.map((item) => ({ ...below(parent, id(item)), kind, [field]: item }) as RegistryNode);
}

/** What a parent shows for its loaded children: the failure and a way out, the items and "Load more", or a note.
 *  A project shows its Members and Robot accounts folders first, whatever its repositories do. */
export function childrenOf(node: RegistryNode, loaded: LoadedChildren): RegistryNode[] {
  const folders = node.kind === 'project' ? projectFolders(node) : [];
  if (loaded.error) return [...folders, ...errorChildren(node, loaded.error)];
  if (!loaded.items.length && !loaded.hasNext)
    return [...folders, { kind: 'message', key: `${node.key}${SEP}empty`, text: emptyText(node), error: false }];
  const more: RegistryNode[] = loaded.hasNext
    ? [{ kind: 'loadMore', key: `${node.key}${SEP}more`, parentKey: node.key }]
    : [];
  return [...folders, ...loaded.items, ...more];
}

function emptyText(node: RegistryNode): string {
  if (node.kind === 'instance') return l10n.t('No projects visible to this account');
  if (node.kind === 'project') return l10n.t('No repositories yet: push an image here');
  if (node.kind === 'members') return l10n.t('No members');
  if (node.kind === 'robots') return l10n.t('No robot accounts');
  if (node.kind === 'endpoints') return l10n.t('No endpoints: add another Harbor or a Docker registry');
  if (node.kind === 'rules') return l10n.t('No replication rules');
  if (node.kind === 'rule') return l10n.t('Not run yet');
  if (node.kind === 'execution') return l10n.t("No tasks: nothing matched the rule's filters");
  return l10n.t('No artifacts');
}

/** A row under `node` that runs `command` when clicked. */
function actionRow(node: RegistryNode, name: string, text: string, command: NodeCommand): RegistryNode {
  return { kind: 'message', key: `${node.key}${SEP}${name}`, text, error: false, command };
}

function errorChildren(node: RegistryNode, e: Error): RegistryNode[] {
  const failure: RegistryNode = { kind: 'message', key: `${node.key}${SEP}error`, text: e.message, error: true };
  const inst = (node as { inst?: HarborInstance }).inst;
  const wayOut =
    e instanceof HarborError && e.kind === 'unauthorized' && inst
      ? actionRow(node, 'reenter', l10n.t('Re-enter the password or secret…'), {
          command: 'berth.harbor.reenterSecret',
          title: l10n.t('Re-enter secret'),
          arguments: [inst.id],
        })
      : actionRow(node, 'retry', l10n.t('Retry'), {
          command: 'berth.harbor.refresh',
          title: l10n.t('Retry'),
          arguments: [node.key],
        });
  return [failure, wayOut];
}

/** How a node is drawn, independent of VS Code's TreeItem class. */
export interface ItemLook {
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id. */
  icon: string;
  /** The icon's theme colour, if any. */
  iconColor?: string;
  expandable: boolean;
  contextValue: string;
  command?: NodeCommand;
}

export function lookOf(n: RegistryNode, scanning: boolean): ItemLook {
  switch (n.kind) {
    case 'instance':
      return {
        label: n.inst.url.replace(/^https:\/\//, ''),
        description: n.inst.accountKind === 'robot' ? l10n.t('{0} (robot)', n.inst.username) : n.inst.username,
        tooltip: [
          n.inst.url,
          l10n.t('registry: {0}', n.inst.registryUrl),
          l10n.t('account: {0}', n.inst.username),
        ].join('\n'),
        icon: 'server',
        expandable: true,
        contextValue: 'harborInstance',
      };
    case 'project': {
      const isPublic = n.project.metadata?.public === 'true';
      const count = n.project.repo_count ?? 0;
      return {
        label: n.project.name,
        description: `${isPublic ? l10n.t('public') : l10n.t('private')} · ${
          count === 1 ? l10n.t('{0} repository', count) : l10n.t('{0} repositories', count)
        }`,
        icon: isPublic ? 'globe' : 'lock',
        expandable: true,
        contextValue: 'harborProject',
      };
    }
    case 'repository':
      return {
        label: stripProject(n.project.name, n.repo.name),
        description: `${
          n.repo.artifact_count === 1 ? l10n.t('{0} artifact', 1) : l10n.t('{0} artifacts', n.repo.artifact_count ?? 0)
        } · ${l10n.t('{0} pulls', n.repo.pull_count ?? 0)}`,
        icon: 'repo',
        expandable: true,
        contextValue: 'harborRepository',
      };
    case 'artifact':
      return artifactLook(n, scanning);
    case 'members':
      return { label: l10n.t('Members'), icon: 'organization', expandable: true, contextValue: 'harborMembers' };
    case 'member': {
      const { label, description } = memberLabel(n.member);
      return {
        label,
        description,
        icon: n.member.entity_type === 'g' ? 'organization' : 'person',
        expandable: false,
        contextValue: 'harborMember',
      };
    }
    case 'robots':
      return {
        label: n.project ? l10n.t('Robot accounts') : l10n.t('System robot accounts'),
        icon: 'hubot',
        expandable: true,
        contextValue: n.project ? 'harborRobots' : 'harborRobots.system',
      };
    case 'robot':
      return {
        label: n.robot.name,
        description: robotDescription(n.robot),
        tooltip: [n.robot.name, n.robot.description, robotDescription(n.robot)].filter(Boolean).join('\n'),
        icon: n.robot.disable ? 'circle-slash' : 'hubot',
        expandable: false,
        contextValue: n.robot.disable ? 'harborRobot.disabled' : 'harborRobot.enabled',
      };
    case 'replication':
      return {
        label: l10n.t('Replication'),
        icon: 'sync',
        expandable: true,
        contextValue: 'harborReplication',
      };
    case 'endpoints':
      return { label: l10n.t('Endpoints'), icon: 'plug', expandable: true, contextValue: 'harborEndpoints' };
    case 'rules':
      return { label: l10n.t('Rules'), icon: 'list-tree', expandable: true, contextValue: 'harborRules' };
    case 'endpoint': {
      const e = n.endpoint;
      const status = e.status && e.status !== 'unknown' ? e.status : undefined;
      return {
        label: e.name,
        description: [e.type, e.url, status].filter(Boolean).join(' · '),
        tooltip: [
          e.name,
          e.url,
          e.credential?.access_key ? l10n.t('as {0}', e.credential.access_key) : undefined,
          e.description,
        ]
          .filter(Boolean)
          .join('\n'),
        icon: status === 'unhealthy' ? 'debug-disconnect' : 'plug',
        iconColor: status === 'unhealthy' ? 'errorForeground' : undefined,
        expandable: false,
        contextValue: 'harborEndpoint',
      };
    }
    case 'rule': {
      const r = n.rule;
      return {
        label: r.name,
        description: ruleDescription(r),
        tooltip: [
          r.name,
          r.description,
          ruleDescription(r),
          l10n.t('filters: {0}', filterText(r)),
          l10n.t('destination namespace: {0}', r.dest_namespace || l10n.t('same as the source')),
          r.override ? l10n.t('overrides existing artifacts') : l10n.t('keeps existing artifacts'),
        ]
          .filter(Boolean)
          .join('\n'),
        icon: r.enabled === false ? 'circle-slash' : 'sync',
        expandable: true,
        contextValue: r.enabled === false ? 'harborRule.disabled' : 'harborRule.enabled',
      };
    }
    case 'execution': {
      const x = n.execution;
      const running = x.status === 'InProgress';
      return {
        label: `#${x.id} ${x.start_time ? new Date(x.start_time).toLocaleString() : ''}`.trim(),
        description: executionDescription(x),
        tooltip: [executionDescription(x), x.status_text, x.trigger && l10n.t('trigger: {0}', x.trigger)]
          .filter(Boolean)
          .join('\n'),
        icon: running ? 'sync~spin' : statusIcon(x.status),
        iconColor: x.status === 'Failed' ? 'errorForeground' : undefined,
        expandable: true,
        contextValue: running ? 'harborExecution.running' : 'harborExecution',
      };
    }
    case 'task': {
      const t = n.task;
      return {
        label: t.src_resource ?? `#${t.id}`,
        description: [t.status, t.dst_resource && `→ ${t.dst_resource}`].filter(Boolean).join(' '),
        icon: t.status === 'InProgress' ? 'sync~spin' : statusIcon(t.status),
        iconColor: t.status === 'Failed' ? 'errorForeground' : undefined,
        expandable: false,
        contextValue: 'harborTask',
        command: { command: 'berth.harbor.showReplicationTaskLog', title: l10n.t('Show Log'), arguments: [n] },
      };
    }
    case 'loadMore':
      return {
        label: l10n.t('Load more…'),
        icon: 'ellipsis',
        expandable: false,
        contextValue: 'harborLoadMore',
        command: { command: 'berth.harbor.loadMore', title: l10n.t('Load more'), arguments: [n.parentKey] },
      };
    case 'message':
      return {
        label: n.text,
        tooltip: n.text,
        icon: n.error ? 'error' : 'info',
        iconColor: n.error ? 'errorForeground' : undefined,
        expandable: false,
        contextValue: n.error ? 'harborError' : 'harborMessage',
        command: n.command,
      };
  }
}

function statusIcon(status: string): string {
  if (status === 'Succeed') return 'pass';
  if (status === 'Failed' || status === 'Error') return 'error';
  if (status === 'Stopped') return 'debug-stop';
  return 'clock';
}

function artifactLook(n: RegistryNode & { kind: 'artifact' }, scanning: boolean): ItemLook {
  const tags = (n.artifact.tags ?? []).map((x) => x.name);
  const scan = scanOf(n.artifact);
  const vuln = scanning
    ? l10n.t('scanning…')
    : scan?.scan_status === 'Success'
      ? formatVulnerabilities(scan.summary?.summary)
      : scan?.scan_status
        ? l10n.t('scan {0}', scan.scan_status.toLowerCase())
        : undefined;
  return {
    label: tags.length ? tags.join(', ') : l10n.t('<untagged>'),
    description: [
      shortDigest(n.artifact.digest),
      n.artifact.size !== undefined ? formatSize(n.artifact.size) : undefined,
      n.artifact.push_time ? new Date(n.artifact.push_time).toLocaleString() : undefined,
      vuln,
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip: [
      n.artifact.digest,
      tags.length ? l10n.t('tags: {0}', tags.join(', ')) : undefined,
      vuln ? l10n.t('vulnerabilities: {0}', vuln) : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
    icon: /C \d/.test(vuln ?? '') ? 'shield' : 'package',
    expandable: false,
    contextValue: tags.length ? 'harborArtifact.tagged' : 'harborArtifact',
  };
}
