// What every workflow command needs: the window's engine, the workspace-trust gate, user-readable errors, and the
// container/image/project a command was invoked on (tree node, string, or nothing → ask).
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { isUntagged, realTags } from '../image-reference';
import { pick } from './prompts';

/** The window's engine (connects on first use; EngineError with a readable message otherwise). */
export async function engine(): Promise<Engine> {
  const { getEngine } = await import('../engine/manager');
  return getEngine();
}

/** Builds and runs execute code from the workspace, pulls and pushes send credentials: refuse them in an untrusted
 *  workspace, say why, and offer the way to trust it. */
export function requireTrust(
  action: string,
  why = vscode.l10n.t('building or running containers executes code and reads files from it'),
): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showErrorMessage(
      vscode.l10n.t(
        'Berth does not {0} in an untrusted workspace: {1}. Trust the workspace to enable it.',
        action,
        why,
      ),
      vscode.l10n.t('Manage Workspace Trust'),
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function showError(prefix: string, e: unknown): void {
  void vscode.window.showErrorMessage(`${prefix}: ${errorText(e)}`);
}

/** Asks the explorer to refresh now (engine events refresh it too; this only makes the result appear sooner). */
export function refreshExplorer(): void {
  void vscode.commands.executeCommand('berth.explorer.refresh').then(undefined, () => undefined);
}

/** The loose shape of an explorer node as commands receive it (see explorer/model/nodes.ts). */
export interface NodeLike {
  ref?: { kind: string; id: string; name: string; members?: string[] };
  label?: string;
}

function isNode(x: unknown): x is NodeLike {
  return !!x && typeof x === 'object' && 'ref' in x;
}

export interface ContainerTarget {
  id: string;
  name: string;
}

/** The container a command targets: a tree node, an id/name string, or a pick of the running containers. */
export async function containerTarget(
  arg: unknown,
  placeHolder: string,
  runningOnly = true,
): Promise<ContainerTarget | undefined> {
  if (isNode(arg) && arg.ref?.kind === 'container') return { id: arg.ref.id, name: arg.ref.name };
  if (typeof arg === 'string' && arg) return { id: arg, name: arg };
  const list = await (await engine()).listContainers({ runningOnly });
  if (!list.length) {
    void vscode.window.showInformationMessage(
      runningOnly ? vscode.l10n.t('No container is running.') : vscode.l10n.t('There are no containers.'),
    );
    return undefined;
  }
  const items = list.map((c) => ({
    label: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    description: `${c.Image} · ${c.Status}`,
    id: c.Id,
  }));
  const chosen = await pick(items, { placeHolder });
  return chosen ? { id: chosen.id, name: chosen.label } : undefined;
}

/** The image a command targets: a tree node (repo:tag or id), a string, or a pick of the engine's tagged images. */
export async function imageTarget(arg: unknown, placeHolder: string): Promise<string | undefined> {
  if (isNode(arg) && arg.ref?.kind === 'image')
    return arg.ref.name && !isUntagged(arg.ref.name) ? arg.ref.name : arg.ref.id;
  if (typeof arg === 'string' && arg) return arg;
  const tags = (await (await engine()).listImages()).flatMap(realTags);
  if (!tags.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no tagged images: build or pull one first.'));
    return undefined;
  }
  return (
    await pick(
      tags.sort().map((t) => ({ label: t })),
      { placeHolder },
    )
  )?.label;
}

/** Container ids and project name of a Compose project group node, if that is what the command got. */
export function projectNode(arg: unknown): { project: string; members: string[] } | undefined {
  if (isNode(arg) && arg.ref?.kind === 'project') return { project: arg.ref.id, members: arg.ref.members ?? [] };
  return undefined;
}
