// Running containers through the API: a published port answers, and the three common failures are typed.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import {
  RunError,
  exposedPorts,
  parsePort,
  parseRestart,
  publishedPort,
  runContainer,
} from '../../client/src/engine/run';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { Engine } from '../../client/src/engine/engine';
import { FIXTURE_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';

const engineRun = new EngineTestRun();
const { docker, id: run, labels } = engineRun;

async function fetchWithRetry(url: string): Promise<Response> {
  for (let i = 0; ; i++) {
    try {
      return await fetch(url);
    } catch (e) {
      if (i > 40) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('run', () => {
  after(() => engineRun.cleanup());

  it('parses port and restart forms', () => {
    assert.deepEqual(parsePort('8080:80'), {
      hostIp: undefined,
      hostPort: '8080',
      containerPort: '80',
      protocol: 'tcp',
    });
    assert.deepEqual(parsePort('127.0.0.1::53/udp'), {
      hostIp: '127.0.0.1',
      hostPort: undefined,
      containerPort: '53',
      protocol: 'udp',
    });
    assert.deepEqual(parsePort('80'), { hostIp: undefined, hostPort: undefined, containerPort: '80', protocol: 'tcp' });
    assert.throws(() => parsePort('eighty'), RunError);
    assert.deepEqual(parseRestart('on-failure:3'), { Name: 'on-failure', MaximumRetryCount: 3 });
    assert.throws(() => parseRestart('sometimes'), /not one of/);
  });

  it('runs the fixture with a published port, env and a volume, and serves over it', async () => {
    const c = await runContainer(docker, {
      image: FIXTURE_IMAGE,
      name: `berth-run-${run}`,
      ports: ['127.0.0.1::80'],
      env: ['GREETING=hi'],
      volumes: [`berth-vol-${run}:/data`],
      restart: 'unless-stopped',
      labels,
    });
    const port = await publishedPort(docker, c.id, '80/tcp');
    assert.ok(port && port > 0, 'a host port was published');
    await new Promise((r) => setTimeout(r, 300));
    const res = await fetchWithRetry(`http://127.0.0.1:${port}/`);
    assert.ok(res.status < 500, `httpd answered ${res.status}`);
    const info = await c.container.inspect();
    assert.ok(info.Config.Env.includes('GREETING=hi'));
    assert.equal(info.HostConfig.RestartPolicy?.Name, 'unless-stopped');
    await docker.getVolume(`berth-vol-${run}`).inspect(); // created by the bind
    await c.container.remove({ force: true });
    await docker.getVolume(`berth-vol-${run}`).remove();
  });

  it("reads the image's EXPOSE'd ports (to pre-fill the ports question)", async () => {
    const c = await docker.createContainer({ Image: FIXTURE_IMAGE, Cmd: ['true'], Labels: labels });
    const repo = `berth-test/exposed-${run}`;
    await c.commit({ repo, tag: 'latest', changes: ['EXPOSE 8080/tcp', 'EXPOSE 53/udp'] } as object); // Podman takes one port per EXPOSE change
    try {
      // The fixture's own 80 plus the two added by the commit.
      assert.deepEqual((await exposedPorts(docker, `${repo}:latest`)).sort(), ['53/udp', '80/tcp', '8080/tcp']);
      assert.deepEqual(await exposedPorts(docker, `berth-test/absent-${run}:x`), []);
    } finally {
      await docker
        .getImage(`${repo}:latest`)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });

  it('names the port that is already allocated, and leaves no container behind', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const taken = (server.address() as { port: number }).port;
    try {
      const err = await runContainer(docker, {
        image: FIXTURE_IMAGE,
        name: `berth-port-${run}`,
        ports: [`127.0.0.1:${taken}:80`],
        labels,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof RunError && err.kind === 'port-allocated', `port error expected, got ${String(err)}`);
      assert.equal(err.detail.port, String(taken));
      assert.match(err.message, new RegExp(String(taken)));
      const left = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [`berth-port-${run}`] }) });
      assert.equal(left.length, 0);
    } finally {
      server.close();
    }
  });

  it('through Engine, a taken port names what holds it: here, this test process', async () => {
    const engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const taken = (server.address() as { port: number }).port;
    const opts = { image: FIXTURE_IMAGE, name: `berth-held-${run}`, ports: [`127.0.0.1:${taken}:80`], labels };
    try {
      const start = async () => engine.startCreated(await engine.createContainer(opts), opts);
      const err = await start().then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof RunError && err.kind === 'port-allocated', `port error expected, got ${String(err)}`);
      assert.match(
        err.message,
        new RegExp(
          `^Port ${taken} is already in use on the host \\(held by process ${process.pid} \\(node[^)]*\\)\\): `,
        ),
      );
    } finally {
      server.close();
    }
  });

  it('reports a name conflict and a missing image', async () => {
    const name = `berth-dup-${run}`;
    await runContainer(docker, { image: FIXTURE_IMAGE, name, cmd: ['sleep', '60'], labels });
    const dup = await runContainer(docker, { image: FIXTURE_IMAGE, name, labels }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(dup instanceof RunError && dup.kind === 'name-conflict', String(dup));
    assert.equal(dup.detail.containerName, name);
    const missing = await runContainer(docker, { image: `berth-test/absent-${run}:nope`, labels }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(missing instanceof RunError && missing.kind === 'image-missing', String(missing));
  });
});
