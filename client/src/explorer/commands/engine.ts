// Refresh, retry, and choosing the engine (automatic, a Docker context, a socket found here, or a typed host).
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { input, pick } from '../../commands/prompts';
import { candidateSockets, listContexts } from '../../engine/connection';
import type { ExplorerCommandKit } from './kit';

export function registerEngineCommands({ reg, controller, inspect }: ExplorerCommandKit): void {
  reg('berth.explorer.refresh', async () => (await controller()).refresh());
  reg('berth.engine.retry', async () => (await controller()).refresh());
  reg('berth.engine.openSettings', async () =>
    vscode.commands.executeCommand('workbench.action.openSettings', 'berth.engine.host'),
  );
  reg('berth.explorer.refreshInspect', async () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri) inspect.refresh(uri);
  });
  reg('berth.engine.choose', async () => {
    const c = await controller();
    const items: Array<vscode.QuickPickItem & { host?: string; enter?: boolean }> = [
      {
        label: vscode.l10n.t('Automatic'),
        description: vscode.l10n.t('setting, DOCKER_HOST, current context, then the default sockets'),
        host: undefined,
      },
      ...listContexts().map((x) => ({
        label: x.name,
        description: x.host,
        detail: x.description || undefined,
        host: x.name,
      })),
      ...candidateSockets()
        .filter((s) => existsSync(s))
        .map((s) => ({ label: s, description: vscode.l10n.t('socket'), host: `unix://${s}` })),
      { label: vscode.l10n.t('Enter a host…'), description: vscode.l10n.t('unix://, tcp:// or ssh://'), enter: true },
    ];
    const choice = await pick(items, {
      placeHolder: vscode.l10n.t(
        'Engine in use: {0}',
        c.manager.current.kind === 'connected' ? c.manager.current.engine.endpoint.label : vscode.l10n.t('none'),
      ),
    });
    if (!choice) return;
    let host = choice.host;
    if (choice.enter) {
      host = await input({
        prompt: vscode.l10n.t('Engine host'),
        placeHolder: 'unix:///run/user/1000/docker.sock, tcp://host:2376, ssh://user@host',
        validateInput: (v) =>
          /^(unix|tcp|ssh|npipe):\/\/.+/.test(v.trim()) || v.trim().startsWith('/')
            ? undefined
            : vscode.l10n.t('Start with unix://, tcp:// or ssh://'),
      });
      if (!host) return;
    }
    await c.useEngine(host?.trim());
  });
}
