// Compose through the CLI that exists here (Debian's docker-compose 1.29; `docker compose` v2 when present)
// against the private engine: up --build of examples/compose.yaml, the project found again from its containers'
// labels, then down --volumes leaves nothing. Project files (override, COMPOSE_FILE in .env) are resolved as
// Compose does.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  composeCommand,
  detectComposeCli,
  listServices,
  projectForFile,
  projectFromLabels,
  runCompose,
  type ComposeCli,
} from '../../client/src/commands/compose-cli';
import { classifyComposeOutput, explainComposeFailure } from '../../client/src/commands/compose-failures';
import { BUSYBOX_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { skipOutsideCi } from '../support/skip-outside-ci';

const { docker, id: run } = new EngineTestRun();
const root = path.resolve(import.meta.dirname, '../..');
const NO_CLI = 'neither `docker compose` nor `docker-compose` is installed';
const projectName = `berthtest${run}`;
const busyProject = `berthbusy${run}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

describe('compose', () => {
  let cli: ComposeCli | undefined;
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    const filters = JSON.stringify({ label: [`com.docker.compose.project=${projectName}`] });
    const busy = JSON.stringify({ label: [`com.docker.compose.project=${busyProject}`] });
    for (const c of [
      ...(await docker.listContainers({ all: true, filters })),
      ...(await docker.listContainers({ all: true, filters: busy })),
    ])
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('finds a Compose CLI', async (t) => {
    cli = await detectComposeCli();
    if (!cli) return skipOutsideCi('the Compose CLI tests', NO_CLI, t);
    assert.match(cli.version, /^v?\d+\.\d+/);
  });

  it('passes every project file: override next to the base, or COMPOSE_FILE from .env', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-compose-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'compose.yaml'), 'services: {a: {image: x}}\n');
    writeFileSync(path.join(dir, 'compose.override.yaml'), 'services: {a: {environment: [A=1]}}\n');
    const p = projectForFile(path.join(dir, 'compose.yaml'), { profiles: ['debug'] });
    assert.deepEqual(p.files, [path.join(dir, 'compose.yaml'), path.join(dir, 'compose.override.yaml')]);
    const cmd = composeCommand({ command: 'docker-compose', prefix: [], version: '1.29.2', flavor: 'v1' }, p, {
      verb: 'up',
      build: true,
    });
    assert.deepEqual(cmd.args, [
      '-f',
      p.files[0],
      '-f',
      p.files[1],
      '--project-directory',
      dir,
      '--profile',
      'debug',
      'up',
      '--detach',
      '--build',
    ]);
    writeFileSync(path.join(dir, 'ci.yaml'), 'services: {a: {image: y}}\n');
    writeFileSync(path.join(dir, '.env'), 'COMPOSE_FILE=compose.yaml:ci.yaml\n');
    const q = projectForFile(path.join(dir, 'compose.yaml'));
    assert.deepEqual(q.files, [path.join(dir, 'compose.yaml'), path.join(dir, 'ci.yaml')]);
    assert.equal(q.envFile, path.join(dir, '.env'));
  });

  it('brings examples/compose.yaml up with --build and down with --volumes', { timeout: 240_000 }, async (t) => {
    if (!cli) return skipOutsideCi('Compose up and down', NO_CLI, t);
    const port = await freePort();
    // Compose 1.29 would hand builds to the docker CLI (BuildKit, no buildx here); the API builder works offline.
    const env = { WEB_PORT: String(port), COMPOSE_DOCKER_CLI_BUILD: '0', DOCKER_BUILDKIT: '0' };
    const project = { ...projectForFile(path.join(root, 'examples/compose.yaml')), projectName };
    let out = '';
    assert.deepEqual((await listServices(cli, project, env)).sort(), ['cache', 'web']);
    const up = await runCompose(
      cli,
      project,
      { verb: 'up', build: true },
      {
        env,
        onOutput: (t) => {
          out += t;
        },
      },
    );
    assert.equal(up, 0, out);
    const filters = JSON.stringify({ label: [`com.docker.compose.project=${projectName}`] });
    const containers = await docker.listContainers({ filters });
    assert.deepEqual(containers.map((c) => c.Labels['com.docker.compose.service']).sort(), ['cache', 'web']);
    const again = projectFromLabels(containers[0].Labels);
    assert.equal(again?.projectName, projectName);
    assert.deepEqual(again?.files, [path.join(root, 'examples/compose.yaml')]);
    let body = '';
    for (let i = 0; i < 50 && !body; i++) {
      body = await fetch(`http://127.0.0.1:${port}/health.txt`).then(
        (r) => (r.ok ? r.text() : ''),
        () => '',
      );
      if (!body) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(body.length > 0, 'the web service answers on the published port');
    const down = await runCompose(
      cli,
      again!,
      { verb: 'down', volumes: true },
      {
        env,
        onOutput: (t) => {
          out += t;
        },
      },
    );
    assert.equal(down, 0, out);
    assert.equal((await docker.listContainers({ all: true, filters })).length, 0);
    const vols = await docker.listVolumes({
      filters: JSON.stringify({ label: [`com.docker.compose.project=${projectName}`] }),
    });
    assert.equal(vols.Volumes?.length ?? 0, 0, 'down --volumes removed the named volume');
    await docker
      .getImage('berth-example/web:latest')
      .remove()
      .catch(() => undefined);
  });

  it(
    'says which port is taken, by whom, and what to do, when up cannot publish it',
    { timeout: 120_000 },
    async (t) => {
      if (!cli) return skipOutsideCi('the Compose port-in-use explanation', NO_CLI, t);
      // This test process holds the port, as code-server held 127.0.0.1:8080 when the example published it.
      const holder = createServer();
      await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
      const port = (holder.address() as { port: number }).port;
      const dir = mkdtempSync(path.join(tmpdir(), 'berth-compose-busy-'));
      dirs.push(dir);
      writeFileSync(
        path.join(dir, 'compose.yaml'),
        `services:\n  web:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sleep", "60"]\n    ports: ["127.0.0.1:${port}:80"]\n`,
      );
      let out = '';
      try {
        const project = { ...projectForFile(path.join(dir, 'compose.yaml')), projectName: busyProject };
        const code = await runCompose(cli, project, { verb: 'up' }, { onOutput: (t) => (out += t) });
        assert.notEqual(code, 0, out);
        const failure = classifyComposeOutput(out);
        assert.deepEqual(failure, { kind: 'port-in-use', service: 'web', port, address: '127.0.0.1' }, out);
        const text = await explainComposeFailure(failure!);
        assert.match(text, new RegExp(`^Port 127\\.0\\.0\\.1:${port} is already in use on the host `));
        // The holder is this very process, named by pid and command line.
        assert.match(
          text,
          new RegExp(`\\(held by process ${process.pid} \\(node[^)]*\\)\\), so service web cannot publish it\\.`),
        );
        assert.match(text, new RegExp(`Change the host port .* or stop what holds port ${port}\\.$`));
        await runCompose(cli, project, { verb: 'down' }, { onOutput: (t) => (out += t) });
      } finally {
        holder.close();
      }
    },
  );
});
