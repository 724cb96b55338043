// Files inside containers as a VS Code file system: berth-container://<container id>/<path>. Running and stopped
// containers alike, through the archive API (client/src/engine/container-files.ts); delete and rename run the
// container's own rm/mv, which only a running container can (the Engine API has neither). Every failure becomes a
// vscode.FileSystemError whose message says what to do.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { ContainerFiles } from '../engine/container-files';
import type { ContainerPathStat, ContainerPathType } from '../engine/container-files/path';
import { EngineError } from '../engine/errors';

export const CONTAINER_FILES_SCHEME = 'berth-container';

export function containerFileUri(containerId: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CONTAINER_FILES_SCHEME, authority: containerId, path });
}

/** How many links a path may pass through before it is called a loop (Linux's own limit is 40; 8 is plenty here). */
const MAX_LINK_HOPS = 8;

function fileType(t: ContainerPathType): vscode.FileType {
  if (t === 'directory') return vscode.FileType.Directory;
  if (t === 'file') return vscode.FileType.File;
  return vscode.FileType.Unknown;
}

/** An engine failure as the FileSystemError VS Code acts on (FileNotFound lets "save" create a file, and so on). */
export function toFileSystemError(e: unknown, uri: vscode.Uri): vscode.FileSystemError {
  if (e instanceof vscode.FileSystemError) return e;
  if (!(e instanceof EngineError)) return vscode.FileSystemError.Unavailable((e as Error)?.message ?? String(e));
  const text = e.message;
  if (e.kind !== 'api') return vscode.FileSystemError.Unavailable(text);
  if (/no longer exists/.test(text)) return vscode.FileSystemError.Unavailable(text);
  if (e.statusCode === 404) return vscode.FileSystemError.FileNotFound(uri);
  if (/is a folder, not a file/.test(text)) return vscode.FileSystemError.FileIsADirectory(text);
  if (e.statusCode === 403 || /permission denied|read-only/.test(text))
    return vscode.FileSystemError.NoPermissions(text);
  return vscode.FileSystemError.Unavailable(text);
}

export class ContainerFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  /** `files` connects (on first use) and loads the engine code: nothing of it runs at activation. */
  constructor(private readonly files: () => Promise<ContainerFiles>) {}

  dispose(): void {
    this.emitter.dispose();
  }

  // The engine reports no file changes, so there is nothing to watch: the tree re-reads a folder on refresh.
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  private async run<T>(uri: vscode.Uri, fn: (f: ContainerFiles, id: string, path: string) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.files(), uri.authority, uri.path || '/');
    } catch (e) {
      throw toFileSystemError(e, uri);
    }
  }

  /**
   * Follows links the way the container would, always inside it: a target is resolved against the link's folder
   * and then read through the archive API, which scopes every path to the container's root filesystem. So a link to
   * /etc/passwd opens the container's /etc/passwd, never the host's.
   */
  private async resolve(
    files: ContainerFiles,
    id: string,
    path: string,
  ): Promise<{ path: string; stat: ContainerPathStat }> {
    let current = path;
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const stat = await files.stat(id, current);
      if (stat.type !== 'symlink' || !stat.linkTarget) return { path: current, stat };
      current = posix.resolve(posix.dirname(current), stat.linkTarget);
    }
    throw vscode.FileSystemError.Unavailable(
      vscode.l10n.t('{0} is a chain of more than {1} links (a loop?).', path, MAX_LINK_HOPS),
    );
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.run(uri, async (files, id, path) => {
      const own = await files.stat(id, path);
      let type = fileType(own.type);
      let size = own.size;
      if (own.type === 'symlink') {
        // A link to a file or folder is that type as well as a link; a dangling link stays a bare link.
        const target = await this.resolve(files, id, path).catch(() => undefined);
        type = vscode.FileType.SymbolicLink | (target ? fileType(target.stat.type) : vscode.FileType.Unknown);
        size = target?.stat.size ?? own.size;
      }
      return {
        type,
        size,
        ctime: own.mtime.getTime(),
        mtime: own.mtime.getTime(),
        permissions: undefined,
      };
    });
  }

  readDirectory(uri: vscode.Uri): Promise<Array<[string, vscode.FileType]>> {
    return this.run(uri, async (files, id, path) => {
      const listing = await files.list(id, path, { running: await files.isRunning(id) });
      return listing.entries.map((e) => [
        e.name,
        e.type === 'symlink' ? vscode.FileType.SymbolicLink : fileType(e.type),
      ]);
    });
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, async (files, id, path) => {
      const target = await this.resolve(files, id, path);
      return files.read(id, target.path);
    });
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    return this.run(uri, async (files, id, path) => {
      const existing = await this.resolve(files, id, path).catch((e: unknown) => {
        if (e instanceof EngineError && e.statusCode === 404 && !/no longer exists/.test(e.message)) return undefined;
        throw e;
      });
      if (existing && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
      if (!existing && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
      if (existing?.stat.type === 'directory') throw vscode.FileSystemError.FileIsADirectory(uri);
      // Saving keeps the file's owner and mode (and writes through a link to its target, as editors do).
      const owner = existing ? await files.owner(id, existing.path) : undefined;
      await files.write(id, existing?.path ?? path, Buffer.from(content), owner);
      this.emitter.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    });
  }

  createDirectory(uri: vscode.Uri): Promise<void> {
    return this.run(uri, async (files, id, path) => {
      await files.mkdir(id, path);
      this.emitter.fire([{ type: vscode.FileChangeType.Created, uri }]);
    });
  }

  delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    return this.run(uri, async (files, id, path) => {
      const own = await files.stat(id, path);
      await files.remove(id, path, {
        directory: own.type === 'directory',
        recursive: options.recursive,
      });
      this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    });
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    if (oldUri.authority !== newUri.authority)
      throw vscode.FileSystemError.NoPermissions(
        vscode.l10n.t('Files move within one container only: download and upload them to copy between containers.'),
      );
    return this.run(oldUri, async (files, id, from) => {
      const to = newUri.path;
      if (!options.overwrite) {
        const taken = await files.stat(id, to).then(
          () => true,
          () => false,
        );
        if (taken) throw vscode.FileSystemError.FileExists(newUri);
      }
      await files.rename(id, from, to);
      this.emitter.fire([
        { type: vscode.FileChangeType.Deleted, uri: oldUri },
        { type: vscode.FileChangeType.Created, uri: newUri },
      ]);
    });
  }

  /** Lets the tree drop its cached listings after a change made elsewhere (an upload). */
  changed(uris: vscode.Uri[]): void {
    this.emitter.fire(uris.map((uri) => ({ type: vscode.FileChangeType.Changed, uri })));
  }
}
