// Save images to a .tar, load a .tar, export a container's filesystem, import a tarball as an image. Each shows byte
// progress with Cancel; a cancelled save or export leaves no file (engine/archive-file.ts); a load that would move
// an existing tag, and every import, ask first; a failed or cancelled load says what it loaded all the same.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../commands/progress';
import { confirm, input, openDialog, saveDialog } from '../commands/prompts';
import { parseChanges } from '../engine/commit';
import type { Engine } from '../engine/engine';
import { LoadError, readArchive, type ArchiveProgress } from '../engine/image-archive';
import { formatSize } from '../format-size';

/** A file a command was given (a Uri or a path, from a test or another command), else one the user picks. */
export function fileArg(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string' && arg) return arg;
  return undefined;
}

/** Where to write: the given file (asking before replacing one), else the save dialog (which asks itself). */
async function targetFile(arg: unknown, defaultName: string, filterName: string): Promise<string | undefined> {
  const given = fileArg(arg);
  if (given) {
    if (
      existsSync(given) &&
      !(await confirm(vscode.l10n.t('{0} exists. Replace it?', given), vscode.l10n.t('Replace')))
    )
      return undefined;
    return given;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await saveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
    filters: { [filterName]: ['tar'] },
  });
  return uri?.fsPath;
}

async function sourceFile(arg: unknown, title: string): Promise<string | undefined> {
  const given = fileArg(arg);
  if (given) return given;
  const uris = await openDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('Tar archives')]: ['tar'], [vscode.l10n.t('All files')]: ['*'] },
    title,
  });
  return uris?.[0]?.fsPath;
}

/** Runs `task` in a cancellable notification that shows bytes moved (and the share of the total when known). */
function withByteProgress<T>(
  title: string,
  task: (signal: AbortSignal, onProgress: (p: ArchiveProgress) => void) => Promise<T>,
): Thenable<T> {
  return withCancellableProgress(title, (signal, progress) => {
    let shown = 0;
    let lastReport = 0;
    return task(signal, (p) => {
      const now = Date.now();
      if (now - lastReport < 200) return; // a report per chunk would flood the notification
      lastReport = now;
      const pct = p.total ? Math.min(100, Math.floor((p.bytes * 100) / p.total)) : undefined;
      progress.report({
        message: pct === undefined ? formatSize(p.bytes) : `${formatSize(p.bytes)} / ${formatSize(p.total)}`,
        increment: pct === undefined ? undefined : pct - shown,
      });
      if (pct !== undefined) shown = pct;
    });
  });
}

export async function saveImagesCommand(engine: Engine, names: string[], arg: unknown): Promise<string | undefined> {
  if (!names.length) return undefined;
  const base = (names[0] ?? 'images').replace(/[/:@]/g, '_');
  const target = await targetFile(arg, `${base}.tar`, vscode.l10n.t('Image archives'));
  if (!target) return undefined;
  try {
    const size = await withByteProgress(
      vscode.l10n.t('Saving {0} to {1}', names.join(', '), target),
      (signal, onProgress) => engine.saveImages(names, target, { signal, onProgress }),
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Saved {0} to {1} ({2}).', names.join(', '), target, formatSize(size)),
    );
    return target;
  } catch (e) {
    const cancelled = e instanceof Error && /abort/i.test(e.name + e.message);
    void vscode.window[cancelled ? 'showWarningMessage' : 'showErrorMessage'](
      cancelled
        ? vscode.l10n.t('Saving was cancelled; no file was written.')
        : vscode.l10n.t('Saving {0} failed: {1}. No file was written.', names.join(', '), (e as Error).message),
    );
    return undefined;
  }
}

/** Loads an archive; resolves with what was loaded (undefined when the user stopped before loading). */
export async function loadImagesCommand(engine: Engine, arg: unknown): Promise<string[] | undefined> {
  const file = await sourceFile(arg, vscode.l10n.t('Load images from a .tar'));
  if (!file) return undefined;
  try {
    const archived = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0}…', file) },
      () => readArchive(file),
    );
    const conflicts = await engine.loadConflicts(archived);
    if (conflicts.length) {
      const detail = conflicts
        .map((c) =>
          vscode.l10n.t('{0}: now {1}, after loading {2}', c.tag, c.currentId.slice(7, 19), c.archiveId.slice(7, 19)),
        )
        .join('\n');
      const question = vscode.l10n.t(
        "Loading moves {0} existing tag(s) to the archive's images; the images they name now keep their other tags or become untagged.",
        conflicts.length,
      );
      if (!(await confirm(question, vscode.l10n.t('Load'), detail))) return undefined;
    }
    const result = await withByteProgress(vscode.l10n.t('Loading {0}', file), (signal, onProgress) =>
      engine.loadImages(file, { signal, onProgress }),
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Loaded {0}.',
        result.loaded.join(', ') || vscode.l10n.t('the archive (the engine named no image)'),
      ),
    );
    return result.loaded;
  } catch (e) {
    if (e instanceof LoadError) {
      const got = e.loadedAnyway.length ? e.loadedAnyway.join(', ') : vscode.l10n.t('nothing');
      void vscode.window.showWarningMessage(
        e.cancelled
          ? vscode.l10n.t('The load was cancelled. Loaded before it stopped: {0}.', got)
          : vscode.l10n.t('{0} Loaded before it failed: {1}.', e.message, got),
      );
      return e.loadedAnyway;
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('Loading {0} failed: {1}', file, (e as Error).message));
    return undefined;
  }
}

export async function exportContainerCommand(
  engine: Engine,
  container: { id: string; name: string },
  arg: unknown,
): Promise<string | undefined> {
  const target = await targetFile(arg, `${container.name}.tar`, vscode.l10n.t('Filesystem archives'));
  if (!target) return undefined;
  try {
    const size = await withByteProgress(
      vscode.l10n.t('Exporting {0} to {1}', container.name, target),
      (signal, onProgress) => engine.exportContainer(container.id, target, { signal, onProgress }),
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Exported the filesystem of {0} to {1} ({2}).', container.name, target, formatSize(size)),
    );
    return target;
  } catch (e) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Exporting {0} failed: {1}. No file was written.', container.name, (e as Error).message),
    );
    return undefined;
  }
}

/** repository[:tag], or nothing; the error text for an input box. */
export function referenceProblem(v: string, required: boolean): string | undefined {
  const t = v.trim();
  if (!t) return required ? vscode.l10n.t('A repository is needed, e.g. team/app:1.0') : undefined;
  return /^[a-z0-9]+(?:[._\-/][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/.test(t)
    ? undefined
    : vscode.l10n.t('Use repository[:tag] in lower case, e.g. registry.example.com/team/app:1.0');
}

/** repository[:tag] → [repository, tag]; the tag is what follows the last colon after the last slash. */
export function splitTarget(v: string): [string, string | undefined] {
  const t = v.trim();
  const colon = t.lastIndexOf(':');
  return colon > t.lastIndexOf('/') ? [t.slice(0, colon), t.slice(colon + 1)] : [t, undefined];
}

/** Asks for `--change` instructions (separated by `;`), checked as the engine would check them. */
export async function askChanges(): Promise<string[] | undefined> {
  const text = await input({
    prompt: vscode.l10n.t(
      'Changes to the image config, separated by ";" (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR…), or empty',
    ),
    placeHolder: 'ENV MODE=prod; EXPOSE 8080; CMD ["./serve"]',
    validateInput: (v) => {
      const r = parseChanges(v);
      return 'problem' in r ? r.problem : undefined;
    },
  });
  if (text === undefined) return undefined;
  const r = parseChanges(text);
  return 'changes' in r ? r.changes : [];
}

/** The tag a new image would take from another image, for the question before an import or commit. */
export async function movedTagNote(engine: Engine, repository: string, tag: string): Promise<string> {
  const ref = `${repository}:${tag}`;
  const existing = await engine.inspect('image', ref).then(
    (i) => (i as { Id?: string }).Id,
    () => undefined,
  );
  return existing
    ? vscode.l10n.t('{0} names image {1} now; it will name the new image instead.', ref, existing.slice(7, 19))
    : '';
}

export async function importImageCommand(engine: Engine, arg: unknown): Promise<string | undefined> {
  const file = await sourceFile(arg, vscode.l10n.t('Import a filesystem tarball as an image'));
  if (!file) return undefined;
  const target = await input({
    prompt: vscode.l10n.t('Repository and tag of the new image (empty: an untagged image)'),
    placeHolder: 'team/app:1.0',
    validateInput: (v) => referenceProblem(v, false),
  });
  if (target === undefined) return undefined;
  const message = await input({ prompt: vscode.l10n.t('Message for the image history (optional)') });
  if (message === undefined) return undefined;
  const changes = await askChanges();
  if (changes === undefined) return undefined;
  const [repository, tag] = target.trim() ? splitTarget(target) : [undefined, undefined];
  const moved = repository ? await movedTagNote(engine, repository, tag ?? 'latest') : '';
  const detail = [file, ...changes, moved].filter(Boolean).join('\n');
  const question = repository
    ? vscode.l10n.t('Import {0} as {1}:{2}?', file, repository, tag ?? 'latest')
    : vscode.l10n.t('Import {0} as an untagged image?', file);
  if (!(await confirm(question, vscode.l10n.t('Import'), detail))) return undefined;
  try {
    const id = await withByteProgress(vscode.l10n.t('Importing {0}', file), (signal, onProgress) =>
      engine.importImage(file, { repository, tag, message, changes, signal, onProgress }),
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Imported {0} as {1}.', file, repository ? `${repository}:${tag ?? 'latest'}` : id.slice(7, 19)),
    );
    void vscode.commands.executeCommand('berth.explorer.reveal', 'images', {
      kind: 'image',
      name: repository ? `${repository}:${tag ?? 'latest'}` : undefined,
      id,
    });
    return id;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Importing {0} failed: {1}', file, (e as Error).message));
    return undefined;
  }
}
