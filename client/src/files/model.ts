// The Files tree under a container, as pure nodes: a folder listing in, explorer nodes out (folders first, then
// files and links by name). The provider in ./register.ts reads the listing from the engine when a folder expands.
import * as l10n from '@vscode/l10n';
import { posix } from 'node:path';
import type { ListingSource } from '../engine/container-files/listing';
import type { ContainerDirEntry } from '../engine/container-files/path';
import { formatSize } from '../format-size';
import type { ExplorerNode } from '../explorer/model/nodes';

/** contextValues of the Files tree (package.json menus target them). */
export const FILES_CONTEXT = {
  root: 'containerFolder.root',
  folder: 'containerFolder',
  file: 'containerFile',
  link: 'containerLink',
  other: 'containerSpecialFile',
  note: 'containerFilesNote',
} as const;

/** What a Files node stands for: enough for the commands and the child loader without another engine call. */
export interface ContainerFileRef {
  containerId: string;
  containerName: string;
  /** Absolute path in the container. */
  path: string;
  type: ContainerDirEntry['type'];
  /** Whether the container ran when the tree was drawn (a running one can also be listed with `find`). */
  running: boolean;
}

export interface FileNode extends ExplorerNode {
  file: ContainerFileRef;
}

export function isFileNode(n: unknown): n is FileNode {
  return typeof n === 'object' && n !== null && typeof (n as { file?: unknown }).file === 'object';
}

/** The command a file or link node runs when clicked (registered in ./register.ts). */
export const OPEN_FILE_COMMAND = 'berth.containerFiles.open';

/** The "Files" node under a container: its root folder, read when expanded. */
export function filesRootNode(containerId: string, containerName: string, running: boolean): FileNode {
  return {
    id: `container/${containerId}/files:/`,
    label: l10n.t('Files'),
    tooltip: l10n.t('The files of {0}, read through the Engine API', containerName),
    icon: { id: 'files' },
    contextValue: FILES_CONTEXT.root,
    lazy: true,
    file: { containerId, containerName, path: '/', type: 'directory', running },
  };
}

const ICONS: Record<ContainerDirEntry['type'], string> = {
  directory: 'folder',
  file: 'file',
  symlink: 'file-symlink-file',
  other: 'circle-slash',
};

// Built on the first listing, not at load (creating a collator loads ICU's collation data).
let collator: Intl.Collator | undefined;

function entryNode(parent: ContainerFileRef, e: ContainerDirEntry): FileNode {
  const path = posix.join(parent.path, e.name);
  const file: ContainerFileRef = { ...parent, path, type: e.type };
  const mode = `${e.mode.toString(8).padStart(4, '0')}`;
  const node: FileNode = {
    id: `container/${parent.containerId}/files:${path}`,
    label: e.name,
    tooltip: [path, e.linkTarget ? `→ ${e.linkTarget}` : undefined, `${mode} · ${e.mtime.toISOString()}`]
      .filter(Boolean)
      .join('\n'),
    icon: { id: ICONS[e.type] },
    file,
    contextValue:
      e.type === 'directory'
        ? FILES_CONTEXT.folder
        : e.type === 'symlink'
          ? FILES_CONTEXT.link
          : e.type === 'file'
            ? FILES_CONTEXT.file
            : FILES_CONTEXT.other,
  };
  if (e.type === 'directory') node.lazy = true;
  if (e.type === 'file') node.description = formatSize(e.size);
  // A link stays a link: shown with its target, opened through the provider, which resolves it inside the container.
  if (e.type === 'symlink') node.description = `→ ${e.linkTarget ?? '?'}`;
  if (e.type === 'file' || e.type === 'symlink')
    node.command = { command: OPEN_FILE_COMMAND, title: l10n.t('Open'), arguments: [node] };
  return node;
}

/** A folder's children: folders first, then the rest, each by name; a note when the listing is incomplete. */
export function folderChildren(
  parent: ContainerFileRef,
  listing: { entries: ContainerDirEntry[]; complete: boolean; source: ListingSource },
): ExplorerNode[] {
  const collate = (collator ??= new Intl.Collator(undefined, { numeric: true })).compare;
  const sorted = [...listing.entries].sort(
    (a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || collate(a.name, b.name),
  );
  const nodes: ExplorerNode[] = sorted.map((e) => entryNode(parent, e));
  if (!listing.complete)
    nodes.push({
      id: `container/${parent.containerId}/files:${parent.path}//incomplete`,
      label: l10n.t('Only the first {0} entries: this folder is too large to list from its archive', sorted.length),
      tooltip: l10n.t(
        "A folder's archive holds its whole subtree. A running container that has find lists it completely: start the container, or open a subfolder.",
      ),
      icon: { id: 'warning' },
      contextValue: FILES_CONTEXT.note,
    });
  if (!nodes.length)
    nodes.push({
      id: `container/${parent.containerId}/files:${parent.path}//empty`,
      label: l10n.t('(empty folder)'),
      contextValue: FILES_CONTEXT.note,
    });
  return nodes;
}

/** The error a folder shows in place of its children. */
export function folderErrorNode(parent: ContainerFileRef, message: string): ExplorerNode {
  return {
    id: `container/${parent.containerId}/files:${parent.path}//error`,
    label: message,
    tooltip: message,
    icon: { id: 'error', color: 'errorForeground' },
    contextValue: FILES_CONTEXT.note,
  };
}
