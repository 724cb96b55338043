// Volumes view commands: inspect, remove. Pruning is moving/prune-commands.ts's, which shows what would go first.
import * as l10n from '@vscode/l10n';
import { registerInspect, registerRemove, type ExplorerCommandKit } from './kit';

export function registerVolumeCommands(kit: ExplorerCommandKit): void {
  registerInspect(kit, 'volumes', 'volume');
  registerRemove(kit, 'volumes', 'volume', (e, r, signal) => e.removeVolume(r.id, { signal }), {
    inQuestion: l10n.t('Their data is deleted.'),
  });
}
