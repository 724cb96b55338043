// What the replication command groups share: the REST client of an instance, the folders to reload after a
// change, and the one shape of a change to a node (ask first where it cannot be undone, then log and reload).
import { confirm } from '../../commands/prompts';
import { log } from '../log';
import { ReplicationApi } from '../replication-rest';
import type { HarborCommandKit } from '../commands';
import type { HarborInstance } from '../instances';
import type { RegistryNode } from '../tree/model';

export type Node<K extends RegistryNode['kind']> = Extract<RegistryNode, { kind: K }>;

export async function replicationOf(kit: HarborCommandKit, inst: HarborInstance): Promise<ReplicationApi> {
  return new ReplicationApi(await kit.connected(inst));
}

/** The Endpoints or Rules folder of an instance, as loaded in the view (to refresh it after a change). */
export function folderOf(
  kit: HarborCommandKit,
  n: RegistryNode & { inst: HarborInstance },
  kind: 'endpoints' | 'rules',
) {
  const replication = n.kind === 'replication' ? n.key : n.key.slice(0, n.key.lastIndexOf('\u0000'));
  return kit.provider.store.byKey(`${replication}\u0000#${kind}`);
}

interface Change {
  /** The REST call. */
  run(api: ReplicationApi): Promise<unknown>;
  /** The output channel's line once it succeeded (English, like every log line). */
  logLine: string;
  /** What was being done, for the failure message. */
  failure: string;
}

/** Makes a change to `n`; on success logs it and reloads the folder `n` sits in. */
export async function changeNode(kit: HarborCommandKit, n: Node<'endpoint' | 'rule' | 'execution'>, change: Change) {
  try {
    await change.run(await replicationOf(kit, n.inst));
    log(change.logLine);
    kit.provider.refresh(kit.provider.store.parentOf(n));
  } catch (e) {
    kit.fail(change.failure, e);
  }
}

/** The same, once the user confirmed `question` with `button` (`detail` says what follows). */
export async function changeNodeIfConfirmed(
  kit: HarborCommandKit,
  n: Node<'endpoint' | 'rule' | 'execution'>,
  ask: { question: string; button: string; detail: string },
  change: Change,
): Promise<void> {
  if (await confirm(ask.question, ask.button, ask.detail)) await changeNode(kit, n, change);
}
