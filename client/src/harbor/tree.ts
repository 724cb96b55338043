// The Registries view: Harbor instance → projects → repositories → artifacts, paged with "Load more". A failure is
// shown as a child of the item that failed (never a pop-up per item); an unauthorized answer offers re-entering the secret.
import * as vscode from 'vscode';
import { HarborError } from './errors';
import type { HarborInstance, HarborInstances } from './instances';
import { formatSize, formatVulnerabilities, shortDigest, stripProject } from './names';
import { log } from './log';
import { scanOf, type HarborArtifact, type HarborProject, type HarborRepository, type Page } from './types';

export type RegistryNode =
  | { kind: 'instance'; key: string; inst: HarborInstance }
  | { kind: 'project'; key: string; inst: HarborInstance; project: HarborProject }
  | { kind: 'repository'; key: string; inst: HarborInstance; project: HarborProject; repo: HarborRepository }
  | {
      kind: 'artifact';
      key: string;
      inst: HarborInstance;
      project: HarborProject;
      repo: HarborRepository;
      artifact: HarborArtifact;
    }
  | { kind: 'loadMore'; key: string; parentKey: string }
  | { kind: 'message'; key: string; text: string; error: boolean; command?: vscode.Command };

type Loaded = { items: RegistryNode[]; page: number; hasNext: boolean; error?: HarborError | Error };
const PAGE_SIZE = 50;

export class RegistriesProvider implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new Map<string, Loaded>();
  private readonly nodes = new Map<string, RegistryNode>();
  /** Artifacts whose scan is running (key → true), shown as "scanning…". */
  readonly scanning = new Set<string>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly instances: HarborInstances) {
    this.sub = instances.onDidChange(() => this.refresh());
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }

  /** Forgets cached children (of one node, or all) and redraws. */
  refresh(node?: RegistryNode): void {
    if (!node) this.loaded.clear();
    else
      for (const k of [...this.loaded.keys()])
        if (k === node.key || k.startsWith(`${node.key}\u0000`)) this.loaded.delete(k);
    this.changed.fire(node && node.kind !== 'message' && node.kind !== 'loadMore' ? node : undefined);
  }

  byKey(key: string): RegistryNode | undefined {
    return this.nodes.get(key);
  }

  getParent(node: RegistryNode): RegistryNode | undefined {
    const i = node.key.lastIndexOf('\u0000');
    return i < 0 ? undefined : this.nodes.get(node.key.slice(0, i));
  }

  getTreeItem(n: RegistryNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (n.kind) {
      case 'instance': {
        const t = new vscode.TreeItem(n.inst.url.replace(/^https:\/\//, ''), C.Collapsed);
        t.description = `${n.inst.username}${n.inst.accountKind === 'robot' ? ' (robot)' : ''}`;
        t.tooltip = `${n.inst.url}\nregistry: ${n.inst.registryUrl}\naccount: ${n.inst.username}`;
        t.iconPath = new vscode.ThemeIcon('server');
        t.contextValue = 'harborInstance';
        return this.finish(t, n);
      }
      case 'project': {
        const isPublic = n.project.metadata?.public === 'true';
        const t = new vscode.TreeItem(n.project.name, C.Collapsed);
        t.description = `${isPublic ? 'public' : 'private'} · ${n.project.repo_count ?? 0} repositor${n.project.repo_count === 1 ? 'y' : 'ies'}`;
        t.iconPath = new vscode.ThemeIcon(isPublic ? 'globe' : 'lock');
        t.contextValue = 'harborProject';
        return this.finish(t, n);
      }
      case 'repository': {
        const t = new vscode.TreeItem(stripProject(n.project.name, n.repo.name), C.Collapsed);
        t.description = `${n.repo.artifact_count ?? 0} artifact${n.repo.artifact_count === 1 ? '' : 's'} · ${n.repo.pull_count ?? 0} pulls`;
        t.iconPath = new vscode.ThemeIcon('repo');
        t.contextValue = 'harborRepository';
        return this.finish(t, n);
      }
      case 'artifact': {
        const tags = (n.artifact.tags ?? []).map((x) => x.name);
        const t = new vscode.TreeItem(tags.length ? tags.join(', ') : '<untagged>', C.None);
        const scan = scanOf(n.artifact);
        const vuln = this.scanning.has(n.key)
          ? 'scanning…'
          : scan?.scan_status === 'Success'
            ? formatVulnerabilities(scan.summary?.summary)
            : scan?.scan_status
              ? `scan ${scan.scan_status.toLowerCase()}`
              : undefined;
        t.description = [
          shortDigest(n.artifact.digest),
          n.artifact.size !== undefined ? formatSize(n.artifact.size) : undefined,
          n.artifact.push_time ? new Date(n.artifact.push_time).toLocaleString() : undefined,
          vuln,
        ]
          .filter(Boolean)
          .join(' · ');
        t.tooltip = `${n.artifact.digest}${tags.length ? `\ntags: ${tags.join(', ')}` : ''}${vuln ? `\nvulnerabilities: ${vuln}` : ''}`;
        t.iconPath = new vscode.ThemeIcon(/C \d/.test(vuln ?? '') ? 'shield' : 'package');
        t.contextValue = tags.length ? 'harborArtifact.tagged' : 'harborArtifact';
        return this.finish(t, n);
      }
      case 'loadMore': {
        const t = new vscode.TreeItem('Load more…', C.None);
        t.iconPath = new vscode.ThemeIcon('ellipsis');
        t.command = { command: 'berth.harbor.loadMore', title: 'Load more', arguments: [n.parentKey] };
        t.contextValue = 'harborLoadMore';
        return this.finish(t, n);
      }
      case 'message': {
        const t = new vscode.TreeItem(n.text, C.None);
        t.iconPath = new vscode.ThemeIcon(
          n.error ? 'error' : 'info',
          n.error ? new vscode.ThemeColor('errorForeground') : undefined,
        );
        t.tooltip = n.text;
        t.command = n.command;
        t.contextValue = n.error ? 'harborError' : 'harborMessage';
        return this.finish(t, n);
      }
    }
  }

  private finish(t: vscode.TreeItem, n: RegistryNode): vscode.TreeItem {
    t.id = n.key;
    return t;
  }

  async getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    if (!node)
      return this.remember(this.instances.list().map((inst) => ({ kind: 'instance', key: `harbor:${inst.id}`, inst })));
    if (node.kind === 'artifact' || node.kind === 'loadMore' || node.kind === 'message') return [];
    let l = this.loaded.get(node.key);
    if (!l) {
      l = await this.fetch(node, 1, []);
      this.loaded.set(node.key, l);
    }
    if (l.error) return this.remember(errorChildren(node, l.error));
    const more: RegistryNode[] = l.hasNext
      ? [{ kind: 'loadMore', key: `${node.key}\u0000more`, parentKey: node.key }]
      : [];
    if (!l.items.length && !l.hasNext)
      return this.remember([{ kind: 'message', key: `${node.key}\u0000empty`, text: emptyText(node), error: false }]);
    return this.remember([...l.items, ...more]);
  }

  /** The "Load more" item: fetches the next page of one parent. */
  async loadMore(parentKey: string): Promise<void> {
    const parent = this.nodes.get(parentKey);
    const l = this.loaded.get(parentKey);
    if (!parent || !l) return;
    this.loaded.set(parentKey, await this.fetch(parent, l.page + 1, l.items));
    this.changed.fire(parent);
  }

  private remember(nodes: RegistryNode[]): RegistryNode[] {
    for (const n of nodes) this.nodes.set(n.key, n);
    return nodes;
  }

  private async fetch(node: RegistryNode, page: number, before: RegistryNode[]): Promise<Loaded> {
    const inst = (node as { inst: HarborInstance }).inst;
    try {
      const client = await this.instances.client(inst);
      if (!client) throw new HarborError('unauthorized', `No secret is stored for ${inst.username} at ${inst.url}.`);
      let result: Page<RegistryNode>;
      if (node.kind === 'instance') {
        // A wrong or expired secret is served as anonymous (public projects only): check it first, so it shows as an error.
        if (page === 1) await client.verifyCredentials();
        const p = await client.listProjects(page, PAGE_SIZE);
        result = {
          ...p,
          items: p.items.map((project) => ({
            kind: 'project',
            key: `${node.key}\u0000${project.name}`,
            inst,
            project,
          })),
        };
      } else if (node.kind === 'project') {
        const p = await client.listRepositories(node.project.name, page, PAGE_SIZE);
        result = {
          ...p,
          items: p.items.map((repo) => ({
            kind: 'repository',
            key: `${node.key}\u0000${repo.name}`,
            inst,
            project: node.project,
            repo,
          })),
        };
      } else if (node.kind === 'repository') {
        const p = await client.listArtifacts(node.project.name, node.repo.name, page, PAGE_SIZE);
        result = {
          ...p,
          items: p.items.map((artifact) => ({
            kind: 'artifact',
            key: `${node.key}\u0000${artifact.digest}`,
            inst,
            project: node.project,
            repo: node.repo,
            artifact,
          })),
        };
      } else {
        return { items: [], page, hasNext: false };
      }
      return { items: [...before, ...result.items], page, hasNext: result.hasNext };
    } catch (e) {
      log(`${inst.url}: ${(e as Error).message}`);
      return { items: before, page: page - 1, hasNext: false, error: e as Error };
    }
  }
}

function emptyText(node: RegistryNode): string {
  if (node.kind === 'instance') return 'No projects visible to this account';
  if (node.kind === 'project') return 'No repositories yet: push an image here';
  return 'No artifacts';
}

function errorChildren(node: RegistryNode, e: Error): RegistryNode[] {
  const out: RegistryNode[] = [{ kind: 'message', key: `${node.key}\u0000error`, text: e.message, error: true }];
  const inst = (node as { inst?: HarborInstance }).inst;
  if (e instanceof HarborError && e.kind === 'unauthorized' && inst) {
    out.push({
      kind: 'message',
      key: `${node.key}\u0000reenter`,
      text: 'Re-enter the password or secret…',
      error: false,
      command: { command: 'berth.harbor.reenterSecret', title: 'Re-enter secret', arguments: [inst.id] },
    });
  } else {
    out.push({
      kind: 'message',
      key: `${node.key}\u0000retry`,
      text: 'Retry',
      error: false,
      command: { command: 'berth.harbor.refresh', title: 'Retry', arguments: [node.key] },
    });
  }
  return out;
}
