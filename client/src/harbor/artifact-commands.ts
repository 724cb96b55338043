// Harbor commands on one artifact of the Registries view: copy its reference or pull command, pull it into the
// engine, delete a tag or the artifact, scan it.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../commands/progress';
import { confirm, pick } from '../commands/prompts';
import { requireTrust } from '../commands/shared';
import { getEngine } from '../engine/manager';
import { ArtifactApi } from './artifacts-rest';
import { HarborError } from './errors';
import { registryRefusal } from './instances';
import { log } from './log';
import { imageReference, stripProject } from './names';
import { ScanApi } from './scan-rest';
import type { HarborCommandKit } from './commands';
import type { RegistryNode } from './tree/model';

export function registerArtifactCommands(kit: HarborCommandKit): void {
  const { provider, reg, connected, fail } = kit;
  const artifactOf = (n: RegistryNode | undefined) => (n?.kind === 'artifact' ? n : undefined);
  reg('berth.harbor.copyPullCommand', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (!a) return;
    await vscode.env.clipboard.writeText(`docker pull ${artifactReference(a)}`);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Pull command copied'), 3000);
  });
  reg('berth.harbor.copyReference', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (!a) return;
    await vscode.env.clipboard.writeText(artifactReference(a));
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Reference copied'), 3000);
  });
  reg('berth.harbor.pull', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (a) await pullArtifact(kit, a);
  });
  reg('berth.harbor.deleteTag', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (a) await deleteTag(kit, a);
  });
  reg('berth.harbor.deleteArtifact', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (!a) return;
    const tags = (a.artifact.tags ?? []).map((t) => t.name);
    const detail = tags.length
      ? vscode.l10n.t(
          'This removes the manifest {0} and all its tags: {1}. Anyone pulling those references gets "not found". It cannot be undone.',
          a.artifact.digest,
          tags.join(', '),
        )
      : vscode.l10n.t(
          'This removes the manifest {0}. Anyone pulling those references gets "not found". It cannot be undone.',
          a.artifact.digest,
        );
    const question = vscode.l10n.t('Delete this artifact of {0}?', a.repo.name);
    if (!(await confirm(question, vscode.l10n.t('Delete artifact'), detail))) return;
    try {
      await new ArtifactApi(await connected(a.inst)).deleteArtifact(a.project.name, a.repo.name, a.artifact.digest);
      log(`deleted ${a.repo.name}@${a.artifact.digest}`);
      provider.refresh(provider.getParent(a));
    } catch (e) {
      fail(vscode.l10n.t('Deleting the artifact'), e);
    }
  });
  reg('berth.harbor.scan', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (!a) return;
    try {
      const scans = new ScanApi(await connected(a.inst));
      await scans.startScan(a.project.name, a.repo.name, a.artifact.digest);
      provider.store.setScanning(a, true);
      provider.refresh(a);
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Scanning {0}', a.repo.name) },
        () => scans.waitForScan(a.project.name, a.repo.name, a.artifact.digest),
      );
    } catch (e) {
      if (e instanceof HarborError && e.kind === 'noScanner') void vscode.window.showWarningMessage(e.message);
      else fail(vscode.l10n.t('Scanning'), e);
    } finally {
      provider.store.setScanning(a, false);
      provider.refresh(provider.getParent(a));
    }
  });
}

function artifactReference(a: ArtifactNode): string {
  return imageReference(
    a.inst.registryUrl,
    a.project.name,
    a.repo.name,
    a.artifact.tags?.[0]?.name ?? a.artifact.digest,
  );
}

type ArtifactNode = Extract<RegistryNode, { kind: 'artifact' }>;

/** Pulls the artifact into the engine with the instance's credentials, with progress in a notification. */
async function pullArtifact({ connected, fail }: HarborCommandKit, a: ArtifactNode): Promise<void> {
  if (
    !requireTrust(
      vscode.l10n.t('pull images from Harbor'),
      vscode.l10n.t('pulling sends your Harbor secret to the container engine and creates images on it'),
    )
  )
    return;
  const ref = artifactReference(a);
  const refusal = registryRefusal(a.inst);
  if (refusal) {
    fail(vscode.l10n.t('Pulling {0}', ref), new Error(refusal));
    return;
  }
  try {
    const c = await connected(a.inst);
    const engine = await getEngine();
    await withCancellableProgress(vscode.l10n.t('Pulling {0}', ref), async (signal, progress) => {
      let last = 0;
      await engine.pull(
        ref,
        a.inst.registryUrl,
        { username: c.conn.username, password: c.conn.secret, serveraddress: a.inst.registryUrl },
        {
          signal,
          onProgress: (p) => {
            const f = Math.round((p.fraction ?? 0) * 100);
            if (f > last) {
              progress.report({ increment: f - last, message: vscode.l10n.t('{0} layers', p.layers.length) });
              last = f;
            }
          },
        },
      );
    });
    log(`pulled ${ref}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Pulled {0}', ref));
  } catch (e) {
    fail(vscode.l10n.t('Pulling {0}', ref), e);
  }
}

/** Deletes one tag of the artifact (asked when it has several); the artifact itself stays. */
async function deleteTag({ connected, fail, provider }: HarborCommandKit, a: ArtifactNode): Promise<void> {
  const tags = (a.artifact.tags ?? []).map((t) => t.name);
  const tag =
    tags.length === 1
      ? tags[0]
      : (
          await pick(
            tags.map((t) => ({ label: t })),
            { placeHolder: vscode.l10n.t('Tag to delete') },
          )
        )?.label;
  if (!tag) return;
  const others = tags.filter((t) => t !== tag);
  const detail = others.length
    ? vscode.l10n.t(
        'The artifact {0} stays, with its other tags: {1}.',
        a.artifact.digest.slice(0, 19),
        others.join(', '),
      )
    : vscode.l10n.t(
        'The artifact {0} stays but becomes untagged; garbage collection or a retention rule may remove it.',
        a.artifact.digest.slice(0, 19),
      );
  if (
    !(await confirm(
      vscode.l10n.t('Delete tag {0} of {1}?', tag, `${a.project.name}/${stripProject(a.project.name, a.repo.name)}`),
      vscode.l10n.t('Delete tag'),
      detail,
    ))
  )
    return;
  try {
    await new ArtifactApi(await connected(a.inst)).deleteTag(a.project.name, a.repo.name, a.artifact.digest, tag);
    log(`deleted tag ${tag} of ${a.repo.name}`);
    provider.refresh(provider.getParent(a));
  } catch (e) {
    fail(vscode.l10n.t('Deleting tag {0}', tag), e);
  }
}
