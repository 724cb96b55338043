// The status bar item: which engine Berth talks to (context or host, engine version); click → choose another.
// It appears once something has used the engine, so activation shows nothing and connects to nothing.
import * as vscode from 'vscode';
import type { EngineManager, EngineState } from '../engine/manager';

export class EngineStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('berth.engine', vscode.StatusBarAlignment.Left, 50);
  private readonly unsubscribe: () => void;

  constructor(manager: EngineManager) {
    this.item.name = vscode.l10n.t('Berth engine');
    this.item.command = 'berth.engine.choose';
    this.unsubscribe = manager.onDidChangeState((s) => this.render(s));
    this.render(manager.current);
  }

  render(s: EngineState): void {
    switch (s.kind) {
      case 'idle':
        this.item.hide();
        return;
      case 'connecting':
        this.item.text = `$(loading~spin) ${vscode.l10n.t('Engine')}`;
        this.item.tooltip = vscode.l10n.t('Berth: connecting to the container engine…');
        this.item.backgroundColor = undefined;
        break;
      case 'connected': {
        const e = s.engine;
        this.item.text = `$(server-environment) ${e.endpoint.contextName ?? shortHost(e.endpoint.label)} · ${e.info.podman ? 'Podman ' : ''}${e.info.version}`;
        this.item.tooltip = [
          vscode.l10n.t('Berth engine: {0}', e.endpoint.host),
          `${e.info.podman ? 'Podman' : 'Docker Engine'} ${e.info.version}, API ${e.info.apiVersion} (${e.info.os}/${e.info.arch})`,
          vscode.l10n.t('From: {0}', e.endpoint.source),
          vscode.l10n.t('Click to choose another engine.'),
        ].join('\n');
        this.item.backgroundColor = undefined;
        break;
      }
      case 'unreachable':
        this.item.text = `$(debug-disconnect) ${vscode.l10n.t('Engine unreachable')}`;
        this.item.tooltip = `${s.error.message}\n${vscode.l10n.t('Click to choose another engine.')}`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
    }
    this.item.show();
  }

  dispose(): void {
    this.unsubscribe();
    this.item.dispose();
  }
}

function shortHost(label: string): string {
  return label.replace(/^unix:\/\//, '');
}
