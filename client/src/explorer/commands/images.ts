// Images view commands: inspect, remove (a tag by name, an untagged image by id), tag. Pruning is
// moving/prune-commands.ts's, which shows what would go first.
import * as l10n from '@vscode/l10n';
import { input } from '../../commands/prompts';
import { splitRepoTag } from '../../image-reference';
import { runForEach } from '../selection';
import { registerInspect, registerRemove, type ExplorerCommandKit } from './kit';

export function registerImageCommands(kit: ExplorerCommandKit): void {
  const { reg, refsOf } = kit;
  registerInspect(kit, 'images', 'image');
  // A tag is removed by its name (so other tags of the same image stay); an untagged image by its id.
  registerRemove(
    kit,
    'images',
    'image',
    (e, r, signal) => e.removeImage(r.name.includes(':') ? r.name : r.id, { signal }),
    {
      detail: l10n.t(
        'A tag is removed; the image itself goes when no tag is left. Images used by containers cannot be removed.',
      ),
    },
  );
  reg('berth.images.tag', async (node) => {
    const [c, refs] = await refsOf('images', ['image'], node);
    const [only] = refs;
    if (refs.length !== 1 || !only) return;
    const target = await input({
      prompt: l10n.t('New tag for {0}', only.name),
      value: only.name,
      validateInput: (v) =>
        /^[a-z0-9][\w.\-/:]*[\w]$/i.test(v.trim())
          ? undefined
          : l10n.t('Use repository[:tag], e.g. registry.example.com/team/app:1.0'),
    });
    if (!target) return;
    const [repo, tag] = splitRepoTag(target.trim());
    await runForEach(c, l10n.t('Tagging {0} as {1}', only.name, `${repo}:${tag}`), refs, (e, r, signal) =>
      e.tagImage(r.id, repo, tag, { signal }),
    );
  });
}
