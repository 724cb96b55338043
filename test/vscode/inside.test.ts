// Inside containers and images in a real VS Code against the private engine: a container's changes as a tree and a
// changed file as a diff against its image; Send Signal through its quick pick; the process list document; the
// live stats panel's streams, open while it shows and closed when hidden or closed (the engine layer's count);
// and the Layers view of an image Berth built, mapped back to its Dockerfile with a hint on a broad COPY.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import type { ExplorerNode } from '../../client/src/explorer/model/nodes';
import { BUSYBOX_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { berth, example, until } from './support';

const engineRun = new EngineTestRun();
const { docker, id: run } = engineRun;
const project = `berthinside${run}`;

/** A node as the Containers view hands it to a command. */
const containerNode = (id: string, name: string): ExplorerNode => ({
  id: `container/${id}`,
  label: name,
  contextValue: 'container.running',
  ref: { kind: 'container', id, name },
});

async function startBusybox(name: string, script: string, labels: Record<string, string> = {}): Promise<string> {
  return (await engineRun.busybox({ name, script, labels })).id;
}

suite('inside containers and images', () => {
  let api: BerthApi;
  const scratch = mkdtempSync(path.join(tmpdir(), 'berth-vscode-inside-'));
  const tag = `berth-vscode/layers-${run}:latest`;

  suiteSetup(async () => {
    api = await berth();
    await vscode.commands.executeCommand('workbench.view.extension.berth');
  });
  suiteTeardown(async () => {
    for (const p of [...api.inside.statsPanels()]) p.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await engineRun.cleanup(tag);
    rmSync(scratch, { recursive: true, force: true });
  });

  test('Show Changes lists what a container changed; a changed file opens as a diff against the image', async () => {
    const name = `inside-changes-${run}`;
    const id = await startBusybox(
      name,
      'mkdir -p /srv/new && echo hello > /srv/new/file && echo extra:x:1234:1234::/:/bin/sh >> /etc/passwd; sleep 600',
    );
    await until(async () => (await docker.getContainer(id).changes())?.length || undefined, 'the changes');
    await vscode.commands.executeCommand('berth.containers.showChanges', containerNode(id, name));
    const changes = api.inside.changes;
    const etc = changes.roots.find((n) => n.path === '/etc');
    const passwd = etc?.children.find((n) => n.name === 'passwd');
    assert.equal(passwd?.kind, 'changed', JSON.stringify(changes.roots.map((n) => n.path)));
    const added = changes.roots.find((n) => n.path === '/srv')?.children.find((n) => n.name === 'new');
    assert.equal(added?.kind, 'added');

    await vscode.commands.executeCommand('berth.changes.openDiff', passwd);
    const diff = await until(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    }, 'the diff editor');
    const [image, container] = await Promise.all(
      [diff.original, diff.modified].map((u) => vscode.workspace.openTextDocument(u)),
    );
    assert.match(image!.getText(), /^root:/m, 'the image side is the image’s /etc/passwd');
    assert.doesNotMatch(image!.getText(), /extra:x:1234/);
    assert.match(container!.getText(), /extra:x:1234/, 'the container side has the change');
    // The temporary container that read the image side is gone.
    const temporary = await docker.listContainers({
      all: true,
      filters: JSON.stringify({ label: ['berth.temporary'] }),
    });
    assert.equal(temporary.length, 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the process list is a document with the ps columns asked for; Send Signal… sends a typed signal', async () => {
    const name = `inside-signal-${run}`;
    const id = await startBusybox(name, "trap 'exit 7' USR1; while :; do sleep 1; done");
    api.prompts.answerNextPrompts(['-eo pid,comm']);
    await vscode.commands.executeCommand('berth.containers.processes', containerNode(id, name));
    const doc = await until(
      () =>
        vscode.window.activeTextEditor?.document.uri.scheme === 'berth-inside'
          ? vscode.window.activeTextEditor.document
          : undefined,
      'the process document',
    );
    assert.match(doc.getText(), /^PID\s+COMMAND$/m, doc.getText());
    assert.match(doc.getText(), /\bsleep\b/);

    api.prompts.answerNextPrompts(['Other…', 'usr1']);
    await vscode.commands.executeCommand('berth.containers.sendSignal', containerNode(id, name));
    const exit = (await docker.getContainer(id).wait()) as { StatusCode: number };
    assert.equal(exit.StatusCode, 7, 'the container’s USR1 trap ran');
    // Refresh reads the list again: the container has stopped, and the document says so.
    await vscode.commands.executeCommand('berth.processes.refresh', doc.uri);
    await until(() => !/\bsleep\b/.test(doc.getText()) || undefined, 'the refreshed process document');
    assert.match(doc.getText(), /Could not read/, doc.getText());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the stats panel streams each container of a project while shown, new ones too, none once hidden or closed', async () => {
    const labels = { 'com.docker.compose.project': project, 'com.docker.compose.service': 'svc' };
    const ids = [
      await startBusybox(`inside-stats-a-${run}`, 'while :; do sleep 1; done', labels),
      await startBusybox(`inside-stats-b-${run}`, 'while :; do sleep 1; done', labels),
    ];
    assert.equal(api.inside.openStatsStreams(), 0, 'no stream before the panel');
    await vscode.commands.executeCommand('berth.containers.stats', {
      id: `containers/project/${project}`,
      label: project,
      contextValue: 'composeProject',
      ref: { kind: 'project', id: project, name: project, members: ids },
    } satisfies ExplorerNode);
    const [panel] = [...api.inside.statsPanels()];
    assert.ok(panel, 'the panel opened');
    await until(() => api.inside.openStatsStreams() === 2 || undefined, 'one stream per container of the project');
    await until(() => panel.samples >= 2 || undefined, 'samples reaching the panel', 30_000);
    // A container that starts in the project while the panel shows joins it (the engine's start event).
    ids.push(await startBusybox(`inside-stats-c-${run}`, 'while :; do sleep 1; done', labels));
    await until(() => api.inside.openStatsStreams() === 3 || undefined, 'a container started later joins the panel');

    // Another editor in the same group hides the panel: every stream closes.
    // (A file, not an untitled document: closing that would ask to save it.)
    const other = await vscode.workspace.openTextDocument(vscode.Uri.file(example('Dockerfile')));
    await vscode.window.showTextDocument(other, { viewColumn: vscode.ViewColumn.Active, preview: false });
    await until(() => (!panel.visible && api.inside.openStatsStreams() === 0) || undefined, 'no stream while hidden');
    panel.reveal();
    await until(() => api.inside.openStatsStreams() === 3 || undefined, 'the streams reopened when shown');
    panel.dispose();
    await until(() => api.inside.openStatsStreams() === 0 || undefined, 'no stream once closed');
    assert.equal(api.inside.statsPanels().size, 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the Layers view lists an image Berth built, biggest first, with its instructions and a hint', async () => {
    const dir = path.join(scratch, 'app');
    mkdirSync(dir, { recursive: true });
    const dockerfile = path.join(dir, 'Dockerfile');
    writeFileSync(
      dockerfile,
      [`FROM ${BUSYBOX_IMAGE}`, 'ENV MODE=layers', 'COPY . /app', 'RUN echo built > /built', 'CMD ["true"]', ''].join(
        '\n',
      ),
    );
    // 12 MB of context and no .dockerignore: the COPY . layer is large and the hint says why.
    writeFileSync(path.join(dir, 'data.bin'), Buffer.alloc(12 * 1000 * 1000, 1));
    api.prompts.answerNextPrompts([tag, '.', []]);
    const built = await vscode.commands.executeCommand<{ imageId: string }>(
      'berth.images.build',
      vscode.Uri.file(dockerfile),
    );
    assert.ok(built, 'the build returned its image');
    await vscode.commands.executeCommand('berth.images.showLayers', {
      id: `image/${tag}`,
      label: 'latest',
      contextValue: 'imageTag',
      ref: { kind: 'image', id: built.imageId, name: tag },
    } satisfies ExplorerNode);
    const layers = api.inside.layers;
    const history = await docker.getImage(tag).history();
    assert.equal(layers.layers.length, history.length, 'one row per history entry');
    const copy = layers.layers.find((l) => l.layer.createdBy.startsWith('COPY'));
    assert.equal(copy?.source?.line, 2, 'COPY . /app is line 3');
    assert.deepEqual(copy?.hints, ['broad-copy-without-dockerignore']);
    assert.equal(layers.layers.find((l) => l.layer.createdBy.startsWith('CMD'))?.source?.line, 4);
    assert.equal(layers.layers.at(-1)?.source, undefined, 'the base image’s layers map to no line');

    await vscode.commands.executeCommand('berth.layers.sortBySize');
    const shown = layers.getChildren().filter((n) => n.kind === 'layer');
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i - 1]!.layer.size >= shown[i]!.layer.size);
    assert.equal(shown[0], copy, 'the 12 MB COPY is the biggest');
    const hint = layers.getTreeItem(layers.getChildren(copy)[0]!);
    assert.match(String(hint.label), /\.dockerignore/);

    await vscode.commands.executeCommand('berth.layers.goToInstruction', copy);
    const editor = await until(
      () =>
        vscode.window.activeTextEditor?.document.uri.fsPath === dockerfile ? vscode.window.activeTextEditor : undefined,
      'the Dockerfile open',
    );
    assert.equal(editor.selection.active.line, 2);
  });
});
