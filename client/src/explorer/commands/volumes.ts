// Volumes view commands: inspect, remove, prune the unused ones.
import * as l10n from '@vscode/l10n';
import { confirm } from '../../commands/prompts';
import { registerInspect, registerRemove, reportPrune, type ExplorerCommandKit } from './kit';

export function registerVolumeCommands(kit: ExplorerCommandKit): void {
  registerInspect(kit, 'volumes', 'volume');
  registerRemove(kit, 'volumes', 'volume', (e, r, signal) => e.removeVolume(r.id, { signal }), {
    inQuestion: l10n.t('Their data is deleted.'),
  });
  kit.reg('berth.volumes.prune', async () => {
    const c = await kit.controller();
    if (!(await confirm(l10n.t('Remove all volumes no container uses? Their data is deleted.'), l10n.t('Prune'))))
      return;
    const what = { done: (n: number) => l10n.t('{0} unused volumes', n), failed: l10n.t('unused volumes') };
    await reportPrune(c, what, (e) => e.pruneVolumes());
  });
}
