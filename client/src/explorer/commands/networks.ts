// Networks view commands: inspect, create (driver, optional subnet), remove, prune the unused ones.
import { confirm, input, pick } from '../../commands/prompts';
import { runForEach } from '../selection';
import { registerInspect, registerRemove, reportPrune, type ExplorerCommandKit } from './kit';

export function registerNetworkCommands(kit: ExplorerCommandKit): void {
  const { reg, controller } = kit;
  registerInspect(kit, 'networks', 'network');
  reg('berth.networks.create', async () => {
    const c = await controller();
    const name = await input({
      prompt: 'Network name',
      validateInput: (v) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : 'Letters, digits, "_", "." and "-"'),
    });
    if (!name) return;
    const driver = (
      await pick([{ label: 'bridge' }, { label: 'overlay' }, { label: 'macvlan' }, { label: 'ipvlan' }], {
        placeHolder: 'Driver',
      })
    )?.label;
    if (!driver) return;
    const subnet = await input({
      prompt: 'Subnet (optional, e.g. 10.10.0.0/24)',
      validateInput: (v) => (!v || /^[\d.:a-f]+\/\d+$/i.test(v) ? undefined : 'A CIDR such as 10.10.0.0/24'),
    });
    if (subnet === undefined) return;
    await runForEach(c, `Creating network ${name}`, [{ kind: 'network', id: name, name }], (e, _r, signal) =>
      e.createNetwork(name, { driver, subnet: subnet || undefined, signal }),
    );
  });
  registerRemove(kit, 'networks', 'network', (e, r, signal) => e.removeNetwork(r.id, { signal }));
  reg('berth.networks.prune', async () => {
    const c = await controller();
    if (!(await confirm('Remove all networks no container uses?', 'Prune'))) return;
    await reportPrune(c, 'unused networks', (e) => e.pruneNetworks());
  });
}
