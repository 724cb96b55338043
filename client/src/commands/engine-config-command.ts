// "Open Engine Configuration": opens the daemon.json of the engine Berth is connected to, where Berth's daemon.json
// checks then apply; offers a starter file when there is none; and says where a remote engine's file is, or that
// Podman has none. dockerd reads the file only when it starts: Berth says so and never restarts the engine itself.
import { existsSync } from 'node:fs';
import { applyEdits, modify, parseTree, findNodeAtLocation } from 'jsonc-parser';
import * as vscode from 'vscode';
import { daemonConfigLocation, STARTER_DAEMON_JSON, type DaemonConfigLocation } from '../engine/daemon-config';
import { confirm } from './prompts';
import { engine, showError } from './shared';

const restartNote = (): string =>
  vscode.l10n.t(
    'dockerd reads daemon.json only when it starts: after saving, restart the engine (sudo systemctl restart docker, or systemctl --user restart docker when rootless). Berth does not restart it for you.',
  );

async function locate(): Promise<DaemonConfigLocation | undefined> {
  try {
    const e = await engine();
    return daemonConfigLocation(e.endpoint, e.info.podman);
  } catch (err) {
    showError(vscode.l10n.t('Cannot tell which engine to configure'), err);
    return undefined;
  }
}

/** Says where a remote engine's or Podman's configuration lives; true when there is no local daemon.json to open. */
function elsewhere(location: DaemonConfigLocation): boolean {
  if (location.kind === 'podman') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Podman has no daemon.json: its engine settings are in containers.conf and registries.conf (/etc/containers/ or ~/.config/containers/).',
      ),
    );
    return true;
  }
  if (location.kind === 'remote') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'The engine at {0} is remote: its configuration is {1} on that machine. Edit it there (for example over Remote - SSH); Berth checks any file named daemon.json you open.',
        location.host,
        location.path,
      ),
    );
    return true;
  }
  return false;
}

export async function openEngineConfigurationCommand(): Promise<void> {
  const location = await locate();
  if (!location || elsewhere(location) || location.kind !== 'local') return;
  const uri = vscode.Uri.file(location.path);
  if (existsSync(location.path)) {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    void vscode.window.showInformationMessage(restartNote());
    return;
  }
  const create = await confirm(
    vscode.l10n.t('{0} does not exist yet. Start one with log rotation (max-size 10m, 3 files)?', location.path),
    vscode.l10n.t('Create'),
    (location.rootless
      ? vscode.l10n.t('The new file opens unsaved; nothing is written until you save it.')
      : vscode.l10n.t(
          'The new file opens unsaved; nothing is written until you save it (saving to /etc needs root).',
        )) + ` ${restartNote()}`,
  );
  if (!create) return;
  const doc = await vscode.workspace.openTextDocument(uri.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), STARTER_DAEMON_JSON));
}

/**
 * Adds a registry to the engine's `insecure-registries` (the fix for a plain-HTTP Harbor): the edit is made in the
 * open, unsaved daemon.json, so the user sees it and saves it, or not. Berth never writes the file or restarts dockerd.
 */
export async function addInsecureRegistryCommand(registry: unknown): Promise<void> {
  if (typeof registry !== 'string' || !registry) return;
  const location = await locate();
  if (!location || elsewhere(location) || location.kind !== 'local') return;
  const file = vscode.Uri.file(location.path);
  const doc = await vscode.workspace.openTextDocument(
    existsSync(location.path) ? file : file.with({ scheme: 'untitled' }),
  );
  const editor = await vscode.window.showTextDocument(doc);
  const text = doc.getText().trim() ? doc.getText() : '{}\n';
  const list = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['insecure-registries']);
  if (list?.children?.some((c) => c.value === registry)) {
    void vscode.window.showInformationMessage(
      `${vscode.l10n.t('{0} is already in insecure-registries.', registry)} ${restartNote()}`,
    );
    return;
  }
  const formattingOptions = { insertSpaces: true, tabSize: 2 };
  const edits =
    list?.type === 'array'
      ? modify(text, ['insecure-registries', -1], registry, { isArrayInsertion: true, formattingOptions })
      : modify(text, ['insecure-registries'], [registry], { formattingOptions });
  const updated = applyEdits(text, edits);
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  await editor.edit((b) => b.replace(whole, updated));
  void vscode.window.showInformationMessage(
    (location.rootless
      ? vscode.l10n.t('Added {0} to insecure-registries in {1}: review it and save.', registry, location.path)
      : vscode.l10n.t(
          'Added {0} to insecure-registries in {1}: review it and save (saving to /etc needs root).',
          registry,
          location.path,
        )) + ` ${restartNote()}`,
  );
}
