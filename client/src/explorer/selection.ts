// Turning a command invocation into the objects it acts on, and running an action over them with progress,
// cancellation and one summary message (never one pop-up per item).
import * as vscode from 'vscode';
import { withCancellableProgress } from '../commands/progress';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import type { ViewKind } from './views';
import { pickMany } from '../commands/prompts';
import type { ExplorerController } from './controller';
import type { ExplorerNode, NodeRef, RefKind } from './model/nodes';

function leaves(nodes: ExplorerNode[]): ExplorerNode[] {
  return nodes.flatMap((n) => [n, ...leaves(n.children ?? [])]);
}

/**
 * The refs a command acts on: the multi-selection if the clicked node is part of it, else the clicked node; from the
 * command palette (no node), the user picks among the view's objects. Project groups expand to their containers
 * when `kinds` asks for containers.
 */
export async function selectedRefs(
  c: ExplorerController,
  view: ViewKind,
  kinds: RefKind[],
  node?: ExplorerNode,
  nodes?: ExplorerNode[],
): Promise<NodeRef[]> {
  let chosen: ExplorerNode[];
  if (node) {
    chosen = nodes && nodes.some((n) => n.id === node.id) ? nodes : [node];
  } else {
    const candidates = leaves(await c.roots(view)).filter((n) => n.ref && kinds.includes(n.ref.kind));
    const picked = await pickMany(
      candidates.map((n) => ({ label: n.ref!.name, description: n.description, node: n })),
      { placeHolder: vscode.l10n.t('Choose {0}', pluralNoun(kinds[0])) },
    );
    chosen = (picked ?? []).map((p) => p.node);
  }
  const refs: NodeRef[] = [];
  for (const n of chosen) {
    if (!n.ref) continue;
    if (n.ref.kind === 'project' && kinds.includes('container')) {
      for (const child of n.children ?? []) if (child.ref) refs.push(child.ref);
    } else if (kinds.includes(n.ref.kind)) {
      refs.push(n.ref);
    }
  }
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/** The plural of a kind, in words ("containers"), for a pick's placeholder. */
function pluralNoun(kind: RefKind | undefined): string {
  switch (kind) {
    case 'container':
    case 'project':
      return vscode.l10n.t('containers');
    case 'image':
    case 'repository':
      return vscode.l10n.t('images');
    case 'volume':
      return vscode.l10n.t('volumes');
    case 'network':
      return vscode.l10n.t('networks');
    default:
      return '';
  }
}

/** "container web" or "3 containers (a, b, c)": each form a whole phrase to translate. */
export function describeRefs(refs: NodeRef[], noun: RefKind): string {
  const names = refs
    .slice(0, 5)
    .map((r) => r.name)
    .join(', ');
  const listed = refs.length > 5 ? vscode.l10n.t('{0} and {1} more', names, refs.length - 5) : names;
  const one = refs.length === 1;
  switch (noun) {
    case 'image':
    case 'repository':
      return one ? vscode.l10n.t('image {0}', names) : vscode.l10n.t('{0} images ({1})', refs.length, listed);
    case 'volume':
      return one ? vscode.l10n.t('volume {0}', names) : vscode.l10n.t('{0} volumes ({1})', refs.length, listed);
    case 'network':
      return one ? vscode.l10n.t('network {0}', names) : vscode.l10n.t('{0} networks ({1})', refs.length, listed);
    default:
      return one ? vscode.l10n.t('container {0}', names) : vscode.l10n.t('{0} containers ({1})', refs.length, listed);
  }
}

/** Runs `act` for each ref with a cancellable progress notification; reports failures once, with the engine's words. */
export async function runForEach(
  c: ExplorerController,
  title: string,
  refs: NodeRef[],
  act: (engine: Engine, ref: NodeRef, signal: AbortSignal) => Promise<unknown>,
): Promise<{ ok: number; failed: Array<{ ref: NodeRef; message: string }> }> {
  const failed: Array<{ ref: NodeRef; message: string }> = [];
  let ok = 0;
  if (!refs.length) return { ok, failed };
  await withCancellableProgress(title, async (signal, progress) => {
    let engine: Engine;
    try {
      engine = await c.engine();
    } catch (e) {
      failed.push(...refs.map((ref) => ({ ref, message: (e as Error).message })));
      return;
    }
    // A few at a time: fast for many items, gentle on the engine.
    const queue = [...refs];
    const worker = async (): Promise<void> => {
      for (let ref = queue.shift(); ref && !signal.aborted; ref = queue.shift()) {
        try {
          await act(engine, ref, signal);
          ok++;
        } catch (e) {
          if (e instanceof EngineError && e.kind === 'cancelled') return;
          failed.push({ ref, message: (e as Error).message });
        }
        progress.report({ increment: 100 / refs.length, message: `${ok + failed.length}/${refs.length}` });
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, refs.length) }, worker));
  });
  if (failed.length) {
    const detail = failed
      .slice(0, 5)
      .map((f) => `${f.ref.name}: ${f.message}`)
      .join('\n');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('{0}: {1} of {2} failed.', title, failed.length, refs.length), {
        detail,
        modal: false,
      } as vscode.MessageOptions)
      .then(() => undefined);
    console.error(`[berth] ${title} failed:\n${detail}`);
  }
  return { ok, failed };
}
