// Networks view commands: inspect, create (driver, optional subnet), remove. Pruning is moving/prune-commands.ts's.
import * as l10n from '@vscode/l10n';
import { input, pick } from '../../commands/prompts';
import { runForEach } from '../selection';
import { registerInspect, registerRemove, type ExplorerCommandKit } from './kit';

export function registerNetworkCommands(kit: ExplorerCommandKit): void {
  const { reg, controller } = kit;
  registerInspect(kit, 'networks', 'network');
  reg('berth.networks.create', async () => {
    const c = await controller();
    const name = await input({
      prompt: l10n.t('Network name'),
      validateInput: (v) =>
        /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : l10n.t('Letters, digits, "_", "." and "-"'),
    });
    if (!name) return;
    const driver = (
      await pick([{ label: 'bridge' }, { label: 'overlay' }, { label: 'macvlan' }, { label: 'ipvlan' }], {
        placeHolder: l10n.t('Driver'),
      })
    )?.label;
    if (!driver) return;
    const subnet = await input({
      prompt: l10n.t('Subnet (optional, e.g. 10.10.0.0/24)'),
      validateInput: (v) => (!v || /^[\d.:a-f]+\/\d+$/i.test(v) ? undefined : l10n.t('A CIDR such as 10.10.0.0/24')),
    });
    if (subnet === undefined) return;
    await runForEach(c, l10n.t('Creating network {0}', name), [{ kind: 'network', id: name, name }], (e, _r, signal) =>
      e.createNetwork(name, { driver, subnet: subnet || undefined, signal }),
    );
  });
  registerRemove(kit, 'networks', 'network', (e, r, signal) => e.removeNetwork(r.id, { signal }));
}
