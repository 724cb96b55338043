// The workflow commands in a real VS Code against the private engine: every question is pre-answered through
// Berth's prompt queue, and each result is checked where a user would see it — the engine, the explorer's trees,
// the terminals' text, the Problems (diagnostics) of the Dockerfile.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import { FIXTURE_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { berth, example, flattenNodes, until } from './support';

const engineRun = new EngineTestRun();
const { docker, id: run, labels } = engineRun;

suite('workflow commands', () => {
  let api: BerthApi;
  const tag = `berth-vscode/example-${run}:latest`;
  const scratch = mkdtempSync(path.join(tmpdir(), 'berth-vscode-cmd-'));
  const containers: string[] = [];

  suiteSetup(async () => {
    api = await berth();
    assert.ok(process.env.DOCKER_HOST, 'the extension host sees the private engine');
    // Compose 1.29 would build through the docker CLI (BuildKit without buildx here); the API builder works offline.
    process.env.COMPOSE_DOCKER_CLI_BUILD = '0';
    process.env.DOCKER_BUILDKIT = '0';
  });
  suiteTeardown(async () => {
    rmSync(scratch, { recursive: true, force: true });
    for (const id of containers)
      await docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    await engineRun.cleanup(tag);
  });
  teardown(() => assert.equal(api.prompts.pendingAnswers(), 0, 'every pre-answered question was asked'));

  const lastTerminal = () => api.workflow.terminals().at(-1)!;

  test('Build Image builds examples/ at a target with a build arg, and the image appears in the Images view', async () => {
    api.prompts.answerNextPrompts([tag, '.', ['APP_VERSION'], '4.5.6', 'runtime', []]);
    const r = await vscode.commands.executeCommand<{ imageId: string; tag: string }>(
      'berth.images.build',
      vscode.Uri.file(example('Dockerfile')),
    );
    assert.ok(r, 'the build returned its image');
    const info = await docker.getImage(tag).inspect();
    assert.equal(info.Id, r.imageId);
    assert.equal(info.Config.Labels['org.opencontainers.image.version'], '4.5.6');
    assert.match(lastTerminal().transcript(), /Built berth-vscode\/example-/);
    await until(
      async () => flattenNodes(await api.explorer.providers.images.getChildren()).find((n) => n.ref?.name === tag),
      `${tag} in the Images view`,
    );
    // …and the new image is revealed and selected there (its repository group expanded).
    await until(
      () => api.explorer.treeViews.images.selection.find((n) => n.ref?.name === tag),
      `${tag} selected in the Images view`,
    );
  });

  test('a build failing at a RUN step marks that Dockerfile line', async () => {
    const dir = path.join(scratch, 'failing');
    const file = path.join(dir, 'Dockerfile');
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(dir));
    writeFileSync(file, `FROM ${FIXTURE_IMAGE}\nRUN echo fine\nRUN echo broken && exit 9\n`);
    api.prompts.answerNextPrompts([`berth-vscode/failing-${run}:latest`, '.', []]);
    const r = await vscode.commands.executeCommand('berth.images.build', vscode.Uri.file(file));
    assert.equal(r, undefined);
    const diags = await until(() => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((x) => x.source === 'berth build');
      return d.length ? d : undefined;
    }, 'the build diagnostic');
    assert.equal(diags[0].range.start.line, 2);
    assert.match(diags[0].message, /exit code: 9|non-zero code: 9/);
  });

  test('Run Container publishes a port and sets env; Run Last Again replaces it after confirmation', async () => {
    const name = `berth-vscode-run-${run}`;
    api.prompts.answerNextPrompts([
      name,
      '127.0.0.1::80',
      'GREETING=hi MODE=test',
      '',
      '(default)',
      'unless-stopped',
      [],
    ]);
    const r = await vscode.commands.executeCommand<{ id: string; name: string }>('berth.images.run', FIXTURE_IMAGE);
    assert.ok(r, 'a container was started');
    containers.push(r.id);
    const info = await docker.getContainer(r.id).inspect();
    assert.equal(info.State.Running, true);
    assert.ok(info.Config.Env.includes('GREETING=hi') && info.Config.Env.includes('MODE=test'));
    assert.equal(info.HostConfig.RestartPolicy?.Name, 'unless-stopped');
    const port = info.NetworkSettings.Ports['80/tcp']?.[0]?.HostPort;
    assert.ok(port, 'port 80 is published');
    const status = await until(
      () =>
        fetch(`http://127.0.0.1:${port}/`).then(
          (res) => res.status,
          () => undefined,
        ),
      'httpd to answer',
    );
    assert.ok(status < 500);
    await until(
      async () => flattenNodes(await api.explorer.providers.containers.getChildren()).find((n) => n.ref?.id === r.id),
      'the container in the Containers view',
    );

    api.prompts.answerNextPrompts(['Remove It and Run']);
    const again = await vscode.commands.executeCommand<{ id: string; name: string }>('berth.containers.runLast');
    assert.ok(again && again.id !== r.id, 'a new container replaced the old one');
    containers.push(again.id);
    await assert.rejects(docker.getContainer(r.id).inspect(), /no such container/i);
  });

  test('Open Shell: a TTY terminal over exec, keystrokes in, output out, exit code shown', async () => {
    const c = await docker.createContainer({
      Image: FIXTURE_IMAGE,
      Cmd: ['sleep', '300'],
      Labels: labels,
    });
    containers.push(c.id);
    await c.start();
    const r = await vscode.commands.executeCommand<{ shell?: string; exited: Promise<number | undefined> }>(
      'berth.containers.openShell',
      c.id,
    );
    assert.equal(r?.shell, 'sh', 'busybox has no bash: the probe falls back to sh');
    const term = lastTerminal();
    await until(() => /[#$] $/m.test(term.transcript()) || undefined, 'the prompt');
    term.terminal.sendText('echo shell-$((20+22))');
    await until(() => /shell-42/.test(term.transcript()) || undefined, 'the echo');
    term.terminal.sendText('exit 5');
    assert.equal(await r.exited, 5);
    await until(() => /exited with code 5/.test(term.transcript()) || undefined, 'the exit code in the terminal');

    const one = await vscode.commands.executeCommand<{ exited: Promise<number | undefined> }>(
      'berth.containers.runCommand',
      c.id,
      'echo from-run; echo err >&2; exit 3',
    );
    assert.equal(await one!.exited, 3);
    // stdout and stderr arrive on two streams: both lines must show, in either order.
    const transcript = lastTerminal().transcript();
    assert.match(transcript, /^from-run$/m);
    assert.match(transcript, /^err$/m);
  });

  test('Follow Logs keeps following across a restart', async () => {
    const c = await docker.createContainer({
      Image: FIXTURE_IMAGE,
      Cmd: ['sh', '-c', 'echo hello-$(date +%s%N); exec sleep 300'],
      Labels: labels,
    });
    containers.push(c.id);
    await c.start();
    await vscode.commands.executeCommand('berth.containers.followLogs', c.id);
    const term = lastTerminal();
    await until(() => (term.transcript().match(/hello-\d+/g) ?? []).length === 1 || undefined, 'the first line');
    await c.restart({ t: 0 });
    await until(
      () => (term.transcript().match(/hello-\d+/g) ?? []).length === 2 || undefined,
      'the line after the restart',
    );
    assert.match(term.transcript(), /started again/);
    term.terminal.dispose();
  });

  test('Compose Up and Down on examples/compose.yaml; the project group appears and goes', async function () {
    this.timeout(240_000);
    process.env.WEB_PORT = String(18000 + Math.floor(Math.random() * 2000));
    const uri = vscode.Uri.file(example('compose.yaml'));
    const up = await vscode.commands.executeCommand<{ code: number }>('berth.compose.up', uri);
    assert.equal(up?.code, 0, lastTerminal().transcript());
    const filters = JSON.stringify({ label: ['com.docker.compose.project=berth-example'] });
    assert.deepEqual(
      (await docker.listContainers({ filters })).map((c) => c.Labels['com.docker.compose.service']).sort(),
      ['cache', 'web'],
    );
    const group = await until(
      async () =>
        flattenNodes(await api.explorer.providers.containers.getChildren()).find(
          (n) => n.contextValue === 'composeProject' && n.label === 'berth-example',
        ),
      'the project group',
    );

    // Logs of the whole group, each line prefixed with its service: a request to web makes httpd log its response.
    await vscode.commands.executeCommand('berth.containers.followLogs', group);
    const logs = lastTerminal();
    await until(
      () =>
        fetch(`http://127.0.0.1:${process.env.WEB_PORT}/health.txt`).then(
          (r) => r.ok || undefined,
          () => undefined,
        ),
      'web to answer',
    );
    await until(
      () => /^web\s*\| .*response:200/m.test(logs.transcript()) || undefined,
      'the web service line in the group logs',
    );
    logs.terminal.dispose();

    // Down from the project group of the Containers view (its files found again from the containers' labels).
    api.prompts.answerNextPrompts(['Remove containers, networks and named volumes', 'Delete Volumes']);
    const down = await vscode.commands.executeCommand<{ code: number }>('berth.compose.down', group);
    assert.equal(down?.code, 0, lastTerminal().transcript());
    assert.equal((await docker.listContainers({ all: true, filters })).length, 0);
    await until(
      async () =>
        !flattenNodes(await api.explorer.providers.containers.getChildren()).some(
          (n) => n.contextValue === 'composeProject' && n.label === 'berth-example',
        ) || undefined,
      'the group to go',
    );
    await docker
      .getImage('berth-example/web:latest')
      .remove()
      .catch(() => undefined);
  });
});
