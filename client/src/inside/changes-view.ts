// The Changes view: what one container changed in its writable layer, as a tree of Added, Changed and Deleted
// paths (engine/container-changes.ts). A file opens as the container has it; a changed file opens as a diff
// against the image's copy; a deleted one shows the image's copy.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import type { ChangeKind, ChangeNode } from '../engine/container-changes';
import { insideUri } from './documents';
import { TargetTree } from './target-tree';

export interface ChangesTarget {
  id: string;
  name: string;
}

const ICONS: Record<ChangeKind, vscode.ThemeIcon> = {
  added: new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('gitDecoration.addedResourceForeground')),
  changed: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground')),
  deleted: new vscode.ThemeIcon('diff-removed', new vscode.ThemeColor('gitDecoration.deletedResourceForeground')),
};

const KIND_WORDS: Record<ChangeKind, () => string> = {
  added: () => vscode.l10n.t('added'),
  changed: () => vscode.l10n.t('changed'),
  deleted: () => vscode.l10n.t('deleted'),
};

function kindWord(kind: ChangeKind): string {
  return KIND_WORDS[kind]();
}

export class ChangesTreeProvider extends TargetTree<ChangesTarget, ChangeNode> {
  /** The last tree read from the engine (the extension-host tests read it). */
  roots: ChangeNode[] = [];

  protected async load(engine: Engine, target: ChangesTarget): Promise<void> {
    this.roots = await engine.containerChanges(target.id);
  }

  protected clear(): void {
    this.roots = [];
  }

  protected describe(target: ChangesTarget): string {
    return this.roots.length
      ? vscode.l10n.t('Changes of {0} against its image', target.name)
      : vscode.l10n.t('{0} has changed nothing in its writable layer.', target.name);
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
