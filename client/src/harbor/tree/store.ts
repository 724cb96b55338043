// The Registries view's state: the pages of children fetched so far per node, paging ("Load more"), which artifacts
// are being scanned, and the nodes by key. It alone talks to Harbor for the tree; the provider only draws.
// No `vscode` here: it runs against the Harbor stand-in in plain Node.
import * as l10n from '@vscode/l10n';
import { EventEmitter } from 'node:events';
import { ArtifactApi } from '../artifacts-rest';
import { HarborError } from '../errors';
import { asProjectAdminError } from '../members';
import { MemberApi } from '../members-rest';
import { ProjectApi } from '../projects-rest';
import { ReplicationApi } from '../replication-rest';
import { RobotApi } from '../robots-rest';
import type { HarborInstance } from '../instances';
import type { HarborClient } from '../client';
import type { Page } from '../types';
import {
  childNodes,
  PAGE_SIZE,
  childrenOf,
  instanceNode,
  isWithin,
  parentKeyOf,
  replicationFolders,
  replicationNode,
  systemRobotsNode,
  type LoadedChildren,
  type RegistryNode,
} from './model';

export interface RegistrySource {
  /** The connected instances, in order. */
  list(): HarborInstance[];
  /** A client with the stored secret; undefined when the secret is gone. */
  client(inst: HarborInstance): Promise<HarborClient | undefined>;
}

export class RegistryStore {
  private readonly loaded = new Map<string, LoadedChildren>();
  private readonly nodes = new Map<string, RegistryNode>();
  private readonly scans = new Set<string>();
  private readonly emitter = new EventEmitter();

  constructor(
    private readonly source: RegistrySource,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Called with the node whose children changed (undefined: the whole tree). */
  onDidChange(listener: (node: RegistryNode | undefined) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** Forgets the cached children of one node and everything below it (or of all nodes) and says so. */
  forget(node?: RegistryNode): void {
    if (!node) this.loaded.clear();
    else for (const k of [...this.loaded.keys()]) if (isWithin(k, node.key)) this.loaded.delete(k);
    this.emitter.emit('change', node && node.kind !== 'message' && node.kind !== 'loadMore' ? node : undefined);
  }

  byKey(key: string): RegistryNode | undefined {
    return this.nodes.get(key);
  }

  parentOf(node: RegistryNode): RegistryNode | undefined {
    const key = parentKeyOf(node.key);
    return key === undefined ? undefined : this.nodes.get(key);
  }

  isScanning(node: RegistryNode): boolean {
    return this.scans.has(node.key);
  }

  /** Marks an artifact as being scanned (shown as "scanning…") or not. */
  setScanning(node: RegistryNode, scanning: boolean): void {
    if (scanning) this.scans.add(node.key);
    else this.scans.delete(node.key);
  }

  /** The children of a node (the instances at the root), fetching the first page on first call. */
  async children(node?: RegistryNode): Promise<RegistryNode[]> {
    if (!node) return this.remember(this.source.list().map(instanceNode));
    if (
      node.kind === 'artifact' ||
      node.kind === 'loadMore' ||
      node.kind === 'message' ||
      node.kind === 'member' ||
      node.kind === 'robot' ||
      node.kind === 'endpoint' ||
      node.kind === 'task'
    )
      return [];
    let l = this.loaded.get(node.key);
    if (!l) {
      l = await this.fetch(node, 1, []);
      this.loaded.set(node.key, l);
    }
    return this.remember(childrenOf(node, l));
  }

  /** The "Load more" item: fetches the next page of one parent. */
  async loadMore(parentKey: string): Promise<void> {
    const parent = this.nodes.get(parentKey);
    const l = this.loaded.get(parentKey);
    if (!parent || !l) return;
    this.loaded.set(parentKey, await this.fetch(parent, l.page + 1, l.items));
    this.emitter.emit('change', parent);
  }

  private remember(nodes: RegistryNode[]): RegistryNode[] {
    for (const n of nodes) this.nodes.set(n.key, n);
    return nodes;
  }

  private async fetch(node: RegistryNode, page: number, before: RegistryNode[]): Promise<LoadedChildren> {
    const inst = (node as { inst: HarborInstance }).inst;
    try {
      const client = await this.source.client(inst);
      if (!client)
        throw new HarborError('unauthorized', l10n.t('No secret is stored for {0} at {1}.', inst.username, inst.url));
      const result = await fetchPage(client, node, page);
      return { items: [...before, ...result.items], page, hasNext: result.hasNext };
    } catch (e) {
      this.log(`${inst.url}: ${(e as Error).message}`);
      return { items: before, page: page - 1, hasNext: false, error: e as Error };
    }
  }
}

async function fetchPage(
  client: HarborClient,
  node: RegistryNode,
  page: number,
): Promise<Pick<Page<RegistryNode>, 'items' | 'hasNext'>> {
  switch (node.kind) {
    case 'instance': {
      // A wrong or expired secret is served as anonymous (public projects only): check it first, so it shows as an error.
      // A system admin also sees the system robot accounts and replication, above the projects.
      const identity = page === 1 ? await client.verifyCredentials() : undefined;
      const p = await new ProjectApi(client).listProjects(page, PAGE_SIZE);
      const system =
        identity?.kind === 'user' && identity.user.sysadmin_flag ? [systemRobotsNode(node), replicationNode(node)] : [];
      return { ...p, items: [...system, ...childNodes(node, p.items)] };
    }
    case 'project': {
      const p = await new ProjectApi(client).listRepositories(node.project.name, page, PAGE_SIZE);
      return { ...p, items: childNodes(node, p.items) };
    }
    case 'repository': {
      const p = await new ArtifactApi(client).listArtifacts(node.project.name, node.repo.name, page, PAGE_SIZE);
      return { ...p, items: childNodes(node, p.items) };
    }
    case 'members': {
      const p = await new MemberApi(client).listMembers(node.project.name, page, PAGE_SIZE);
      return { ...p, items: childNodes(node, p.items) };
    }
    case 'robots': {
      try {
        const p = await new RobotApi(client).listRobots(node.project, page, PAGE_SIZE);
        return { ...p, items: childNodes(node, p.items) };
      } catch (e) {
        throw node.project ? asProjectAdminError(e, node.project.name) : e;
      }
    }
    case 'replication':
      return { items: replicationFolders(node), hasNext: false };
    case 'endpoints': {
      const p = await new ReplicationApi(client).listEndpoints(page, PAGE_SIZE);
      return { ...p, items: childNodes(node, p.items) };
    }
    case 'rules': {
      const p = await new ReplicationApi(client).listRules(page, PAGE_SIZE);
      return { ...p, items: childNodes(node, p.items) };
    }
    case 'rule': {
      const p = await new ReplicationApi(client).listExecutions(node.rule.id, page, PAGE_SIZE);
      return { ...p, items: childNodes(node, p.items) };
    }
    case 'execution': {
      const p = await new ReplicationApi(client).listTasks(node.execution.id, page, PAGE_SIZE);
      return { ...p, items: childNodes(node, p.items) };
    }
    default:
      return { items: [], hasNext: false };
  }
}
