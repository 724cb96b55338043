// "Open Engine Configuration": opens the daemon.json of the engine Berth is connected to, where Berth's daemon.json
// checks then apply; offers a starter file when there is none; and says where a remote engine's file is, or that
// Podman has none. dockerd reads the file only when it starts: Berth says so and never restarts the engine itself.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { daemonConfigLocation, STARTER_DAEMON_JSON } from '../engine/daemon-config';
import { confirm } from './prompts';
import { engine, showError } from './shared';

const RESTART_NOTE =
  'dockerd reads daemon.json only when it starts: after saving, restart the engine (sudo systemctl restart docker, or systemctl --user restart docker when rootless). Berth does not restart it for you.';

export async function openEngineConfigurationCommand(): Promise<void> {
  let location;
  try {
    const e = await engine();
    location = daemonConfigLocation(e.endpoint, e.info.podman);
  } catch (err) {
    showError('Cannot tell which engine to configure', err);
    return;
  }
  if (location.kind === 'podman') {
    void vscode.window.showInformationMessage(
      'Podman has no daemon.json: its engine settings are in containers.conf and registries.conf (/etc/containers/ or ~/.config/containers/).',
    );
    return;
  }
  if (location.kind === 'remote') {
    void vscode.window.showInformationMessage(
      `The engine at ${location.host} is remote: its configuration is ${location.path} on that machine. Edit it there (for example over Remote - SSH); Berth checks any file named daemon.json you open.`,
    );
    return;
  }
  const uri = vscode.Uri.file(location.path);
  if (existsSync(location.path)) {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    void vscode.window.showInformationMessage(RESTART_NOTE);
    return;
  }
  const create = await confirm(
    `${location.path} does not exist yet. Start one with log rotation (max-size 10m, 3 files)?`,
    'Create',
    `The new file opens unsaved; nothing is written until you save it${location.rootless ? '' : ' (saving to /etc needs root)'}. ${RESTART_NOTE}`,
  );
  if (!create) return;
  const doc = await vscode.workspace.openTextDocument(uri.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), STARTER_DAEMON_JSON));
}
