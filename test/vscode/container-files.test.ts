// Files inside containers in a real VS Code against the private engine: the Files tree under a container (links
// kept as links), a file opened in an editor, edited and saved, then read back through the Engine API, on a running
// and on a stopped container; errors that say what to do; delete and rename; and an upload then download of a
// folder (a symlink and an executable bit inside) that comes back byte for byte, by command and by drop.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { BerthApi } from '../../client/src/api';
import { readContainerFile } from '../../client/src/engine/container-files/read';
import type { ExplorerNode } from '../../client/src/explorer/model/nodes';
import { containerFileUri } from '../../client/src/files/filesystem';
import type { FileNode } from '../../client/src/files/model';
import { shellIn } from '../support/container-shell';
import { EngineTestRun } from '../support/engine-run';
import { berth, until } from './support';

const engineRun = new EngineTestRun();
const { docker, id: run } = engineRun;

const sh = (c: Docker.Container, script: string) => shellIn(docker, c, script);

/** Every file, folder and link under `root`, with mode bits, link targets and a content digest. */
async function describeTree(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string) => {
    for (const name of (await fs.readdir(dir)).sort()) {
      const p = path.join(dir, name);
      const st = await fs.lstat(p);
      const r = `${rel}${name}`;
      if (st.isSymbolicLink()) out.push(`${r} -> ${await fs.readlink(p)}`);
      else if (st.isDirectory()) {
        out.push(`${r}/ ${(st.mode & 0o777).toString(8)}`);
        await walk(p, `${r}/`);
      } else out.push(`${r} ${(st.mode & 0o777).toString(8)} ${(await fs.readFile(p)).toString('base64')}`);
    }
  };
  await walk(root, '');
  return out;
}

suite('files inside containers', () => {
  let api: BerthApi;
  let running: Docker.Container;
  let stopped: Docker.Container;
  let host: string;

  suiteSetup(async () => {
    api = await berth();
    running = await engineRun.busybox({ name: `berth-vsfiles-${run}`, script: 'sleep 600' });
    await sh(
      running,
      'mkdir -p /data/sub && printf "port=80\\n" > /data/app.conf && chown 1000:1000 /data/app.conf && chmod 0640 /data/app.conf && ln -s app.conf /data/conf-link && ln -s /etc/hostname /data/outside',
    );
    stopped = await engineRun.busybox({ name: `berth-vsfiles-stopped-${run}`, script: 'true', start: false });
    host = await fs.mkdtemp(path.join(tmpdir(), 'berth-vsfiles-'));
  });
  suiteTeardown(async () => {
    await engineRun.cleanup();
    await fs.rm(host, { recursive: true, force: true });
  });

  const provider = () => api.explorer.providers.containers;
  /** The Files node of a container, as the Containers view shows it. */
  async function filesRoot(id: string): Promise<FileNode> {
    await vscode.commands.executeCommand('berth.containers.focus');
    await (await api.explorer.controller()).refresh();
    const container = await until(async () => {
      await provider().getChildren();
      return provider().find((n) => n.id === `container/${id}`);
    }, 'the container in the Containers view');
    const [files] = await provider().getChildren(container);
    assert.equal(files?.label, 'Files');
    return files as FileNode;
  }
  async function child(parent: ExplorerNode, name: string): Promise<FileNode> {
    const children = await provider().getChildren(parent);
    const hit = children.find((c) => c.label === name);
    assert.ok(hit, `${name} in ${children.map((c) => c.label).join(', ')}`);
    return hit as FileNode;
  }

  test('the Files tree lists folders first, files with sizes, and links as links', async () => {
    const root = await filesRoot(running.id);
    const data = await child(root, 'data');
    const labels = (await provider().getChildren(data)).map(
      (n) => `${n.label} ${n.contextValue} ${n.description ?? ''}`,
    );
    assert.deepEqual(labels, [
      'sub containerFolder ',
      'app.conf containerFile 8 B',
      'conf-link containerLink → app.conf',
      'outside containerLink → /etc/hostname',
    ]);
  });

  test('a file opened from the tree, edited and saved, reads back through the Engine API with owner and mode kept', async () => {
    const data = await child(await filesRoot(running.id), 'data');
    const conf = await child(data, 'app.conf');
    await vscode.commands.executeCommand(conf.command!.command, ...(conf.command!.arguments ?? []));
    const editor = await until(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path === '/data/app.conf'),
      'the editor of app.conf',
    );
    assert.equal(editor.document.uri.scheme, 'berth-container');
    assert.equal(editor.document.getText(), 'port=80\n');
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'host=berth\n'));
    assert.ok(await editor.document.save());
    assert.equal((await readContainerFile(docker, running.id, '/data/app.conf')).toString(), 'port=80\nhost=berth\n');
    assert.equal((await sh(running, 'stat -c "%a %u:%g" /data/app.conf')).trim(), '640 1000:1000');
    // A link opens its target inside the container, and saving writes through to it.
    const viaLink = await vscode.workspace.openTextDocument(containerFileUri(running.id, '/data/conf-link'));
    assert.equal(viaLink.getText(), 'port=80\nhost=berth\n');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a stopped container: open, edit, save and read back; delete says to start it', async () => {
    const uri = containerFileUri(stopped.id, '/etc/hostname-note');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('first\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, 1, 0), 'second\n'));
    assert.ok(await doc.save());
    assert.equal((await readContainerFile(docker, stopped.id, '/etc/hostname-note')).toString(), 'second\n');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.delete(uri)), /Start the container first/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('errors say what happened: a missing file, a folder, a read-only root, a removed container', async () => {
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.readFile(containerFileUri(running.id, '/data/nope'))),
      (e: vscode.FileSystemError) => e.code === 'FileNotFound',
    );
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.readFile(containerFileUri(running.id, '/data'))),
      (e: vscode.FileSystemError) => e.code === 'FileIsADirectory',
    );
    const readOnly = await engineRun.busybox({ script: 'true', start: false, hostConfig: { ReadonlyRootfs: true } });
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(containerFileUri(readOnly.id, '/etc/x'), Buffer.from('x'))),
      (e: vscode.FileSystemError) => e.code === 'NoPermissions' && /read-only/.test(e.message),
    );
    const gone = await engineRun.busybox({ script: 'true', start: false });
    const goneUri = containerFileUri(gone.id, '/etc/passwd');
    assert.ok((await vscode.workspace.fs.readFile(goneUri)).length > 0);
    await gone.remove();
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(goneUri)), /no longer exists: it was removed/);
  });

  test('create, rename and delete through the file system, and the tree follows', async () => {
    const dir = containerFileUri(running.id, '/data/sub/made');
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'a.txt'), Buffer.from('a'));
    await vscode.workspace.fs.rename(vscode.Uri.joinPath(dir, 'a.txt'), vscode.Uri.joinPath(dir, 'b.txt'));
    assert.deepEqual(await vscode.workspace.fs.readDirectory(dir), [['b.txt', vscode.FileType.File]]);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.delete(dir, { recursive: false })), /not empty/);
    await vscode.workspace.fs.delete(dir, { recursive: true });
    assert.equal((await sh(running, 'ls -A /data/sub')).trim(), '');
    const sub = await child(await child(await filesRoot(running.id), 'data'), 'sub');
    assert.deepEqual(
      (await provider().getChildren(sub)).map((n) => n.label),
      ['(empty folder)'],
    );
  });

  test('upload a folder by command and download it back: byte for byte, link and executable bit kept', async () => {
    const src = path.join(host, 'bundle');
    await fs.mkdir(path.join(src, 'bin'), { recursive: true });
    await fs.writeFile(path.join(src, 'bin', 'start.sh'), '#!/bin/sh\necho started\n', { mode: 0o755 });
    await fs.writeFile(path.join(src, 'payload.bin'), randomBytes(256 * 1024), { mode: 0o644 });
    await fs.symlink('bin/start.sh', path.join(src, 'start'));
    const data = await child(await filesRoot(running.id), 'data');
    await vscode.commands.executeCommand('berth.containerFiles.upload', data, undefined, [vscode.Uri.file(src)]);
    assert.equal(
      (await sh(running, '/data/bundle/start; readlink /data/bundle/start')).trim(),
      'started\nbin/start.sh',
    );
    const bundle = await child(data, 'bundle');
    const back = path.join(host, 'back');
    await fs.mkdir(back);
    await vscode.commands.executeCommand('berth.containerFiles.download', bundle, undefined, vscode.Uri.file(back));
    assert.deepEqual(await describeTree(path.join(back, 'bundle')), await describeTree(src));
  });

  test('host files dropped on a Files folder are uploaded into it', async () => {
    const dropped = path.join(host, 'dropped.txt');
    await fs.writeFile(dropped, 'dropped here\n');
    const sub = await child(await child(await filesRoot(running.id), 'data'), 'sub');
    const transfer = new vscode.DataTransfer();
    transfer.set('text/uri-list', new vscode.DataTransferItem(vscode.Uri.file(dropped).toString()));
    const token = new vscode.CancellationTokenSource().token;
    await api.explorer.files.dragAndDrop.handleDrop!(sub, transfer, token);
    assert.equal((await readContainerFile(docker, running.id, '/data/sub/dropped.txt')).toString(), 'dropped here\n');
  });
});
