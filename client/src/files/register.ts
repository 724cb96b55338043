// Wires files inside containers into VS Code: the berth-container file system, the lazily read Files tree under
// each container (a child loader of the Containers view), its commands, and drag and drop from VS Code's Explorer
// onto a Files folder.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { confirm, input, openDialog } from '../commands/prompts';
import type { ContainerFiles } from '../engine/container-files';
import type { ExplorerController } from '../explorer/controller';
import type { ExplorerNode } from '../explorer/model/nodes';
import type { ExplorerTreeProvider } from '../explorer/provider';
import { CONTAINER_FILES_SCHEME, ContainerFileSystem, containerFileUri } from './filesystem';
import {
  type ContainerFileRef,
  type FileNode,
  OPEN_FILE_COMMAND,
  folderChildren,
  folderErrorNode,
  isFileNode,
} from './model';
import { downloadToHost, uploadFromHost } from './transfer';

/** A listing is reused for this long when the whole Containers view redraws (any container event redraws it). */
const LISTING_REUSE_MS = 10_000;

export interface ContainerFilesApi {
  readonly fileSystem: ContainerFileSystem;
  readonly dragAndDrop: vscode.TreeDragAndDropController<ExplorerNode>;
  /** Hooks the Files tree into the Containers view's provider. */
  attach(provider: ExplorerTreeProvider): void;
}

const refOf = (n: unknown): ContainerFileRef | undefined => (isFileNode(n) ? n.file : undefined);
const folderOf = (ref: ContainerFileRef): ContainerFileRef =>
  ref.type === 'directory' ? ref : { ...ref, path: posix.dirname(ref.path), type: 'directory' };
const nodeId = (containerId: string, path: string) => `container/${containerId}/files:${path}`;

export function registerContainerFiles(
  context: vscode.ExtensionContext,
  controller: () => Promise<ExplorerController>,
): ContainerFilesApi {
  // The engine code (tar streams, dockerode) loads on the first file operation, not at activation.
  const engineFiles = async (): Promise<ContainerFiles> => {
    const [{ ContainerFiles: Files }, c] = await Promise.all([import('../engine/container-files'), controller()]);
    return Files.of(await c.engine());
  };
  const fileSystem = new ContainerFileSystem(engineFiles);
  let provider: ExplorerTreeProvider | undefined;
  const listings = new Map<string, { at: number; children: ExplorerNode[] }>();
  // The folder nodes VS Code holds: a change redraws the node object VS Code knows.
  const folders = new Map<string, FileNode>();

  const refreshFolder = (containerId: string, path: string) => {
    const id = nodeId(containerId, path);
    listings.delete(id);
    const node = folders.get(id);
    if (node) provider?.refreshNode(node);
  };

  const loadFolder = async (node: FileNode): Promise<ExplorerNode[]> => {
    folders.set(node.id, node);
    const cached = listings.get(node.id);
    if (cached && Date.now() - cached.at < LISTING_REUSE_MS) return cached.children;
    try {
      const files = await engineFiles();
      const listing = await files.list(node.file.containerId, node.file.path, { running: node.file.running });
      const children = folderChildren(node.file, listing);
      listings.set(node.id, { at: Date.now(), children });
      return children;
    } catch (err) {
      // Not kept: the next expansion asks again (the container may have been started meanwhile).
      return [folderErrorNode(node.file, (err as Error).message)];
    }
  };

  context.subscriptions.push(
    fileSystem,
    vscode.workspace.registerFileSystemProvider(CONTAINER_FILES_SCHEME, fileSystem, { isCaseSensitive: true }),
    fileSystem.onDidChangeFile((events) => {
      for (const { uri } of events) {
        refreshFolder(uri.authority, posix.dirname(uri.path));
        refreshFolder(uri.authority, uri.path);
      }
    }),
  );

  const report = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message);
    }
  };
  const selected = (node: unknown, nodes: unknown): ContainerFileRef[] => {
    const all = (Array.isArray(nodes) && nodes.length ? nodes : [node]).map(refOf);
    return all.filter((r): r is ContainerFileRef => !!r);
  };
  const uploadInto = async (folder: ContainerFileRef, hostPaths: string[]) => {
    if (!hostPaths.length) return;
    // Redrawn even after a cancel: the engine keeps what it had already extracted.
    await uploadFromHost(await engineFiles(), folder, hostPaths).finally(() =>
      refreshFolder(folder.containerId, folder.path),
    );
  };
  const reg = (id: string, fn: (...args: unknown[]) => Promise<unknown>) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => report(() => fn(...args))));

  reg(OPEN_FILE_COMMAND, async (node) => {
    const ref = refOf(node);
    if (ref) await vscode.commands.executeCommand('vscode.open', containerFileUri(ref.containerId, ref.path));
  });
  reg('berth.containerFiles.refresh', async (node) => {
    const ref = refOf(node);
    if (ref) refreshFolder(ref.containerId, folderOf(ref).path);
  });
  // The third argument (a host folder) is how tests and other commands skip the folder dialog.
  reg('berth.containerFiles.download', async (node, nodes, hostFolder) => {
    const refs = selected(node, nodes);
    if (!refs.length) return;
    let target =
      hostFolder instanceof vscode.Uri ? hostFolder.fsPath : typeof hostFolder === 'string' ? hostFolder : '';
    if (!target) {
      const chosen = await openDialog({
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Download Here'),
      });
      if (!chosen?.[0]) return;
      target = chosen[0].fsPath;
    }
    const written = await downloadToHost(await engineFiles(), refs, target);
    if (written.length)
      void vscode.window.showInformationMessage(vscode.l10n.t('Downloaded to {0}.', written.join(', ')));
  });
  // The third argument (host file URIs) is how tests skip the file dialog.
  reg('berth.containerFiles.upload', async (node, _nodes, hostFiles) => {
    const ref = refOf(node);
    if (!ref) return;
    let uris = Array.isArray(hostFiles) ? hostFiles.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
    if (!uris.length)
      uris =
        (await openDialog({
          canSelectFiles: true,
          canSelectFolders: true,
          canSelectMany: true,
          openLabel: vscode.l10n.t('Upload'),
        })) ?? [];
    await uploadInto(
      folderOf(ref),
      uris.map((u) => u.fsPath),
    );
  });
  const create = (kind: 'file' | 'folder') => async (node: unknown) => {
    const ref = refOf(node);
    if (!ref) return;
    const folder = folderOf(ref);
    const name = await input({
      prompt:
        kind === 'file'
          ? vscode.l10n.t('New file in {0}', folder.path)
          : vscode.l10n.t('New folder in {0}', folder.path),
      validateInput: (v) => (!v || v.includes('/') ? vscode.l10n.t('A name, without "/"') : undefined),
    });
    if (!name) return;
    const uri = containerFileUri(folder.containerId, posix.join(folder.path, name));
    if (kind === 'folder') await vscode.workspace.fs.createDirectory(uri);
    else {
      await vscode.workspace.fs.writeFile(uri, new Uint8Array());
      await vscode.commands.executeCommand('vscode.open', uri);
    }
  };
  reg('berth.containerFiles.newFile', create('file'));
  reg('berth.containerFiles.newFolder', create('folder'));
  reg('berth.containerFiles.delete', async (node, nodes) => {
    const refs = selected(node, nodes).filter((r) => r.path !== '/');
    if (!refs.length) return;
    const names = refs.map((r) => r.path).join(', ');
    if (
      !(await confirm(
        vscode.l10n.t('Delete {0} from {1}? This cannot be undone.', names, refs[0]!.containerName),
        vscode.l10n.t('Delete'),
      ))
    )
      return;
    for (const r of refs)
      await vscode.workspace.fs.delete(containerFileUri(r.containerId, r.path), { recursive: true, useTrash: false });
  });
  reg('berth.containerFiles.rename', async (node) => {
    const ref = refOf(node);
    if (!ref || ref.path === '/') return;
    const name = await input({
      prompt: vscode.l10n.t('New name for {0}', ref.path),
      value: posix.basename(ref.path),
      validateInput: (v) => (!v || v.includes('/') ? vscode.l10n.t('A name, without "/"') : undefined),
    });
    if (!name || name === posix.basename(ref.path)) return;
    await vscode.workspace.fs.rename(
      containerFileUri(ref.containerId, ref.path),
      containerFileUri(ref.containerId, posix.join(posix.dirname(ref.path), name)),
      { overwrite: false },
    );
  });

  const URI_LIST = 'text/uri-list';
  const dragAndDrop: vscode.TreeDragAndDropController<ExplorerNode> = {
    dropMimeTypes: [URI_LIST],
    dragMimeTypes: [],
    handleDrop: async (target, data) => {
      const ref = refOf(target);
      const list = await data.get(URI_LIST)?.asString();
      if (!ref || !list) return;
      const hostPaths = list
        .split(/\r?\n/)
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => vscode.Uri.parse(l.trim()))
        .filter((u) => u.scheme === 'file')
        .map((u) => u.fsPath);
      await report(() => uploadInto(folderOf(ref), hostPaths));
    },
  };

  return {
    fileSystem,
    dragAndDrop,
    attach: (p) => {
      provider = p;
      context.subscriptions.push(
        p.addChildLoader((node) => (isFileNode(node) && node.file.type === 'directory' ? loadFolder(node) : undefined)),
      );
    },
  };
}
