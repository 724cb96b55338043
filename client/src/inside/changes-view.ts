// The Changes view: what one container changed in its writable layer, as a tree of Added, Changed and Deleted
// paths (engine/container-changes.ts). A file opens as the container has it; a changed file opens as a diff
// against the image's copy; a deleted one shows the image's copy.
import * as vscode from 'vscode';
import type { ExplorerController } from '../explorer/controller';
import type { ChangeKind, ChangeNode } from '../engine/container-changes';
import { insideUri } from './documents';

export interface ChangesTarget {
  id: string;
  name: string;
}

const ICONS: Record<ChangeKind, vscode.ThemeIcon> = {
  added: new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('gitDecoration.addedResourceForeground')),
  changed: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground')),
  deleted: new vscode.ThemeIcon('diff-removed', new vscode.ThemeColor('gitDecoration.deletedResourceForeground')),
};

function kindWord(kind: ChangeKind): string {
  switch (kind) {
    case 'added':
      return vscode.l10n.t('added');
    case 'changed':
      return vscode.l10n.t('changed');
    case 'deleted':
      return vscode.l10n.t('deleted');
  }
}

export class ChangesTreeProvider implements vscode.TreeDataProvider<ChangeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ChangeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  target: ChangesTarget | undefined;
  /** The last tree read from the engine (the extension-host tests read it). */
  roots: ChangeNode[] = [];
  private error: string | undefined;

  constructor(private readonly controller: () => Promise<ExplorerController>) {}

  /** Shows `target`'s changes, read now. */
  async show(target: ChangesTarget): Promise<void> {
    this.target = target;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.target) return;
    try {
      const engine = await (await this.controller()).engine();
      this.roots = await engine.containerChanges(this.target.id);
      this.error = undefined;
    } catch (e) {
      this.roots = [];
      this.error = (e as Error).message;
    }
    this.emitter.fire(undefined);
  }

  /** The view's message: whose changes these are, or why there are none. */
  get message(): string | undefined {
    if (!this.target) return undefined;
    if (this.error) return this.error;
    return this.roots.length
      ? vscode.l10n.t('Changes of {0} against its image', this.target.name)
      : vscode.l10n.t('{0} has changed nothing in its writable layer.', this.target.name);
  }

  getChildren(node?: ChangeNode): ChangeNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(n: ChangeNode): vscode.TreeItem {
    const folder = n.children.length > 0;
    const item = new vscode.TreeItem(
      n.name || '/',
      folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `change:${this.target?.id ?? ''}:${n.path}`;
    item.description = kindWord(n.kind);
    item.tooltip = `${n.path} (${kindWord(n.kind)})`;
    item.iconPath = folder ? vscode.ThemeIcon.Folder : ICONS[n.kind];
    item.contextValue = `change.${n.kind}${folder ? '.folder' : ''}`;
    if (!folder) {
      item.command = { command: 'berth.changes.open', title: vscode.l10n.t('Open'), arguments: [n] };
    }
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** Opens a change: the diff of a changed file, the container's copy of an added one, the image's of a deleted one. */
export async function openChange(target: ChangesTarget, n: ChangeNode, asDiff: boolean): Promise<void> {
  const container = insideUri('container', target.id, n.path, '', target.name);
  const image = insideUri('image', target.id, n.path, '', target.name);
  if (n.kind === 'deleted') {
    await vscode.window.showTextDocument(image, { preview: true });
    return;
  }
  if (asDiff || n.kind === 'changed') {
    const title = vscode.l10n.t('{0} (image ↔ {1})', n.path, target.name);
    await vscode.commands.executeCommand('vscode.diff', image, container, title, { preview: true });
    return;
  }
  await vscode.window.showTextDocument(container, { preview: true });
}
