// Berth's entry point. Activation registers contributions and nothing else: no engine call and no server
// start happen here. The engine is first called when a view or command needs it; the language server starts after
// activation, at once in a workspace of container files, else with the first Dockerfile or compose file opened
// (language/client.ts).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { BerthApi } from './api';
import { registerWorkflowCommands } from './commands';
import { answerNextPrompts, clearAnswers, pendingAnswers } from './commands/prompts';
import { registerExplorer } from './explorer/register';
import { registerHarbor } from './harbor/commands';
import { registerInside } from './inside/register';
import { registerMoving } from './moving/register';
import { BerthLanguageClient } from './language/client';
import { markStartup, threadCpuMs } from './language/startup-timeline';

export function activate(context: vscode.ExtensionContext): BerthApi {
  const t0 = performance.now();
  const cpu0 = threadCpuMs();
  // The engine layer (client/src/engine) never imports vscode and translates through @vscode/l10n: give it the bundle
  // VS Code chose for the display language, so both lookups read the same l10n/bundle.l10n.<locale>.json.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const language = new BerthLanguageClient(context);
  context.subscriptions.push(language);
  const explorer = registerExplorer(context, language);
  const harbor = registerHarbor(context);
  const workflow = registerWorkflowCommands(context, language);
  const inside = registerInside(context, explorer.controller);
  const moving = registerMoving(context, explorer.controller);
  const load = (globalThis as { __berthLoad?: { start: number; end: number; cpu?: number; endCpu?: number } })
    .__berthLoad;
  const activationMs = performance.now() - t0;
  if (load) markStartup('extension: bundle evaluation starts', performance.timeOrigin + load.start, load.cpu);
  if (load) markStartup('extension: bundle evaluated', performance.timeOrigin + load.end, load.endCpu);
  markStartup('extension: activate() called', performance.timeOrigin + t0, cpu0);
  markStartup('extension: activate() returns');
  return {
    activationMs,
    loadAndActivationMs: (load ? load.end - load.start : 0) + activationMs,
    language,
    explorer,
    harbor,
    workflow,
    inside,
    moving,
    prompts: { answerNextPrompts, pendingAnswers, clearAnswers },
  };
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
