// Harbor replication commands (system administrators), in three groups like the Registries view's folders:
// endpoints, rules and executions (replication-commands/). A started rule is watched in a progress notification;
// the last watch is what the extension tests wait on.
import type { HarborCommandKit } from './commands';
import { registerEndpointCommands } from './replication-commands/endpoints';
import { registerExecutionCommands, type ReplicationWatch } from './replication-commands/executions';
import { registerRuleCommands } from './replication-commands/rules';

export function registerReplicationCommands(kit: HarborCommandKit): { lastWatch: () => ReplicationWatch | undefined } {
  let lastWatch: ReplicationWatch | undefined;
  registerEndpointCommands(kit);
  registerRuleCommands(kit, (w) => (lastWatch = w));
  registerExecutionCommands(kit);
  return { lastWatch: () => lastWatch };
}
