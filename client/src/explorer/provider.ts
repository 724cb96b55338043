// VS Code glue for one view: maps the pure model's nodes to TreeItems. All content decisions live in ./model.
import * as vscode from 'vscode';
import type { ViewKind } from './views';
import type { ExplorerController } from './controller';
import type { ExplorerNode } from './model/index';

/**
 * Reads the children of a lazy node (ExplorerNode.lazy) on expansion. Answers undefined for a node it does not own,
 * so that several features (a container's files, its processes…) can each load their own nodes.
 */
export type ChildLoader = (node: ExplorerNode) => Promise<ExplorerNode[]> | undefined;

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** The last root nodes handed to VS Code (the extension-host tests read them). */
  lastRoots: ExplorerNode[] = [];
  private readonly sub: vscode.Disposable;
  /** Parent of every node of the last tree (the model builds children eagerly), for getParent and reveal. */
  private parents = new Map<string, ExplorerNode | undefined>();
  private readonly loaders: ChildLoader[] = [];

  constructor(
    readonly view: ViewKind,
    private readonly controller: () => Promise<ExplorerController>,
    subscribe: (listener: (views: ViewKind[]) => void) => vscode.Disposable,
  ) {
    this.sub = subscribe((views) => {
      if (views.includes(view)) this.emitter.fire(undefined);
    });
  }

  addChildLoader(loader: ChildLoader): vscode.Disposable {
    this.loaders.push(loader);
    return new vscode.Disposable(() => this.loaders.splice(this.loaders.indexOf(loader), 1));
  }

  /** Fires a redraw of one node's subtree (a lazy node re-reads its children). */
  refreshNode(node: ExplorerNode): void {
    this.emitter.fire(node);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node?.children) return node.children;
    if (node) return node.lazy ? this.loadChildren(node) : [];
    this.lastRoots = await (await this.controller()).roots(this.view);
    const parents = new Map<string, ExplorerNode | undefined>();
    const walk = (nodes: ExplorerNode[], parent: ExplorerNode | undefined) => {
      for (const n of nodes) {
        parents.set(n.id, parent);
        if (n.children) walk(n.children, n);
      }
    };
    walk(this.lastRoots, undefined);
    this.parents = parents;
    return this.lastRoots;
  }

  private async loadChildren(node: ExplorerNode): Promise<ExplorerNode[]> {
    for (const loader of this.loaders) {
      const pending = loader(node);
      if (!pending) continue;
      const children = await pending;
      for (const c of children) this.parents.set(c.id, node);
      return children;
    }
    return [];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.parents.get(node.id);
  }

  /** The node of the current tree whose engine object matches, if any (depth-first). */
  find(match: (n: ExplorerNode) => boolean): ExplorerNode | undefined {
    const search = (nodes: ExplorerNode[]): ExplorerNode | undefined => {
      for (const n of nodes) {
        if (match(n)) return n;
        const hit = n.children && search(n.children);
        if (hit) return hit;
      }
      return undefined;
    };
    return search(this.lastRoots);
  }

  getTreeItem(n: ExplorerNode): vscode.TreeItem {
    const state =
      n.children || n.lazy
        ? n.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.contextValue = n.contextValue;
    if (n.icon)
      item.iconPath = new vscode.ThemeIcon(n.icon.id, n.icon.color ? new vscode.ThemeColor(n.icon.color) : undefined);
    if (n.command) item.command = n.command;
    return item;
  }

  /** A container's start time is read on hover (inspect), so the label never ticks. */
  async resolveTreeItem(
    item: vscode.TreeItem,
    n: ExplorerNode,
    token: vscode.CancellationToken,
  ): Promise<vscode.TreeItem> {
    if (n.ref?.kind !== 'container') return item;
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    try {
      const engine = await (await this.controller()).engine();
      const info = (await engine.inspect('container', n.ref.id, { signal: ac.signal })) as {
        State?: { StartedAt?: string; FinishedAt?: string; Running?: boolean };
      };
      const started =
        info.State?.StartedAt && !info.State.StartedAt.startsWith('0001') ? info.State.StartedAt : undefined;
      const finished =
        !info.State?.Running && info.State?.FinishedAt && !info.State.FinishedAt.startsWith('0001')
          ? info.State.FinishedAt
          : undefined;
      item.tooltip = [
        n.tooltip,
        started ? vscode.l10n.t('Started: {0}', started) : undefined,
        finished ? vscode.l10n.t('Finished: {0}', finished) : undefined,
      ]
        .filter(Boolean)
        .join('\n');
    } catch {
      /* keep the list tooltip */
    }
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
