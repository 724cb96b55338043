// Registers the Containers, Images, Volumes and Networks views, their commands, the inspect documents and the
// engine status bar item. Cheap by design: the engine code (dockerode) loads and connects only when a view becomes
// visible or a command runs. The Registries view belongs to the Harbor module.
import * as vscode from 'vscode';
import { ALL_VIEWS, type ViewKind } from './views';
import type { BerthLanguageClient } from '../language/client';
import { registerExplorerCommands } from './commands';
import type { ExplorerController } from './controller';
import { INSPECT_SCHEME, InspectDocuments } from './inspect';
import type { ExplorerNode } from './model/nodes';
import { ExplorerTreeProvider } from './provider';
import { type ContainerFilesApi, registerContainerFiles } from '../files/register';

/** What the extension-host tests (and api.ts) see of the explorer. */
export interface ExplorerApi {
  /** Creates (first call) and returns the explorer runtime; connects to nothing by itself. */
  controller(): Promise<ExplorerController>;
  /** Whether the runtime exists yet (false right after activation). */
  readonly started: boolean;
  readonly providers: Readonly<Record<ViewKind, ExplorerTreeProvider>>;
  readonly treeViews: Readonly<Record<ViewKind, vscode.TreeView<ExplorerNode>>>;
  /** Files inside containers: the file system and the Containers view's drop target. */
  readonly files: ContainerFilesApi;
}

export function registerExplorer(context: vscode.ExtensionContext, language?: BerthLanguageClient): ExplorerApi {
  let runtime: Promise<ExplorerController> | undefined;
  let started = false;
  const listeners = new Set<(views: ViewKind[]) => void>();
  const controller = (): Promise<ExplorerController> => {
    runtime ??= (async () => {
      const [{ ExplorerController: Ctl }, { EngineStatusBar }] = await Promise.all([
        import('./controller'),
        import('./statusBar'),
      ]);
      const c = new Ctl(context, language);
      const status = new EngineStatusBar(c.manager);
      context.subscriptions.push(
        c,
        status,
        c.onDidChange((views) => {
          for (const l of listeners) l(views);
        }),
      );
      started = true;
      for (const v of ALL_VIEWS) if (treeViews[v].visible) c.setVisible(v, true);
      return c;
    })();
    return runtime;
  };
  const subscribe = (l: (views: ViewKind[]) => void): vscode.Disposable => {
    listeners.add(l);
    return new vscode.Disposable(() => listeners.delete(l));
  };

  const files = registerContainerFiles(context, controller);
  const providers = {} as Record<ViewKind, ExplorerTreeProvider>;
  const treeViews = {} as Record<ViewKind, vscode.TreeView<ExplorerNode>>;
  for (const view of ALL_VIEWS) {
    const provider = new ExplorerTreeProvider(view, controller, subscribe);
    const tree = vscode.window.createTreeView(`berth.${view}`, {
      treeDataProvider: provider,
      canSelectMany: true,
      showCollapseAll: view === 'containers' || view === 'images',
      // Host files dropped on a container's Files folder are uploaded into it.
      dragAndDropController: view === 'containers' ? files.dragAndDrop : undefined,
    });
    providers[view] = provider;
    treeViews[view] = tree;
    context.subscriptions.push(
      provider,
      tree,
      tree.onDidChangeVisibility((e) => {
        // Only a visible view starts the runtime; hiding one never does.
        if (e.visible) void controller().then((c) => c.setVisible(view, true));
        else if (runtime) void runtime.then((c) => c.setVisible(view, false));
      }),
    );
  }
  files.attach(providers.containers);
  // The view's description shows its active sort/filter so a filtered view never looks like missing data.
  subscribe(
    (views) =>
      void controller().then((c) => {
        for (const v of views) {
          const o = c.persisted(v);
          const parts = [
            o.filter ? vscode.l10n.t('filter: {0}', o.filter) : undefined,
            o.sort && o.sort !== 'name' ? vscode.l10n.t('sort: {0}', o.sort) : undefined,
            v === 'containers' && o.onlyWorkspaceProjects ? vscode.l10n.t('this workspace') : undefined,
            v === 'images' && o.showDangling ? vscode.l10n.t('+dangling') : undefined,
            v === 'networks' && o.showBuiltIn ? vscode.l10n.t('+built-in') : undefined,
          ].filter(Boolean);
          treeViews[v].description = parts.length ? parts.join(' · ') : undefined;
        }
      }),
  );

  const inspect = new InspectDocuments(controller);
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspect));
  registerExplorerCommands(context, controller, inspect);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('berth.engine.host') && runtime) void runtime.then((c) => c.useEngine(undefined));
    }),
  );
  // Internal: other commands show what they just made (a built image, a started container); returns whether it
  // was found. Gives up quietly after a few seconds.
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'berth.explorer.reveal',
      async (view: ViewKind, want: { kind: string; id?: string; name?: string }) => {
        // By name first: the other tags of an image share its id.
        const byName = (n: ExplorerNode) => n.ref?.kind === want.kind && !!want.name && n.ref.name === want.name;
        const byId = (n: ExplorerNode) =>
          n.ref?.kind === want.kind && !!want.id && (n.ref.id === want.id || n.ref.id.startsWith(want.id));
        const revealNow = async (): Promise<boolean> => {
          await providers[view].getChildren();
          const node = providers[view].find(byName) ?? providers[view].find(byId);
          if (node) await treeViews[view].reveal(node, { select: true, focus: false, expand: true });
          return !!node;
        };
        await vscode.commands.executeCommand(`berth.${view}.focus`);
        // The object exists in the engine by now: read the lists once rather than wait for its event.
        await (await controller()).refresh();
        for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 150))) {
          if (!(await revealNow())) continue;
          // Focusing the view starts the event stream, whose first resync (and the events of what was just made)
          // redraws the view a moment later and drops the selection: reveal again after each redraw for a while
          // (on a loaded machine those redraws come seconds later), unless the user has selected something else.
          const redraws = subscribe((views) => {
            if (views.includes(view)) setTimeout(() => void revealNow().catch(() => undefined), 50);
          });
          const userChoice = treeViews[view].onDidChangeSelection((e) => {
            if (e.selection.length > 0 && !e.selection.some((n) => byName(n) || byId(n))) stop();
          });
          const timer = setTimeout(() => stop(), 10_000);
          const stop = () => {
            clearTimeout(timer);
            redraws.dispose();
            userChoice.dispose();
          };
          return true;
        }
        return false;
      },
    ),
  );
  return {
    controller,
    get started() {
      return started;
    },
    providers,
    treeViews,
    files,
  };
}
