// Connecting and disconnecting a Harbor instance the way a user does, through the commands and their answered
// prompts. Suites connect in their set-up and disconnect in their tear-down, so that no instance and no stored
// secret is left for the next suite.
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import type { HarborApi } from '../../client/src/harbor/commands';

type Prompts = BerthApi['prompts'];
type Instance = ReturnType<HarborApi['instances']>[number];

/** Berth › Harbor: Connect, answered with a plain-HTTP address and a login. */
export async function connectHarbor(prompts: Prompts, hostPort: string, username: string, secret: string) {
  prompts.answerNextPrompts([hostPort, 'Use http://', username, secret]);
  await vscode.commands.executeCommand('berth.harbor.connect');
}

/** Disconnect on the instance's node, its confirmation answered. */
export async function disconnectHarbor(prompts: Prompts, inst: Instance): Promise<void> {
  prompts.answerNextPrompts(['Disconnect']);
  await vscode.commands.executeCommand('berth.harbor.disconnect', { kind: 'instance', key: `harbor:${inst.id}`, inst });
}

/** Disconnects every instance (or those `which` picks); tolerates an api that never came up. */
export async function disconnectHarbors(
  api: HarborApi | undefined,
  prompts: Prompts,
  which: (inst: Instance) => boolean = () => true,
): Promise<void> {
  for (const inst of api?.instances() ?? []) if (which(inst)) await disconnectHarbor(prompts, inst);
}
