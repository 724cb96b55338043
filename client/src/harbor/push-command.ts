// "Push to Harbor…" and "Push…" on a local image: questions through prompts.ts, progress with Cancel in a notification,
// typed failures with what to do, and on success the digest, the artifact revealed and the pull command offered.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../commands/progress';
import { input, pick, confirm } from '../commands/prompts';
import { imageTarget, requireTrust } from '../commands/shared';
import { getEngine } from '../engine/manager';
import type { PushProgress } from '../engine/push';
import { splitReference } from '../image-reference';
import { dockerConfigAuth } from './references';
import { registryRefusal, type HarborInstance, type HarborInstances } from './instances';
import { log } from './log';
import { repositoryNameProblem, tagProblem } from './names';
import { PushError } from '../engine/push-failures';
import { pushToHarbor } from './push-flow';
import { ProjectApi } from './projects-rest';
import type { HarborClient } from './client';
import type { RegistryNode } from './tree/model';
import type { RegistriesProvider } from './tree/provider';

export interface PushOutcome {
  reference: string;
  digest?: string;
  failure?: string;
}

/** What a local image item or a caller passes: an explorer node (ref.name = repo:tag) or a reference string. */
type ImageArg = string | { ref?: { id?: string; name?: string } } | undefined;

export function registerPushCommands(
  context: vscode.ExtensionContext,
  instances: HarborInstances,
  provider: RegistriesProvider,
  view: vscode.TreeView<RegistryNode>,
  connected: (i: HarborInstance) => Promise<HarborClient>,
): { lastPush: () => PushOutcome | undefined } {
  let last: PushOutcome | undefined;
  /** A push command on a local image: it asks which image, once the workspace is trusted to `action` (`why`). */
  const regPush = (id: string, action: string, why: string, push: (source: string) => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (arg: ImageArg) => {
        const source = await trustedSource(arg, action, why);
        return source ? push(source) : undefined;
      }),
    );

  /** Runs one push to `reference` and keeps how it ended: the digest, announced, or the failure, reported. */
  const recordPush = async (reference: string, inst: HarborInstance | undefined, push: () => Promise<string>) => {
    try {
      const digest = await push();
      last = { reference, digest };
      announcePush(reference, digest);
    } catch (e) {
      last = { reference, failure: (e as Error).message };
      reportPushFailure(e, inst);
    }
    return last;
  };

  regPush(
    'berth.images.push',
    vscode.l10n.t('push images to Harbor'),
    vscode.l10n.t('pushing sends your Harbor secret to the container engine and creates repositories in Harbor'),
    async (source) => {
      let inst: HarborInstance | undefined;
      const all = instances.list();
      if (!all.length) {
        if (await confirm(vscode.l10n.t('No Harbor instance is connected.'), vscode.l10n.t('Connect Harbor…')))
          inst = await vscode.commands.executeCommand<HarborInstance | undefined>('berth.harbor.connect');
      } else {
        const chosen =
          all.length === 1
            ? all[0]
            : await pick(
                all.map((i) => ({ label: i.url, description: i.username, id: i.id })),
                { placeHolder: vscode.l10n.t('Push {0} to which Harbor?', source) },
              ).then((c) => c && instances.get(c.id));
        inst = chosen;
      }
      if (!inst) return undefined;
      const refusal = registryRefusal(inst);
      if (refusal) {
        log(`push refused: ${refusal}`);
        void vscode.window.showErrorMessage(refusal);
        return undefined;
      }
      const client = await connected(inst);
      const project = await chooseProject(client, inst);
      if (!project) return undefined;
      const { repository: defRepo, tag: defTag } = splitReference(source);
      const repository = await input({
        prompt: vscode.l10n.t('Repository in {0}', project),
        value: defRepo,
        validateInput: repositoryNameProblem,
      });
      if (!repository) return undefined;
      const tag = await input({ prompt: vscode.l10n.t('Tag'), value: defTag, validateInput: tagProblem });
      if (!tag) return undefined;
      const reference = `${inst.registryUrl}/${project}/${repository}:${tag}`;
      const target = inst;
      return recordPush(reference, target, async () => {
        const engine = await getEngine();
        const result = await withPushProgress(reference, (onProgress, signal) =>
          pushToHarbor(
            engine,
            client,
            target.registryUrl,
            { source, project, repository, tag },
            {
              onProgress,
              signal,
              offerCreateProject: async (p) => {
                if (
                  !(await confirm(
                    vscode.l10n.t('Project "{0}" does not exist on {1}.', p, target.url),
                    vscode.l10n.t('Create project and push'),
                    vscode.l10n.t('Harbor never creates projects on push.'),
                  ))
                )
                  return undefined;
                const vis = await pick(
                  [
                    { id: 'private', label: vscode.l10n.t('Private') },
                    { id: 'public', label: vscode.l10n.t('Public') },
                  ],
                  { placeHolder: vscode.l10n.t('Visibility of {0}', p) },
                );
                return vis && { public: vis.id === 'public' };
              },
            },
          ),
        );
        log(`pushed ${reference} (${result.digest})${result.createdProject ? `; created project ${project}` : ''}`);
        void revealArtifact(provider, view, target, project, `${project}/${repository}`, result.digest);
        return result.digest;
      });
    },
  );

  regPush(
    'berth.images.pushToRegistry',
    vscode.l10n.t('push images'),
    vscode.l10n.t('pushing sends the registry credentials of ~/.docker/config.json to the container engine'),
    async (source) => {
      const reference = await input({
        prompt: vscode.l10n.t('Push to (registry/repository:tag)'),
        value: /^[^/]*\.[^/]*\//.test(source) ? source : '',
        placeHolder: 'registry.example.com/team/web:1.0',
        validateInput: (v) =>
          /^[^/\s]+\/[^\s:@]+(:[\w][\w.-]{0,127})?$/.test(v)
            ? undefined
            : vscode.l10n.t('Use registry-host[:port]/repository[:tag]'),
      });
      if (!reference) return undefined;
      const slash = reference.indexOf('/'); // validateInput above requires registry-host/…
      const registry = reference.slice(0, slash);
      const { repository, tag } = splitReference(reference.slice(slash + 1));
      return recordPush(reference, undefined, async () => {
        const engine = await getEngine();
        // tagAndPush undoes its tag when the push fails or is cancelled (or says in the advice that it left it).
        const result = await withPushProgress(reference, (onProgress, signal) =>
          engine.tagAndPush(source, { registry, repository, tag }, dockerConfigAuth(registry), {
            onProgress,
            signal,
          }),
        );
        log(`pushed ${reference} (${result.digest})`);
        return result.digest;
      });
    },
  );
  return { lastPush: () => last };
}

/** The local image to push, once the workspace is trusted (pushing sends credentials to the engine). */
async function trustedSource(arg: ImageArg, action: string, why: string): Promise<string | undefined> {
  return requireTrust(action, why) ? imageTarget(arg, vscode.l10n.t('Local image to push')) : undefined;
}

function announcePush(reference: string, digest: string): void {
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Pushed {0} — {1}', reference, digest), vscode.l10n.t('Copy pull command'))
    .then((b) => (b ? vscode.env.clipboard.writeText(`docker pull ${reference}`) : undefined));
}

async function withPushProgress<T>(
  reference: string,
  run: (onProgress: (p: PushProgress) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withCancellableProgress(vscode.l10n.t('Pushing {0}', reference), (signal, progress) => {
    let reported = 0;
    return run((p) => {
      const pct = Math.round((p.fraction ?? 0) * 100);
      const busy = p.layers.filter(
        (l) => l.status === 'Pushing' || l.status === 'Preparing' || l.status === 'Waiting',
      ).length;
      progress.report({
        increment: Math.max(0, pct - reported),
        message: busy
          ? vscode.l10n.t('{0} layers, {1} in progress', p.layers.length, busy)
          : vscode.l10n.t('{0} layers', p.layers.length),
      });
      reported = Math.max(reported, pct);
    }, signal);
  });
}

function reportPushFailure(e: unknown, inst: HarborInstance | undefined): void {
  if (!(e instanceof PushError)) {
    log(`push failed: ${(e as Error).message}`);
    void vscode.window.showErrorMessage((e as Error).message);
    return;
  }
  const f = e.failure;
  log(`push failed (${f.kind}): ${f.raw}`);
  if (f.kind === 'cancelled') return;
  const actions: string[] = [];
  const copy = vscode.l10n.t('Copy {0} snippet', f.snippetFile ?? 'daemon.json');
  const ADD = vscode.l10n.t('Add to daemon.json…');
  const reenter = vscode.l10n.t('Re-enter secret');
  const registry =
    f.kind === 'httpsToHttp' && f.snippetFile === 'daemon.json' ? insecureRegistryOf(f.snippet) : undefined;
  if (registry) actions.push(ADD);
  if (f.kind === 'httpsToHttp') actions.push(copy);
  if (f.kind === 'unauthorized' && inst) actions.push(reenter);
  void vscode.window.showErrorMessage(`${f.message} ${f.advice}`, ...actions).then((b) => {
    if (b === copy && f.snippet) return vscode.env.clipboard.writeText(f.snippet);
    if (b === ADD && registry) return vscode.commands.executeCommand('berth.engine.addInsecureRegistry', registry);
    if (b === reenter && inst) return vscode.commands.executeCommand('berth.harbor.reenterSecret', inst.id);
    return undefined;
  });
}

/** The registry named in a daemon.json snippet of the plain-HTTP advice. */
function insecureRegistryOf(snippet: string | undefined): string | undefined {
  try {
    const list = (JSON.parse(snippet ?? '') as { 'insecure-registries'?: unknown })['insecure-registries'];
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined;
  } catch {
    return undefined;
  }
}

async function chooseProject(client: HarborClient, inst: HarborInstance): Promise<string | undefined> {
  const names: string[] = [];
  for (let page = 1; page <= 10; page++) {
    const p = await new ProjectApi(client).listProjects(page, 100);
    names.push(...p.items.map((x) => x.name));
    if (!p.hasNext) break;
  }
  const CREATE = `$(add) ${vscode.l10n.t('Create project…')}`;
  const items = [...names.map((n) => ({ label: n })), ...(inst.mayCreateProjects ? [{ label: CREATE }] : [])];
  const chosen = await pick(items, { placeHolder: vscode.l10n.t('Harbor project') });
  if (chosen?.label !== CREATE) return chosen?.label;
  return vscode.commands.executeCommand<string | undefined>('berth.harbor.createProject', {
    kind: 'instance',
    key: `harbor:${inst.id}`,
    inst,
  });
}

async function revealArtifact(
  provider: RegistriesProvider,
  view: vscode.TreeView<RegistryNode>,
  inst: HarborInstance,
  project: string,
  repoName: string,
  digest: string,
): Promise<void> {
  const root =
    provider.store.byKey(`harbor:${inst.id}`) ??
    (await provider.getChildren()).find((n) => n.key === `harbor:${inst.id}`);
  if (!root) return;
  provider.refresh(root);
  const p = (await provider.getChildren(root)).find((n) => n.kind === 'project' && n.project.name === project);
  const r = p && (await provider.getChildren(p)).find((n) => n.kind === 'repository' && n.repo.name === repoName);
  const a = r && (await provider.getChildren(r)).find((n) => n.kind === 'artifact' && n.artifact.digest === digest);
  if (a && view.visible) await view.reveal(a, { select: true, focus: false, expand: true });
}
