// Images view model: repositories with their tags as children; dangling (untagged) images only when asked;
// a marker on images some container uses (running or not — removing them would fail).
import * as l10n from '@vscode/l10n';
import type { ContainerSummary, ImageSummary } from '../../engine/engine';
import { formatSize } from '../../format-size';
import { realTags, splitRepoTag } from '../../image-reference';
import {
  type ExplorerNode,
  type ViewOptions,
  formatAge,
  isoTime,
  matchesFilter,
  sortBy,
  type UsedResourcesTree,
} from './nodes';

export interface ImageViewOptions extends ViewOptions {
  showDangling?: boolean;
}

/** Image ids some container was created from. */
export function imagesInUse(containers: ContainerSummary[] | undefined): Set<string> {
  return new Set((containers ?? []).map((c) => c.ImageID).filter(Boolean));
}

function tagTooltip(img: ImageSummary, ref: string, inUse: boolean): string {
  return [
    ref,
    l10n.t('Id: {0}', img.Id.replace(/^sha256:/, '').slice(0, 12)),
    l10n.t('Size: {0}', formatSize(img.Size)),
    l10n.t('Created: {0}', isoTime(img.Created)),
    inUse
      ? img.Containers > 0
        ? l10n.t('In use by {0} container(s)', img.Containers)
        : l10n.t('In use by at least one container')
      : l10n.t('Not used by any container'),
    ...(img.RepoDigests ?? []).map((d) => l10n.t('Digest: {0}', d)),
  ].join('\n');
}

export const buildImagesTree: UsedResourcesTree<ImageSummary, ImageViewOptions> = (images, containers, o = {}) => {
  const used = imagesInUse(containers);
  const repos = new Map<string, Array<{ tag: string; img: ImageSummary }>>();
  const dangling: ImageSummary[] = [];
  for (const img of images) {
    const tags = realTags(img);
    if (!tags.length) {
      dangling.push(img);
      continue;
    }
    for (const ref of tags) {
      if (!matchesFilter(o.filter, [ref], img.Labels)) continue;
      const [repo, tag] = splitRepoTag(ref);
      (repos.get(repo) ?? repos.set(repo, []).get(repo)!).push({ tag, img });
    }
  }
  const repoEntries = [...repos.entries()].map(([repo, tags]) => ({
    repo,
    tags,
    created: Math.max(...tags.map((t) => t.img.Created)),
  }));
  const sortedRepos = sortBy(
    repoEntries,
    o.sort,
    (r) => r.repo,
    (r) => r.created,
    (r) => (r.tags.some((t) => used.has(t.img.Id)) ? 0 : 1),
  );
  const nodes: ExplorerNode[] = sortedRepos.map(({ repo, tags }) => {
    const anyUsed = tags.some((t) => used.has(t.img.Id));
    const children = sortBy(
      tags,
      o.sort,
      (t) => t.tag,
      (t) => t.img.Created,
      (t) => (used.has(t.img.Id) ? 0 : 1),
    ).map(({ tag, img }) => {
      const ref = `${repo}:${tag}`;
      const inUse = used.has(img.Id);
      return {
        id: `image/${ref}`,
        label: tag,
        description: [inUse ? l10n.t('● in use') : undefined, formatSize(img.Size), formatAge(img.Created)]
          .filter(Boolean)
          .join(' · '),
        tooltip: tagTooltip(img, ref, inUse),
        icon: { id: 'tag', color: inUse ? 'charts.green' : undefined },
        contextValue: inUse ? 'imageTag.inUse' : 'imageTag',
        ref: { kind: 'image' as const, id: img.Id, name: ref },
      };
    });
    return {
      id: `images/repo/${repo}`,
      label: repo,
      description:
        (tags.length > 1 ? l10n.t('{0} tags', tags.length) : l10n.t('{0} tag', tags.length)) +
        (anyUsed ? ` · ${l10n.t('● in use')}` : ''),
      icon: { id: 'file-media', color: anyUsed ? 'charts.green' : undefined },
      contextValue: 'imageRepo',
      children,
      ref: { kind: 'repository' as const, id: repo, name: repo },
    };
  });
  if (o.showDangling) {
    const shown = dangling.filter((img) => matchesFilter(o.filter, [img.Id, '<none>'], img.Labels));
    for (const img of sortBy(
      shown,
      o.sort,
      (i) => i.Id,
      (i) => i.Created,
    )) {
      const inUse = used.has(img.Id);
      const short = img.Id.replace(/^sha256:/, '').slice(0, 12);
      nodes.push({
        id: `image/${img.Id}`,
        label: `<none> ${short}`,
        description: [
          inUse ? l10n.t('● in use') : l10n.t('dangling'),
          formatSize(img.Size),
          formatAge(img.Created),
        ].join(' · '),
        tooltip: tagTooltip(img, `<none> (${short})`, inUse),
        icon: { id: 'circle-slash' },
        contextValue: inUse ? 'image.dangling.inUse' : 'image.dangling',
        ref: { kind: 'image', id: img.Id, name: short },
      });
    }
  }
  return nodes;
};
