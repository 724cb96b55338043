// Prune per kind and "prune everything unused": each works out first what would go and about how much it frees
// (prune.ts plans), shows that in a modal question, prunes only after "Prune", and then says what the engine removed
// and freed. Questions go through prompts.ts, so the extension-host tests answer them.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../commands/progress';
import { confirm, pick, pickMany } from '../commands/prompts';
import type { Engine } from '../engine/engine';
import type { PruneKind, PruneOutcome, PrunePlan } from '../engine/prune';
import { SystemPruneError, volumePruneTakesNamed } from '../engine/prune';
import { formatSize } from '../format-size';

/** What a prune showed and reported, for the extension-host tests. */
export interface PruneRecord {
  plans: PrunePlan[];
  outcomes: PruneOutcome[];
  report: string;
}

/** Each kind in words: with a count, and without one (for "there are no …" and failures). */
const KIND_WORDS: Record<PruneKind, [counted: (n: number) => string, name: () => string]> = {
  containers: [(n) => vscode.l10n.t('{0} stopped container(s)', n), () => vscode.l10n.t('stopped containers')],
  danglingImages: [(n) => vscode.l10n.t('{0} dangling image(s)', n), () => vscode.l10n.t('dangling images')],
  allImages: [(n) => vscode.l10n.t('{0} unused image(s)', n), () => vscode.l10n.t('unused images')],
  volumes: [(n) => vscode.l10n.t('{0} unused volume(s)', n), () => vscode.l10n.t('unused volumes')],
  networks: [(n) => vscode.l10n.t('{0} unused network(s)', n), () => vscode.l10n.t('unused networks')],
  buildCache: [(n) => vscode.l10n.t('{0} build cache record(s)', n), () => vscode.l10n.t('build cache records')],
};

export function kindNoun(kind: PruneKind, n: number): string {
  return KIND_WORDS[kind][0](n);
}

/** The kind without a count, for "there are no …" and failures. */
export function kindName(kind: PruneKind): string {
  return KIND_WORDS[kind][1]();
}

/** The names a question lists: the first 12, then how many more. */
function listNames(plan: PrunePlan): string {
  const shown = plan.items.slice(0, 12).map((i) => `• ${i.name}${i.size ? ` (${formatSize(i.size)})` : ''}`);
  const more = plan.items.length - shown.length;
  return [...shown, ...(more > 0 ? [vscode.l10n.t('… and {0} more', more)] : [])].join('\n');
}

function outcomeText(o: PruneOutcome): string {
  return vscode.l10n.t('{0}, {1} freed', kindNoun(o.kind, o.deleted.length), formatSize(o.spaceReclaimed));
}

/** For images and volumes, which prune: asked first. Undefined when the user pressed Escape. */
async function chooseVariant(
  engine: Engine,
  kind: PruneKind,
): Promise<{ kind: PruneKind; allVolumes?: boolean } | undefined> {
  if (kind === 'danglingImages' || kind === 'allImages') {
    const choice = await pick(
      [
        {
          label: vscode.l10n.t('Dangling images'),
          description: vscode.l10n.t('untagged, used by no container'),
          k: 'danglingImages' as const,
        },
        {
          label: vscode.l10n.t('All unused images'),
          description: vscode.l10n.t('every image no container uses, tagged or not'),
          k: 'allImages' as const,
        },
      ],
      { placeHolder: vscode.l10n.t('Which images to prune?') },
    );
    return choice && { kind: choice.k };
  }
  if (kind === 'volumes') {
    const ctx = { podman: engine.info.podman, apiVersion: engine.info.apiVersion };
    if (volumePruneTakesNamed(ctx, false)) return { kind }; // this engine removes every unused volume anyway
    const choice = await pick(
      [
        {
          label: vscode.l10n.t('Anonymous volumes'),
          description: vscode.l10n.t('unnamed, used by no container (the engine default)'),
          all: false,
        },
        { label: vscode.l10n.t('All unused volumes'), description: vscode.l10n.t('named ones too'), all: true },
      ],
      { placeHolder: vscode.l10n.t('Which volumes to prune?') },
    );
    return choice && { kind, allVolumes: choice.all };
  }
  return { kind };
}

/** Prunes one kind after showing its plan; resolves with what was shown and done (undefined: nothing happened). */
export async function pruneCommand(engine: Engine, requested: PruneKind): Promise<PruneRecord | undefined> {
  const variant = await chooseVariant(engine, requested);
  if (!variant) return undefined;
  const { kind, allVolumes } = variant;
  const plan = await withCancellableProgress(vscode.l10n.t('Working out what a prune would remove…'), (signal) =>
    engine.planPrune(kind, { allVolumes, signal }),
  );
  if (!plan.items.length) {
    const report = vscode.l10n.t('Nothing to prune: there are no {0}.', kindName(kind));
    void vscode.window.showInformationMessage(report);
    return { plans: [plan], outcomes: [], report };
  }
  const question = plan.bytes
    ? vscode.l10n.t('Remove {0}? This frees about {1}.', kindNoun(kind, plan.items.length), formatSize(plan.bytes))
    : vscode.l10n.t('Remove {0}?', kindNoun(kind, plan.items.length));
  const extra = kind === 'volumes' ? `\n\n${vscode.l10n.t('The data in these volumes is deleted.')}` : '';
  if (!(await confirm(question, vscode.l10n.t('Prune'), listNames(plan) + extra))) return undefined;
  const outcome = await withCancellableProgress(
    vscode.l10n.t('Pruning {0}…', kindNoun(kind, plan.items.length)),
    (signal) => engine.prune(kind, { allVolumes, signal }),
  );
  const report = vscode.l10n.t('Pruned: {0}.', outcomeText(outcome));
  void vscode.window.showInformationMessage(report);
  return { plans: [plan], outcomes: [outcome], report };
}

/** `docker system prune` after showing every kind's plan; with or without all images, and volumes. */
export async function systemPruneCommand(engine: Engine): Promise<PruneRecord | undefined> {
  const allImagesLabel = vscode.l10n.t('All unused images, not only dangling ones');
  const volumesLabel = vscode.l10n.t('Unused volumes too (their data is deleted)');
  const options = await pickMany([{ label: allImagesLabel }, { label: volumesLabel }], {
    placeHolder: vscode.l10n.t(
      'Prune everything unused: stopped containers, unused networks, dangling images and build cache. Also…',
    ),
  });
  if (!options) return undefined;
  const o = {
    allImages: options.some((x) => x.label === allImagesLabel),
    volumes: options.some((x) => x.label === volumesLabel),
  };
  const plans = await withCancellableProgress(vscode.l10n.t('Working out what a prune would remove…'), (signal) =>
    engine.planSystemPrune({ ...o, signal }),
  );
  const total = plans.reduce((s, p) => s + p.bytes, 0);
  const detail = plans
    .map((p) => `${kindNoun(p.kind, p.items.length)}${p.bytes ? ` · ${formatSize(p.bytes)}` : ''}`)
    .join('\n');
  const question = vscode.l10n.t('Prune everything unused? This frees about {0}.', formatSize(total));
  if (!(await confirm(question, vscode.l10n.t('Prune'), detail))) return undefined;
  try {
    const outcomes = await withCancellableProgress(vscode.l10n.t('Pruning everything unused…'), (signal) =>
      engine.systemPrune({ ...o, signal }),
    );
    const freed = outcomes.reduce((s, x) => s + x.spaceReclaimed, 0);
    const report = vscode.l10n.t('Pruned {0}: {1}.', formatSize(freed), outcomes.map(outcomeText).join('; '));
    void vscode.window.showInformationMessage(report);
    return { plans, outcomes, report };
  } catch (e) {
    if (!(e instanceof SystemPruneError)) throw e;
    const report = vscode.l10n.t(
      'Pruning {0} failed: {1}. Done before it: {2}.',
      kindName(e.failedKind),
      e.message,
      e.done.map(outcomeText).join('; ') || vscode.l10n.t('nothing'),
    );
    void vscode.window.showErrorMessage(report);
    return { plans, outcomes: e.done, report };
  }
}
