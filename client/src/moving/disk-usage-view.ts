// The Disk Usage view: one row per kind (images, containers, local volumes, build cache) with its count, size and
// what a prune could give back, from /system/df. Read when the view is shown or refreshed, never polled: df makes
// the engine walk every layer and volume.
import * as vscode from 'vscode';
import { summariseDiskUsage, type DiskUsageKind, type DiskUsageRow } from '../engine/disk-usage';
import type { ExplorerController } from '../explorer/controller';
import { formatSize } from '../format-size';

export interface DiskUsageItem {
  row: DiskUsageRow;
}

const KIND_LABELS: Record<DiskUsageKind, () => string> = {
  images: () => vscode.l10n.t('Images'),
  containers: () => vscode.l10n.t('Containers'),
  volumes: () => vscode.l10n.t('Local volumes'),
  buildCache: () => vscode.l10n.t('Build cache'),
};

function kindLabel(kind: DiskUsageKind): string {
  return KIND_LABELS[kind]();
}

/** "1.2 GB · 800 MB reclaimable (66%)" */
export function describeRow(r: DiskUsageRow): string {
  const pct = r.size ? Math.round((r.reclaimable * 100) / r.size) : 0;
  return vscode.l10n.t('{0} · {1} reclaimable ({2}%)', formatSize(r.size), formatSize(r.reclaimable), pct);
}

export class DiskUsageProvider implements vscode.TreeDataProvider<DiskUsageItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The rows last read; undefined before the first read or after a failure. */
  rows: DiskUsageRow[] | undefined;
  /** Why the view is empty, shown as the view's message. */
  message: string | undefined;

  /** The view showing this provider, whose message says why it is empty. */
  view: vscode.TreeView<DiskUsageItem> | undefined;

  constructor(private readonly controller: () => Promise<ExplorerController>) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: DiskUsageItem): vscode.TreeItem {
    const r = item.row;
    const t = new vscode.TreeItem(`${kindLabel(r.kind)} (${r.count})`, vscode.TreeItemCollapsibleState.None);
    t.description = describeRow(r);
    t.tooltip = vscode.l10n.t(
      '{0}: {1} in all, {2} in use. Size {3}, of which {4} could be reclaimed by a prune.',
      kindLabel(r.kind),
      r.count,
      r.active,
      formatSize(r.size),
      formatSize(r.reclaimable),
    );
    t.contextValue = `diskUsage.${r.kind}`;
    t.iconPath = new vscode.ThemeIcon(
      { images: 'file-binary', containers: 'package', volumes: 'database', buildCache: 'tools' }[r.kind],
    );
    return t;
  }

  async getChildren(parent?: DiskUsageItem): Promise<DiskUsageItem[]> {
    if (parent) return [];
    try {
      const engine = await (await this.controller()).engine();
      this.rows = summariseDiskUsage(await engine.diskUsage());
      this.message = undefined;
      return this.rows.map((row) => ({ row }));
    } catch (e) {
      this.rows = undefined;
      this.message = vscode.l10n.t('Disk use could not be read: {0}', (e as Error).message);
      return [];
    } finally {
      if (this.view) this.view.message = this.message;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
