// Per-view sort, filter and toggles (dangling images, built-in networks, workspace projects only), kept per
// workspace by the controller.
import * as l10n from '@vscode/l10n';
import { input, pick } from '../../commands/prompts';
import type { SortKey } from '../model/nodes';
import { ALL_VIEWS } from '../views';
import type { ExplorerCommandKit } from './kit';

export function registerViewOptionCommands({ reg, controller }: ExplorerCommandKit): void {
  for (const view of ALL_VIEWS) {
    reg(`berth.${view}.sort`, async () => {
      const c = await controller();
      const current = c.persisted(view).sort ?? 'name';
      const words: Record<SortKey, string> = {
        name: l10n.t('name'),
        created: l10n.t('created'),
        status: l10n.t('status'),
      };
      const choice = await pick(
        (['name', 'created', 'status'] as SortKey[]).map((k) => ({
          id: k,
          label: words[k],
          description: k === current ? l10n.t('current') : undefined,
        })),
        { placeHolder: l10n.t('Sort by') },
      );
      if (choice) await c.updateOptions(view, { sort: choice.id });
    });
    reg(`berth.${view}.filter`, async () => {
      const c = await controller();
      const text = await input({
        prompt: {
          containers: l10n.t('Filter containers by name, image or label (empty = show all)'),
          images: l10n.t('Filter images by name, image or label (empty = show all)'),
          volumes: l10n.t('Filter volumes by name, image or label (empty = show all)'),
          networks: l10n.t('Filter networks by name, image or label (empty = show all)'),
        }[view],
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
