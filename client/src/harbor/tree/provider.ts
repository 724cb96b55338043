// The Registries view's VS Code face: draws what tree/model.ts describes from what tree/store.ts holds, and redraws
// when the store says so. Nothing is fetched or cached here.
import * as vscode from 'vscode';
import type { HarborInstances } from '../instances';
import { log } from '../log';
import { lookOf, type RegistryNode } from './model';
import { RegistryStore } from './store';

export class RegistriesProvider implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  readonly store: RegistryStore;
  private readonly changed = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposers: Array<() => void> = [];

  constructor(instances: HarborInstances) {
    this.store = new RegistryStore(instances, log);
    this.disposers.push(this.store.onDidChange((node) => this.changed.fire(node)));
    const sub = instances.onDidChange(() => this.store.forget());
    this.disposers.push(() => sub.dispose());
  }

  dispose(): void {
    for (const d of this.disposers) d();
    this.changed.dispose();
  }

  /** Forgets cached children (of one node, or all) and redraws. */
  refresh(node?: RegistryNode): void {
    this.store.forget(node);
  }

  getTreeItem(n: RegistryNode): vscode.TreeItem {
    const look = lookOf(n, this.store.isScanning(n));
    const t = new vscode.TreeItem(
      look.label,
      look.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    t.id = n.key;
    t.description = look.description;
    t.tooltip = look.tooltip;
    t.iconPath = new vscode.ThemeIcon(look.icon, look.iconColor ? new vscode.ThemeColor(look.iconColor) : undefined);
    t.contextValue = look.contextValue;
    t.command = look.command;
    return t;
  }

  getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    return this.store.children(node);
  }

  getParent(node: RegistryNode): RegistryNode | undefined {
    return this.store.parentOf(node);
  }
}
