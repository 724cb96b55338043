// VS Code glue for one view: maps the pure model's nodes to TreeItems. All content decisions live in ./model.
import * as vscode from 'vscode';
import type { ViewKind } from './views';
import type { ExplorerController } from './controller';
import type { ExplorerNode } from './model/index';

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** The last root nodes handed to VS Code (the extension-host tests read them). */
  lastRoots: ExplorerNode[] = [];
  private readonly sub: vscode.Disposable;
  /** Parent of every node of the last tree (the model builds children eagerly), for getParent and reveal. */
  private parents = new Map<string, ExplorerNode | undefined>();

  constructor(
    readonly view: ViewKind,
    private readonly controller: () => Promise<ExplorerController>,
    subscribe: (listener: (views: ViewKind[]) => void) => vscode.Disposable,
  ) {
    this.sub = subscribe((views) => {
      if (views.includes(view)) this.emitter.fire(undefined);
    });
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) return node.children ?? [];
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
    const state = n.children
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
        started ? `Started: ${started}` : undefined,
        finished ? `Finished: ${finished}` : undefined,
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
