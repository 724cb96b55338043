// Commit a container to an image (repository, tag, author, message, changes; the new image revealed), rename a
// container, and pull any image by reference with per-layer progress, Cancel, and a failure that says whether it was
// the login, the name or the network. Credentials for a pull are docker's own (engine/credentials.ts).
import * as vscode from 'vscode';
import { withCancellableProgress } from '../commands/progress';
import { confirm, input } from '../commands/prompts';
import { requireTrust } from '../commands/shared';
import { CredentialError } from '../engine/credentials';
import type { Engine } from '../engine/engine';
import { PullError, type PullResult } from '../engine/pull';
import { askChanges, movedTagNote, referenceProblem, splitTarget } from './archive-commands';

export async function commitContainerCommand(
  engine: Engine,
  container: { id: string; name: string },
): Promise<string | undefined> {
  const target = await input({
    prompt: vscode.l10n.t('Repository and tag of the image made from {0}', container.name),
    placeHolder: 'team/app:snapshot',
    validateInput: (v) => referenceProblem(v, true),
  });
  if (!target) return undefined;
  const author = await input({ prompt: vscode.l10n.t('Author (optional), e.g. "Jane Doe <jane@example.com>"') });
  if (author === undefined) return undefined;
  const message = await input({ prompt: vscode.l10n.t('Commit message (optional)') });
  if (message === undefined) return undefined;
  const changes = await askChanges();
  if (changes === undefined) return undefined;
  const [repository, tag = 'latest'] = splitTarget(target);
  const moved = await movedTagNote(engine, repository, tag);
  if (moved && !(await confirm(moved, vscode.l10n.t('Commit')))) return undefined;
  try {
    const id = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Committing {0}…', container.name) },
      () => engine.commitContainer(container.id, { repository, tag, author, message, changes }),
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Committed {0} as {1}:{2}.', container.name, repository, tag),
    );
    void vscode.commands.executeCommand('berth.explorer.reveal', 'images', {
      kind: 'image',
      name: `${repository}:${tag}`,
      id,
    });
    return id;
  } catch (e) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Committing {0} failed: {1}', container.name, (e as Error).message),
    );
    return undefined;
  }
}

export async function renameContainerCommand(
  engine: Engine,
  container: { id: string; name: string },
  given?: string,
): Promise<string | undefined> {
  const name =
    given ??
    (await input({
      prompt: vscode.l10n.t('New name for {0}', container.name),
      value: container.name,
      validateInput: (v) =>
        /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v.trim())
          ? undefined
          : vscode.l10n.t('Letters, digits, "_", "." and "-", starting with a letter or digit'),
    }));
  if (!name || name.trim() === container.name) return undefined;
  try {
    await engine.renameContainer(container.id, name.trim());
    void vscode.window.showInformationMessage(vscode.l10n.t('Renamed {0} to {1}.', container.name, name.trim()));
    return name.trim();
  } catch (e) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Renaming {0} failed: {1}', container.name, (e as Error).message),
    );
    return undefined;
  }
}

/** Pulls a reference the user types (or is given); resolves with the result, undefined when stopped or failed. */
export async function pullImageCommand(engine: Engine, given?: string): Promise<PullResult | undefined> {
  if (
    !requireTrust(
      vscode.l10n.t('pull images'),
      vscode.l10n.t('pulling sends registry credentials to the engine and creates images on it'),
    )
  )
    return undefined;
  const reference =
    given ??
    (await input({
      prompt: vscode.l10n.t('Image to pull'),
      placeHolder: 'nginx:1.27, registry.example.com/team/app:1.0, …@sha256:…',
      validateInput: (v) =>
        /^[a-z0-9][\w.\-/:]*(@sha256:[0-9a-f]{64})?$/i.test(v.trim())
          ? undefined
          : vscode.l10n.t('Use name[:tag] or name@sha256:digest'),
    }));
  if (!reference) return undefined;
  const ref = reference.trim();
  try {
    const r = await withCancellableProgress(vscode.l10n.t('Pulling {0}', ref), (signal, progress) => {
      let shown = 0;
      return engine.pullImage(ref, {
        signal,
        onProgress: (p) => {
          const pct = Math.floor(p.fraction * 100);
          const done = p.layers.filter((l) => /^(Pull complete|Already exists)/.test(l.status)).length;
          const active = p.layers.find((l) => /^(Downloading|Extracting)/.test(l.status));
          progress.report({
            increment: Math.max(0, pct - shown),
            message: vscode.l10n.t(
              '{0} of {1} layers{2}',
              done,
              p.layers.length,
              active ? ` · ${active.id}: ${active.status}` : '',
            ),
          });
          shown = Math.max(shown, pct);
        },
      });
    });
    void vscode.window.showInformationMessage(
      r.credentialSource
        ? vscode.l10n.t('Pulled {0} (credentials from {1}).', ref, r.credentialSource)
        : vscode.l10n.t('Pulled {0}.', ref),
    );
    void vscode.commands.executeCommand('berth.explorer.reveal', 'images', { kind: 'image', name: ref });
    return r;
  } catch (e) {
    if (e instanceof PullError && e.kind === 'cancelled') {
      void vscode.window.showWarningMessage(e.message);
    } else if (e instanceof PullError || e instanceof CredentialError) {
      void vscode.window.showErrorMessage(e.message);
    } else {
      void vscode.window.showErrorMessage(vscode.l10n.t('Pulling {0} failed: {1}', ref, (e as Error).message));
    }
    return undefined;
  }
}
