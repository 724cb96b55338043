// Volumes view commands: inspect, remove, prune the unused ones.
import { confirm } from '../../commands/prompts';
import { registerInspect, registerRemove, reportPrune, type ExplorerCommandKit } from './kit';

export function registerVolumeCommands(kit: ExplorerCommandKit): void {
  registerInspect(kit, 'volumes', 'volume');
  registerRemove(kit, 'volumes', 'volume', (e, r, signal) => e.removeVolume(r.id, { signal }), {
    inQuestion: 'Their data is deleted.',
  });
  kit.reg('berth.volumes.prune', async () => {
    const c = await kit.controller();
    if (!(await confirm('Remove all volumes no container uses? Their data is deleted.', 'Prune'))) return;
    await reportPrune(c, 'unused volumes', (e) => e.pruneVolumes());
  });
}
