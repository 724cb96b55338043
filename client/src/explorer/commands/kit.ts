// What the explorer's command files share: registration that passes the clicked node and the selection, the
// references a command acts on (the clicked node, the selection, or a pick).
import * as vscode from 'vscode';
import type { ExplorerController } from '../controller';
import type { InspectDocuments } from '../inspect';
import { confirm } from '../../commands/prompts';
import type { Engine } from '../../engine/engine';
import type { ExplorerNode, NodeRef, RefKind } from '../model/nodes';
import { describeRefs, runForEach, selectedRefs } from '../selection';
import type { ViewKind } from '../views';

export type Handler = (node?: ExplorerNode, nodes?: ExplorerNode[]) => Promise<unknown>;

export interface ExplorerCommandKit {
  reg(id: string, fn: Handler): void;
  controller(): Promise<ExplorerController>;
  /** The controller and the references of `kinds` in `view` a command acts on. */
  refsOf(
    view: ViewKind,
    kinds: RefKind[],
    node?: ExplorerNode,
    nodes?: ExplorerNode[],
  ): Promise<[ExplorerController, NodeRef[]]>;
  inspect: InspectDocuments;
}

export function commandKit(
  context: vscode.ExtensionContext,
  controller: () => Promise<ExplorerController>,
  inspect: InspectDocuments,
): ExplorerCommandKit {
  return {
    reg: (id, fn) => {
      context.subscriptions.push(
        vscode.commands.registerCommand(id, (node?: ExplorerNode, nodes?: ExplorerNode[]) =>
          fn(node, Array.isArray(nodes) ? nodes : undefined),
        ),
      );
    },
    controller,
    refsOf: async (view, kinds, node, nodes) => {
      const c = await controller();
      return [c, await selectedRefs(c, view, kinds, node, nodes)];
    },
    inspect,
  };
}

/** `berth.<view>.inspect`: opens the JSON of each selected item. */
export function registerInspect(kit: ExplorerCommandKit, view: ViewKind, kind: RefKind): void {
  kit.reg(`berth.${view}.inspect`, async (node, nodes) => {
    const [, refs] = await kit.refsOf(view, [kind], node, nodes);
    for (const r of refs) await kit.inspect.open(kind, r.id, r.name);
  });
}

/** `berth.<view>.remove`: confirms (`warning` follows the question), then removes each selected item. */
export function registerRemove(
  kit: ExplorerCommandKit,
  view: ViewKind,
  kind: RefKind,
  remove: (e: Engine, r: NodeRef, signal: AbortSignal) => Promise<unknown>,
  warning?: { inQuestion?: string; detail?: string },
): void {
  kit.reg(`berth.${view}.remove`, async (node, nodes) => {
    const [c, refs] = await kit.refsOf(view, [kind], node, nodes);
    if (!refs.length) return;
    const what = describeRefs(refs, kind);
    const question = vscode.l10n.t('Remove {0}?', what) + (warning?.inQuestion ? ` ${warning.inQuestion}` : '');
    if (!(await confirm(question, vscode.l10n.t('Remove'), warning?.detail))) return;
    await runForEach(c, vscode.l10n.t('Removing {0}', what), refs, remove);
  });
}
