// Moving files between the host and a container: download a container file or folder into a host folder, upload
// host files or folders into a container folder. Both stream a tar (client/src/engine/container-files/transfer.ts) under a
// cancellable progress notification; symbolic links travel as links. A cancelled download leaves nothing on the
// host (it is staged and moved into place at the end); a cancelled upload keeps what the engine already extracted,
// since the engine extracts while the tar arrives and the API has no way to undo it.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../commands/progress';
import { confirm } from '../commands/prompts';
import type { ContainerFiles } from '../engine/container-files';
import { EngineError } from '../engine/errors';
import { formatSize } from '../format-size';
import type { ContainerFileRef } from './model';

/** Bytes a tar of these host paths carries, roughly: file sizes, links not followed. */
async function hostTreeSize(paths: string[]): Promise<number> {
  let total = 0;
  const walk = async (p: string): Promise<void> => {
    const st = await fs.lstat(p);
    total += 512 + (st.isFile() ? st.size : 0);
    if (st.isDirectory()) for (const name of await fs.readdir(p)) await walk(path.join(p, name));
  };
  for (const p of paths) await walk(p);
  return total;
}

const cancelled = (e: unknown) => e instanceof EngineError && e.kind === 'cancelled';

/**
 * Downloads each file or folder into `hostFolder`. Asks before replacing what is already there. Resolves with the
 * host paths written (an empty list when cancelled).
 */
export async function downloadToHost(
  files: ContainerFiles,
  refs: ContainerFileRef[],
  hostFolder: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const ref of refs) {
    const name = posix.basename(ref.path) || ref.containerName;
    const target = path.join(hostFolder, name);
    const exists = await fs.lstat(target).then(
      () => true,
      () => false,
    );
    if (
      exists &&
      !(await confirm(
        vscode.l10n.t('{0} already exists. Replace it with {1} from {2}?', target, ref.path, ref.containerName),
        vscode.l10n.t('Replace'),
      ))
    )
      continue;
    try {
      const done = await withCancellableProgress(
        vscode.l10n.t('Downloading {0} from {1}', ref.path, ref.containerName),
        (signal, progress) =>
          files.download(ref.containerId, ref.path, hostFolder, {
            signal,
            overwrite: exists,
            onProgress: (bytes) => progress.report({ message: formatSize(bytes) }),
          }),
      );
      written.push(done);
    } catch (e) {
      if (cancelled(e)) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Download of {0} cancelled: nothing was written.', ref.path),
        );
        return written;
      }
      throw e;
    }
  }
  return written;
}

/**
 * Uploads host files and folders into the container folder `folder`. Asks before replacing entries of the same
 * name. Resolves with whether it ran to the end.
 */
export async function uploadFromHost(
  files: ContainerFiles,
  folder: ContainerFileRef,
  hostPaths: string[],
): Promise<boolean> {
  const clashes: string[] = [];
  for (const p of hostPaths) {
    const inside = posix.join(folder.path, path.basename(p));
    if (
      await files.stat(folder.containerId, inside).then(
        () => true,
        () => false,
      )
    )
      clashes.push(inside);
  }
  if (
    clashes.length &&
    !(await confirm(
      vscode.l10n.t('{0} already exists in {1}. Replace?', clashes.join(', '), folder.containerName),
      vscode.l10n.t('Replace'),
    ))
  )
    return false;
  const total = await hostTreeSize(hostPaths);
  try {
    await withCancellableProgress(
      vscode.l10n.t('Uploading to {0} in {1}', folder.path, folder.containerName),
      async (signal, progress) => {
        let reported = 0;
        await files.upload(folder.containerId, hostPaths, folder.path, {
          signal,
          onProgress: (bytes) => {
            const percent = Math.min(100, (bytes / Math.max(total, 1)) * 100);
            progress.report({ message: `${formatSize(bytes)} / ${formatSize(total)}`, increment: percent - reported });
            reported = percent;
          },
        });
      },
    );
    return true;
  } catch (e) {
    if (cancelled(e)) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Upload to {0} cancelled: what the engine had already received stays in the container.',
          folder.path,
        ),
      );
      return false;
    }
    throw e;
  }
}
