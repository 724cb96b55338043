// Registers the Registries view and the Harbor commands (instance-commands.ts, artifact-commands.ts,
// push-command.ts), which share the kit made here. Nothing here runs at activation beyond registration:
// the first REST call happens when the user expands the view or runs a command.
import * as vscode from 'vscode';
import { registerArtifactCommands } from './artifact-commands';
import { HarborError } from './errors';
import { registerInstanceCommands } from './instance-commands';
import { registerMemberCommands } from './member-commands';
import { registerRobotCommands } from './robot-commands';
import { registerVulnerabilityCommands } from './vulnerability-commands';
import { HarborInstances, type HarborInstance } from './instances';
import { log, logText, registerSecret } from './log';
import { registerPushCommands, type PushOutcome } from './push-command';
import { registerReplicationCommands } from './replication-commands';
import type { ReplicationWatch } from './replication-commands/executions';
import { registerSbomCommands } from './sbom-commands';
import { lastTablePanel, type TableHandle } from './table-panel';
import type { HarborClient } from './client';
import type { RegistryNode } from './tree/model';
import { RegistriesProvider } from './tree/provider';

/** What the Harbor command files share: the instances, the Registries view, registration, an authenticated
 *  client per instance, and the one way to report a failed action. */
export interface HarborCommandKit {
  instances: HarborInstances;
  provider: RegistriesProvider;
  view: vscode.TreeView<RegistryNode>;
  reg: (id: string, fn: (...args: never[]) => unknown) => void;
  /** Registers a command on a Registries node of one of `kinds` (its context-menu argument); any other argument
   *  does nothing. */
  onNode: <K extends RegistryNode['kind']>(
    id: string,
    kinds: readonly K[],
    fn: (n: Extract<RegistryNode, { kind: K }>) => unknown,
  ) => void;
  connected: (inst: HarborInstance) => Promise<HarborClient>;
  fail: (what: string, e: unknown) => void;
}

export interface HarborApi {
  instances(): HarborInstance[];
  provider: RegistriesProvider;
  /** Everything written to Berth's Harbor output channel so far (for the secret-leak assertion). */
  outputText(): string;
  lastPush(): PushOutcome | undefined;
  /** The replication execution watched last (started from Berth), as far as it got. */
  lastReplication(): ReplicationWatch | undefined;
  /** The vulnerability or SBOM table opened last. */
  lastTable(): TableHandle | undefined;
  /** Whether SecretStorage still holds a secret for this instance id. */
  hasStoredSecret(id: string): Promise<boolean>;
  /** This extension's log folder; output channels are written next to it (the tests scan them for secrets). */
  logDir: string;
}

export function registerHarbor(context: vscode.ExtensionContext): HarborApi {
  const instances = new HarborInstances(context);
  const provider = new RegistriesProvider(instances);
  const view = vscode.window.createTreeView('berth.registries', { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(instances, provider, view);
  const reg = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  const connected = async (inst: HarborInstance) => {
    const c = await instances.client(inst);
    if (!c)
      throw new HarborError(
        'unauthorized',
        vscode.l10n.t('No secret is stored for {0} at {1}.', inst.username, inst.url),
      );
    registerSecret(c.conn.secret);
    return c;
  };
  /** One message for one failed action (never one per item). */
  const fail = (what: string, e: unknown) => {
    const msg = `${what}: ${(e as Error).message}`;
    log(msg);
    if (e instanceof HarborError && e.kind === 'unauthorized') {
      void vscode.window
        .showErrorMessage(msg, vscode.l10n.t('Re-enter secret'))
        .then((b) => b && vscode.commands.executeCommand('berth.harbor.reenterSecret'));
    } else void vscode.window.showErrorMessage(msg);
  };

  const onNode: HarborCommandKit['onNode'] = (id, kinds, fn) =>
    reg(id, (n?: RegistryNode) =>
      n && (kinds as readonly string[]).includes(n.kind) ? fn(n as Parameters<typeof fn>[0]) : undefined,
    );

  const kit: HarborCommandKit = { instances, provider, view, reg, onNode, connected, fail };
  registerInstanceCommands(kit);
  registerArtifactCommands(kit);
  registerMemberCommands(kit);
  registerRobotCommands(kit);
  registerVulnerabilityCommands(kit);
  const replication = registerReplicationCommands(kit);
  registerSbomCommands(kit);
  const push = registerPushCommands(context, instances, provider, view, connected);
  return {
    instances: () => instances.list(),
    provider,
    outputText: logText,
    lastPush: push.lastPush,
    lastReplication: replication.lastWatch,
    lastTable: lastTablePanel,
    logDir: context.logUri.fsPath,
    hasStoredSecret: async (id) => (await instances.secret(id)) !== undefined,
  };
}
