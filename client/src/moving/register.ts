// Disk use and cleanup, and moving images and containers: the Disk Usage view, the prunes, save/load, export/import,
// commit, rename and pull. Registration only: nothing talks to the engine until a command runs or the view shows.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import type { PruneKind } from '../engine/prune';
import type { ExplorerController } from '../explorer/controller';
import type { ExplorerNode } from '../explorer/model/nodes';
import { selectedRefs } from '../explorer/selection';
import { exportContainerCommand, importImageCommand, loadImagesCommand, saveImagesCommand } from './archive-commands';
import { commitContainerCommand, pullImageCommand, renameContainerCommand } from './container-commands';
import { DiskUsageProvider, type DiskUsageItem } from './disk-usage-view';
import { pruneCommand, systemPruneCommand, type PruneRecord } from './prune-commands';

/** What the extension-host tests see. */
export interface MovingApi {
  readonly diskUsage: DiskUsageProvider;
  /** What the last prune showed and did. */
  lastPrune(): PruneRecord | undefined;
}

const ROW_TO_PRUNE: Record<string, PruneKind> = {
  images: 'danglingImages',
  containers: 'containers',
  volumes: 'volumes',
  buildCache: 'buildCache',
};

export function registerMoving(
  context: vscode.ExtensionContext,
  controller: () => Promise<ExplorerController>,
): MovingApi {
  const diskUsage = new DiskUsageProvider(controller);
  const view = vscode.window.createTreeView('berth.diskUsage', { treeDataProvider: diskUsage });
  diskUsage.view = view;
  let lastPrune: PruneRecord | undefined;
  context.subscriptions.push(
    diskUsage,
    view,
    view.onDidChangeVisibility((e) => e.visible && diskUsage.refresh()),
  );
  const engine = async (): Promise<Engine> => (await controller()).engine();
  const reg = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          return await fn(...args);
        } finally {
          // Sizes change with every one of these; the explorer follows engine events by itself.
          if (view.visible) diskUsage.refresh();
        }
      }),
    );
  const container = async (node?: ExplorerNode) => {
    const [ref] = await selectedRefs(await controller(), 'containers', ['container'], node);
    return ref && { id: ref.id, name: ref.name };
  };

  reg('berth.diskUsage.refresh', () => diskUsage.refresh());
  const prune = (kind: PruneKind) => async () => {
    const r = await pruneCommand(await engine(), kind);
    if (r) lastPrune = r;
    return r;
  };
  reg('berth.prune.containers', prune('containers'));
  reg('berth.prune.images', prune('danglingImages'));
  reg('berth.prune.volumes', prune('volumes'));
  reg('berth.prune.networks', prune('networks'));
  reg('berth.prune.buildCache', prune('buildCache'));
  reg('berth.prune.row', async (item?: DiskUsageItem) => {
    const kind = item ? ROW_TO_PRUNE[item.row.kind] : undefined;
    return kind ? prune(kind)() : undefined;
  });
  reg('berth.prune.system', async () => {
    const r = await systemPruneCommand(await engine());
    if (r) lastPrune = r;
    return r;
  });

  reg('berth.images.save', async (node?: ExplorerNode | string, nodes?: ExplorerNode[] | vscode.Uri) => {
    // From a test or another command: (image name, target file). From the view: (clicked node, selection).
    if (typeof node === 'string') return saveImagesCommand(await engine(), [node], nodes);
    const refs = await selectedRefs(
      await controller(),
      'images',
      ['image'],
      node,
      Array.isArray(nodes) ? nodes : undefined,
    );
    // A tag saves under its name (so the archive carries it); an untagged image by id.
    return saveImagesCommand(
      await engine(),
      refs.map((r) => (r.name.includes(':') ? r.name : r.id)),
      undefined,
    );
  });
  reg('berth.images.load', async (file?: vscode.Uri | string) => loadImagesCommand(await engine(), file));
  reg('berth.images.import', async (file?: vscode.Uri | string) => importImageCommand(await engine(), file));
  reg('berth.images.pull', async (reference?: string) =>
    pullImageCommand(await engine(), typeof reference === 'string' ? reference : undefined),
  );
  reg('berth.containers.export', async (node?: ExplorerNode, target?: vscode.Uri | string) => {
    const c = await container(node);
    return (
      c &&
      exportContainerCommand(
        await engine(),
        c,
        target instanceof vscode.Uri || typeof target === 'string' ? target : undefined,
      )
    );
  });
  reg('berth.containers.commit', async (node?: ExplorerNode) => {
    const c = await container(node);
    return c && commitContainerCommand(await engine(), c);
  });
  reg('berth.containers.rename', async (node?: ExplorerNode, name?: string) => {
    const c = await container(node);
    return c && renameContainerCommand(await engine(), c, typeof name === 'string' ? name : undefined);
  });

  return { diskUsage, lastPrune: () => lastPrune };
}
