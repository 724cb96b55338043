// Harbor commands on one artifact of the Registries view: copy its reference or pull command, pull it into the
// engine, delete a tag or the artifact, scan it.
import * as vscode from 'vscode';
import { confirm, pick } from '../commands/prompts';
import { requireTrust } from '../commands/shared';
import { getEngine } from '../engine/manager';
import { HarborError } from './errors';
import { registryRefusal } from './instances';
import { log } from './log';
import { imageReference, stripProject } from './names';
import type { HarborCommandKit } from './commands';
import type { RegistryNode } from './tree/model';

export function registerArtifactCommands(kit: HarborCommandKit): void {
  const { provider, reg, connected, fail } = kit;
  const artifactOf = (n: RegistryNode | undefined) => (n?.kind === 'artifact' ? n : undefined);
  reg('berth.harbor.copyPullCommand', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (!a) return;
    await vscode.env.clipboard.writeText(`docker pull ${artifactReference(a)}`);
    void vscode.window.setStatusBarMessage('Pull command copied', 3000);
  });
  reg('berth.harbor.copyReference', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (!a) return;
    await vscode.env.clipboard.writeText(artifactReference(a));
    void vscode.window.setStatusBarMessage('Reference copied', 3000);
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
    const detail = `This removes the manifest ${a.artifact.digest}${tags.length ? ` and all its tags: ${tags.join(', ')}` : ''}. Anyone pulling those references gets "not found". It cannot be undone.`;
    if (!(await confirm(`Delete this artifact of ${a.repo.name}?`, 'Delete artifact', detail))) return;
    try {
      await (await connected(a.inst)).deleteArtifact(a.project.name, a.repo.name, a.artifact.digest);
      log(`deleted ${a.repo.name}@${a.artifact.digest}`);
      provider.refresh(provider.getParent(a));
    } catch (e) {
      fail('Deleting the artifact', e);
    }
  });
  reg('berth.harbor.scan', async (n?: RegistryNode) => {
    const a = artifactOf(n);
    if (!a) return;
    try {
      const c = await connected(a.inst);
      await c.startScan(a.project.name, a.repo.name, a.artifact.digest);
      provider.store.setScanning(a, true);
      provider.refresh(a);
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Scanning ${a.repo.name}` },
        () => c.waitForScan(a.project.name, a.repo.name, a.artifact.digest),
      );
    } catch (e) {
      if (e instanceof HarborError && e.kind === 'noScanner') void vscode.window.showWarningMessage(e.message);
      else fail('Scanning', e);
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
      'pull images from Harbor',
      'pulling sends your Harbor secret to the container engine and creates images on it',
    )
  )
    return;
  const ref = artifactReference(a);
  const refusal = registryRefusal(a.inst);
  if (refusal) {
    fail(`Pulling ${ref}`, new Error(refusal));
    return;
  }
  try {
    const c = await connected(a.inst);
    const engine = await getEngine();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Pulling ${ref}`, cancellable: true },
      async (progress, token) => {
        const ctl = new AbortController();
        token.onCancellationRequested(() => ctl.abort());
        let last = 0;
        await engine.pull(
          ref,
          a.inst.registryUrl,
          { username: c.conn.username, password: c.conn.secret, serveraddress: a.inst.registryUrl },
          {
            signal: ctl.signal,
            onProgress: (p) => {
              const f = Math.round((p.fraction ?? 0) * 100);
              if (f > last) {
                progress.report({ increment: f - last, message: `${p.layers.length} layers` });
                last = f;
              }
            },
          },
        );
      },
    );
    log(`pulled ${ref}`);
    void vscode.window.showInformationMessage(`Pulled ${ref}`);
  } catch (e) {
    fail(`Pulling ${ref}`, e);
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
            { placeHolder: 'Tag to delete' },
          )
        )?.label;
  if (!tag) return;
  const others = tags.filter((t) => t !== tag);
  const detail = others.length
    ? `The artifact ${a.artifact.digest.slice(0, 19)} stays, with its other tags: ${others.join(', ')}.`
    : `The artifact ${a.artifact.digest.slice(0, 19)} stays but becomes untagged; garbage collection or a retention rule may remove it.`;
  if (
    !(await confirm(
      `Delete tag ${tag} of ${a.project.name}/${stripProject(a.project.name, a.repo.name)}?`,
      'Delete tag',
      detail,
    ))
  )
    return;
  try {
    await (await connected(a.inst)).deleteTag(a.project.name, a.repo.name, a.artifact.digest, tag);
    log(`deleted tag ${tag} of ${a.repo.name}`);
    provider.refresh(provider.getParent(a));
  } catch (e) {
    fail(`Deleting tag ${tag}`, e);
  }
}
