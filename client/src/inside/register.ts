// Inside containers and images: the Changes and Layers views, the read-only `berth-inside` documents (a changed
// file, its image copy, the process list), Send Signal, and the live stats panel. Registration only: nothing talks
// to the engine until a command runs.
import * as vscode from 'vscode';
import { input, pick } from '../commands/prompts';
import type { ExplorerController } from '../explorer/controller';
import type { ExplorerNode } from '../explorer/model/nodes';
import { containerName, PROJECT_LABEL } from '../explorer/model/containers';
import type { ChangeNode } from '../engine/container-changes';
import { COMMON_SIGNALS, normaliseSignal } from '../engine/processes';
import { openStatsStreams } from '../engine/stats';
import { ChangesTreeProvider, openChange, type ChangesTarget } from './changes-view';
import { INSIDE_SCHEME, InsideDocuments, insideUri, parseInsideUri } from './documents';
import { goToInstruction, LayersTreeProvider, type LayerNode } from './layers-view';
import { StatsPanel, statsPanels, type StatsScope } from './stats-panel';

/** What the extension-host tests see. */
export interface InsideApi {
  readonly changes: ChangesTreeProvider;
  readonly layers: LayersTreeProvider;
  readonly documents: InsideDocuments;
  statsPanels(): ReadonlySet<StatsPanel>;
  /** Stats streams open in this extension host, counted by the engine layer. */
  openStatsStreams(): number;
}

export function registerInside(
  context: vscode.ExtensionContext,
  controller: () => Promise<ExplorerController>,
): InsideApi {
  const documents = new InsideDocuments(controller);
  const changes = new ChangesTreeProvider(controller);
  const layers = new LayersTreeProvider(controller, context.workspaceState);
  const changesView = vscode.window.createTreeView('berth.changes', { treeDataProvider: changes });
  const layersView = vscode.window.createTreeView('berth.layers', { treeDataProvider: layers });
  const reg = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  context.subscriptions.push(
    documents,
    changes,
    layers,
    changesView,
    layersView,
    vscode.workspace.registerTextDocumentContentProvider(INSIDE_SCHEME, documents),
    changes.onDidChangeTreeData(() => (changesView.message = changes.message)),
    layers.onDidChangeTreeData(() => (layersView.message = layers.message)),
  );

  /** The container a command acts on: the clicked one, else one the user picks (running ones only if `running`). */
  const oneContainer = async (node: ExplorerNode | undefined, running: boolean): Promise<ChangesTarget | undefined> => {
    if (node?.ref?.kind === 'container') return { id: node.ref.id, name: node.ref.name };
    const c = await controller();
    const all = await (await c.engine()).listContainers({ runningOnly: running });
    const chosen = await pick(
      all.map((x) => ({ label: containerName(x), description: x.Image, id: x.Id })),
      { placeHolder: vscode.l10n.t('Choose a container') },
    );
    return chosen ? { id: chosen.id, name: chosen.label } : undefined;
  };

  // ---- changes ----
  reg('berth.containers.showChanges', async (node?: ExplorerNode) => {
    const target = await oneContainer(node, false);
    if (!target) return;
    await vscode.commands.executeCommand('setContext', 'berth.changes.shown', true);
    await changes.show(target);
    await vscode.commands.executeCommand('berth.changes.focus');
  });
  reg('berth.changes.refresh', () => changes.refresh());
  reg('berth.changes.open', (n?: ChangeNode) => changes.target && n && openChange(changes.target, n, false));
  reg('berth.changes.openDiff', (n?: ChangeNode) => changes.target && n && openChange(changes.target, n, true));

  // ---- processes and signals ----
  reg('berth.containers.processes', async (node?: ExplorerNode) => {
    const target = await oneContainer(node, true);
    if (!target) return;
    const last = context.workspaceState.get<string>('berth.inside.psArgs', '');
    const psArgs = await input({
      prompt: vscode.l10n.t('ps options for the process list (empty: the engine default, -ef)'),
      value: last,
      placeHolder: '-eo pid,user,pcpu,rss,args',
    });
    if (psArgs === undefined) return;
    await context.workspaceState.update('berth.inside.psArgs', psArgs.trim());
    const uri = insideUri('processes', target.id, '', psArgs.trim(), target.name);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
  });
  reg('berth.processes.refresh', (uri?: vscode.Uri) => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (target && parseInsideUri(target)?.side === 'processes') documents.refresh(target);
  });
  reg('berth.containers.sendSignal', async (node?: ExplorerNode) => {
    const target = await oneContainer(node, true);
    if (!target) return;
    const other = vscode.l10n.t('Other…');
    const chosen = await pick(
      [...COMMON_SIGNALS.map((s) => ({ label: s })), { label: other, description: vscode.l10n.t('a name or number') }],
      { placeHolder: vscode.l10n.t('Signal to send to {0}', target.name) },
    );
    if (!chosen) return;
    let signal: string | undefined = chosen.label;
    if (chosen.label === other) {
      const typed = await input({
        prompt: vscode.l10n.t('Signal name or number (e.g. SIGWINCH or 28)'),
        validateInput: (v) => (normaliseSignal(v) ? undefined : vscode.l10n.t('Not a signal name or number')),
      });
      signal = typed === undefined ? undefined : normaliseSignal(typed);
    }
    if (!signal) return;
    try {
      await (await (await controller()).engine()).killContainer(target.id, { signalName: signal });
      void vscode.window.showInformationMessage(vscode.l10n.t('Sent {0} to {1}.', signal, target.name));
    } catch (e) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Sending {0} to {1} failed: {2}', signal, target.name, (e as Error).message),
      );
    }
  });

  // ---- live stats ----
  const running = async (labels?: string[]) =>
    (await (await (await controller()).engine()).listContainers({ runningOnly: true, labels })).map((x) => ({
      id: x.Id,
      name: containerName(x),
    }));
  const allScope = (): StatsScope => ({
    title: vscode.l10n.t('all running containers'),
    key: 'all',
    containers: () => running(),
  });
  reg('berth.containers.stats', async (node?: ExplorerNode) => {
    let scope: StatsScope | undefined;
    if (node?.ref?.kind === 'project') {
      const project = node.ref.id;
      scope = {
        title: vscode.l10n.t('Compose project {0}', project),
        key: `project:${project}`,
        containers: () => running([`${PROJECT_LABEL}=${project}`]),
      };
    } else if (node?.ref?.kind === 'container') {
      const { id, name } = node.ref;
      scope = { title: name, key: `container:${id}`, containers: async () => [{ id, name }] };
    } else {
      const everything = vscode.l10n.t('All running containers');
      const choices = [{ label: everything, id: '' }, ...(await running()).map((c) => ({ label: c.name, id: c.id }))];
      const chosen = await pick(choices, { placeHolder: vscode.l10n.t('Show live stats of') });
      if (!chosen) return undefined;
      const { id, label } = chosen;
      scope = chosen.id
        ? { title: label, key: `container:${id}`, containers: async () => [{ id, name: label }] }
        : allScope();
    }
    return StatsPanel.show(context.extensionUri, controller, scope);
  });
  reg('berth.containers.statsAll', () => StatsPanel.show(context.extensionUri, controller, allScope()));
  context.subscriptions.push({ dispose: () => [...statsPanels()].forEach((p) => p.dispose()) });

  // ---- layers ----
  reg('berth.images.showLayers', async (node?: ExplorerNode) => {
    let target = node?.ref?.kind === 'image' ? { id: node.ref.id, name: node.ref.name } : undefined;
    if (!target) {
      const images = await (await (await controller()).engine()).listImages();
      const chosen = await pick(
        images.flatMap((i) =>
          (i.RepoTags ?? []).filter((t) => !t.startsWith('<none>')).map((t) => ({ label: t, id: i.Id })),
        ),
        { placeHolder: vscode.l10n.t('Choose an image') },
      );
      if (!chosen) return;
      target = { id: chosen.id, name: chosen.label };
    }
    await vscode.commands.executeCommand('setContext', 'berth.layers.shown', true);
    await layers.show(target);
    await vscode.commands.executeCommand('berth.layers.focus');
  });
  reg('berth.layers.refresh', () => layers.refresh());
  reg('berth.layers.sortBySize', () => layers.setBiggestFirst(true));
  reg('berth.layers.sortByHistory', () => layers.setBiggestFirst(false));
  reg('berth.layers.goToInstruction', (n?: LayerNode) => n && goToInstruction(n));

  return { changes, layers, documents, statsPanels, openStatsStreams };
}
