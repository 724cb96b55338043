// Registers the workflow commands (build, run, exec, logs, Compose). Registration is all that happens at
// activation: each command loads its module, and the engine code, on first use.
import * as vscode from 'vscode';
import type { BerthLanguageClient } from '../language/client';
import { berthTerminals, type BerthTerminal } from './terminals';

/** Test surface of the workflow commands (exposed on Berth's API). */
export interface WorkflowApi {
  /** Terminals the commands opened, newest last. */
  terminals(): readonly BerthTerminal[];
}

export function registerWorkflowCommands(
  context: vscode.ExtensionContext,
  language?: BerthLanguageClient,
): WorkflowApi {
  const reg = (id: string, fn: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  const lazy =
    <M, R>(load: () => Promise<M>, call: (m: M, ...args: unknown[]) => R) =>
    (...args: unknown[]) =>
      load().then((m) => call(m, ...args));
  const build = () => import('./build-command');
  const run = () => import('./run-command');
  const exec = () => import('./exec-command');
  const logs = () => import('./logs-command');
  const compose = () => import('./compose-command');
  const engineConfig = () => import('./engine-config-command');

  reg(
    'berth.engine.openConfiguration',
    lazy(engineConfig, (m) => m.openEngineConfigurationCommand()),
  );
  reg(
    'berth.engine.addInsecureRegistry',
    lazy(engineConfig, (m, registry) => m.addInsecureRegistryCommand(registry)),
  );
  reg(
    'berth.images.build',
    lazy(build, (m, arg) => m.buildImageCommand(context, language, arg)),
  );
  reg(
    'berth.images.run',
    lazy(run, (m, arg) => m.runImageCommand(context, arg)),
  );
  reg(
    'berth.containers.runLast',
    lazy(run, (m) => m.runLastCommand(context)),
  );
  reg(
    'berth.containers.openShell',
    lazy(exec, (m, arg) => m.openShellCommand(arg)),
  );
  reg(
    'berth.containers.runCommand',
    lazy(exec, (m, arg, line) => m.runCommandInContainer(arg, typeof line === 'string' ? line : undefined)),
  );
  reg(
    'berth.containers.followLogs',
    lazy(logs, (m, arg) => m.followLogsCommand(arg)),
  );
  reg(
    'berth.containers.followLogsWithOptions',
    lazy(logs, (m, arg) => m.followLogsCommand(arg, true)),
  );
  // Every Compose verb takes the project (file, tree node or nothing → ask); upService also a service name.
  for (const verb of ['up', 'upBuild', 'upSelect', 'down', 'restart', 'logs', 'pull'] as const)
    reg(
      `berth.compose.${verb}`,
      lazy(compose, (m, arg) => m.composeCommands[verb](arg)),
    );
  reg(
    'berth.compose.upService',
    lazy(compose, (m, arg, service) =>
      m.composeCommands.upService(arg, typeof service === 'string' ? service : undefined),
    ),
  );
  return { terminals: berthTerminals };
}
