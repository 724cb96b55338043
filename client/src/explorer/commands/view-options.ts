// Per-view sort, filter and toggles (dangling images, built-in networks, workspace projects only), kept per
// workspace by the controller.
import { input, pick } from '../../commands/prompts';
import type { SortKey } from '../model/nodes';
import { ALL_VIEWS } from '../views';
import type { ExplorerCommandKit } from './kit';

export function registerViewOptionCommands({ reg, controller }: ExplorerCommandKit): void {
  for (const view of ALL_VIEWS) {
    reg(`berth.${view}.sort`, async () => {
      const c = await controller();
      const current = c.persisted(view).sort ?? 'name';
      const choice = await pick(
        (['name', 'created', 'status'] as SortKey[]).map((k) => ({
          label: k,
          description: k === current ? 'current' : undefined,
        })),
        { placeHolder: 'Sort by' },
      );
      if (choice) await c.updateOptions(view, { sort: choice.label as SortKey });
    });
    reg(`berth.${view}.filter`, async () => {
      const c = await controller();
      const text = await input({
        prompt: `Filter ${view} by name, image or label (empty = show all)`,
        value: c.persisted(view).filter ?? '',
      });
      if (text !== undefined) await c.updateOptions(view, { filter: text.trim() || undefined });
    });
    reg(`berth.${view}.clearFilter`, async () => (await controller()).updateOptions(view, { filter: undefined }));
  }
  reg('berth.images.toggleDangling', async () => {
    const c = await controller();
    await c.updateOptions('images', { showDangling: !c.persisted('images').showDangling });
  });
  reg('berth.networks.toggleBuiltIn', async () => {
    const c = await controller();
    await c.updateOptions('networks', { showBuiltIn: !c.persisted('networks').showBuiltIn });
  });
  reg('berth.containers.toggleWorkspaceOnly', async () => {
    const c = await controller();
    await c.updateOptions('containers', { onlyWorkspaceProjects: !c.persisted('containers').onlyWorkspaceProjects });
  });
}
