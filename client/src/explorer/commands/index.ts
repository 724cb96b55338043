// The explorer's commands, one file per resource kind (as vscode-containers' tree folders), plus the per-view
// options and the engine commands. Destructive actions always confirm first (through prompts.ts, so tests can answer).
import type * as vscode from 'vscode';
import type { ExplorerController } from '../controller';
import type { InspectDocuments } from '../inspect';
import { registerContainerCommands } from './containers';
import { registerEngineCommands } from './engine';
import { registerImageCommands } from './images';
import { commandKit } from './kit';
import { registerNetworkCommands } from './networks';
import { registerViewOptionCommands } from './view-options';
import { registerVolumeCommands } from './volumes';

export function registerExplorerCommands(
  context: vscode.ExtensionContext,
  controller: () => Promise<ExplorerController>,
  inspect: InspectDocuments,
): void {
  const kit = commandKit(context, controller, inspect);
  registerContainerCommands(kit);
  registerImageCommands(kit);
  registerVolumeCommands(kit);
  registerNetworkCommands(kit);
  registerViewOptionCommands(kit);
  registerEngineCommands(kit);
}
