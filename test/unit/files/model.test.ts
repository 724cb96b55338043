// The Files tree's pure model: a folder listing becomes nodes in the order a file explorer shows them, with the
// contextValues the manifest's menus target, links kept as links (shown with their target, opened, never expanded),
// and a visible note when the listing is incomplete or empty.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ContainerDirEntry } from '../../../client/src/engine/container-files/path';
import {
  FILES_CONTEXT,
  OPEN_FILE_COMMAND,
  filesRootNode,
  folderChildren,
  isFileNode,
} from '../../../client/src/files/model';

const entry = (name: string, type: ContainerDirEntry['type'], extra: Partial<ContainerDirEntry> = {}) => ({
  name,
  type,
  size: 0,
  mode: 0o644,
  mtime: new Date(0),
  ...extra,
});

describe('Files tree model', () => {
  const root = filesRootNode('abc123', 'web', true);

  it('starts with a lazy root folder that menus tell apart from other folders', () => {
    assert.equal(root.lazy, true);
    assert.equal(root.contextValue, FILES_CONTEXT.root);
    assert.deepEqual(root.file, {
      containerId: 'abc123',
      containerName: 'web',
      path: '/',
      type: 'directory',
      running: true,
    });
    assert.ok(isFileNode(root));
  });

  it('puts folders first, then everything else by natural name order', () => {
    const nodes = folderChildren(root.file, {
      complete: true,
      source: 'archive',
      entries: [
        entry('file10', 'file', { size: 1500 }),
        entry('zeta', 'directory'),
        entry('file9', 'file', { size: 3 }),
        entry('Alpha', 'directory'),
        entry('link', 'symlink', { linkTarget: '/etc/passwd' }),
        entry('fifo', 'other'),
      ],
    });
    assert.deepEqual(
      nodes.map((n) => `${n.label}|${n.contextValue}|${n.description ?? ''}`),
      [
        'Alpha|containerFolder|',
        'zeta|containerFolder|',
        'fifo|containerSpecialFile|',
        'file9|containerFile|3 B',
        'file10|containerFile|1.5 kB',
        'link|containerLink|→ /etc/passwd',
      ],
    );
  });

  it('gives children paths and ids under their folder; folders expand, files and links open', () => {
    const [dir, file, link] = folderChildren(
      { ...root.file, path: '/etc' },
      {
        complete: true,
        source: 'find',
        entries: [
          entry('conf.d', 'directory'),
          entry('hosts', 'file'),
          entry('mtab', 'symlink', { linkTarget: '../proc/mounts' }),
        ],
      },
    );
    assert.ok(isFileNode(dir) && isFileNode(file) && isFileNode(link));
    assert.equal(dir.file.path, '/etc/conf.d');
    assert.equal(dir.id, 'container/abc123/files:/etc/conf.d');
    assert.equal(dir.lazy, true);
    assert.equal(dir.command, undefined);
    assert.equal(file.command?.command, OPEN_FILE_COMMAND);
    assert.equal(file.lazy, undefined);
    // A link is never expanded in the tree: opening it resolves the target inside the container.
    assert.equal(link.lazy, undefined);
    assert.equal(link.command?.command, OPEN_FILE_COMMAND);
  });

  it('says when a listing is incomplete, and when a folder is empty', () => {
    const partial = folderChildren(root.file, {
      complete: false,
      source: 'archive',
      entries: [entry('bin', 'directory')],
    });
    assert.equal(partial.length, 2);
    assert.equal(partial[1]!.contextValue, FILES_CONTEXT.note);
    assert.match(partial[1]!.label, /Only the first 1 entries/);
    const empty = folderChildren(root.file, { complete: true, source: 'archive', entries: [] });
    assert.deepEqual(
      empty.map((n) => [n.label, n.contextValue]),
      [['(empty folder)', FILES_CONTEXT.note]],
    );
  });
});
