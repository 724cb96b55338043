// Inside containers and images, on the real engine: what a container changed in its writable layer (as a tree,
// stopped or running) and the image's copy of a changed file, the processes of a running container and a signal
// sent to it, and an image's layers with the instruction that made each one.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { containerChanges, readImageFile, type ChangeNode } from '../../client/src/engine/container-changes';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { Engine } from '../../client/src/engine/engine';
import { containerTop, formatProcessTable, normaliseSignal } from '../../client/src/engine/processes';
import { buildImage } from '../../client/src/engine/build';
import { imageLayers, mapLayersToInstructions } from '../../client/src/engine/image-layers';
import { BUSYBOX_IMAGE, ENGINE_KIND, FIXTURE_IMAGE, ON_PODMAN } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';

const engineRun = new EngineTestRun();
const { docker, id: run } = engineRun;

const find = (nodes: ChangeNode[], path: string): ChangeNode | undefined => {
  for (const n of nodes) {
    if (n.path === path) return n;
    const deeper = find(n.children, path);
    if (deeper) return deeper;
  }
  return undefined;
};

describe(`inside containers and images (${ENGINE_KIND})`, () => {
  let c: Docker.Container;
  before(async () => {
    c = await engineRun.busybox({
      name: `berth-inside-${run}`,
      script:
        'mkdir -p /srv/new && echo x > /srv/new/file && echo extra:x:1234:1234::/:/bin/sh >> /etc/passwd; rm -f /bin/vi',
    });
    await c.wait();
  });
  after(() => engineRun.cleanup(`berth-test/layers-${run}:latest`));

  it('shows what a stopped container added, changed and deleted, as a tree', async () => {
    const tree = await containerChanges(docker, c.id);
    assert.equal(find(tree, '/srv/new/file')?.kind, 'added');
    assert.equal(find(tree, '/srv/new')?.kind, 'added');
    assert.equal(find(tree, '/etc/passwd')?.kind, 'changed');
    assert.equal(find(tree, '/bin/vi')?.kind, 'deleted');
    assert.ok(
      find(tree, '/srv')?.children.some((n) => n.name === 'new'),
      'children hang under their folder',
    );
  });

  it("reads the image's copy of a changed file through a temporary container that is gone afterwards", async () => {
    const before = await docker.listContainers({ all: true });
    const passwd = await readImageFile(docker, c.id, '/etc/passwd');
    assert.ok(passwd, 'the image has /etc/passwd');
    assert.ok(!passwd.toString().includes('extra:x:1234'), "the image's copy is without the container's change");
    assert.ok(passwd.toString().includes('root:'), passwd.toString());
    assert.equal(await readImageFile(docker, c.id, '/srv/new/file'), undefined, 'an added file is not in the image');
    const after = await docker.listContainers({ all: true });
    assert.equal(after.length, before.length, 'the temporary containers were removed');
  });

  it('lists the processes of a running container with ps options, and a signal reaches its handler', async () => {
    const live = await engineRun.busybox({
      name: `berth-top-${run}`,
      script: "trap 'exit 7' USR1; while :; do sleep 1; done",
    });
    const plain = await containerTop(docker, live.id);
    assert.ok(plain.titles.includes('PID'), plain.titles.join(' '));
    assert.ok(
      plain.processes.some((p) => p.join(' ').includes('sleep')),
      formatProcessTable(plain),
    );
    // dockerd runs the host's ps with these options; Podman reads /proc itself and takes its own descriptors,
    // with the ps-style "-eo pid,comm" among them.
    const custom = await containerTop(docker, live.id, { psArgs: '-eo pid,comm' });
    assert.deepEqual(
      custom.titles.map((t) => t.toUpperCase()),
      ['PID', 'COMMAND'],
    );
    assert.match(formatProcessTable(custom), /^PID\s+COMMAND\n/);
    assert.equal(normaliseSignal('usr1'), 'SIGUSR1');
    assert.equal(normaliseSignal('9'), '9');
    assert.equal(normaliseSignal('rm -rf'), undefined);
    // Through Engine, as the Send Signal command calls it.
    const engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
    await engine.killContainer(live.id, { signalName: normaliseSignal('usr1') });
    const exit = (await live.wait()) as { StatusCode: number };
    assert.equal(exit.StatusCode, 7, 'the trap ran: the signal was USR1, not a kill');
  });

  it("reads an image's platform and the engine's own, as InvalidBaseImagePlatform compares them", async () => {
    const engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
    const id = ((await docker.getImage(BUSYBOX_IMAGE).inspect()) as { Id: string }).Id;
    const platform = await engine.imagePlatform(id);
    const arch = process.arch === 'x64' ? 'amd64' : process.arch;
    // The fixture is built here, for this machine: both name this machine's architecture.
    assert.match(platform ?? '', new RegExp(`^linux/${arch}(/|$)`));
    assert.equal(engine.platform, `linux/${arch}`);
    await assert.rejects(engine.imagePlatform(`sha256:${'0'.repeat(64)}`));
  });

  it("lists an image's layers with the instruction that made each, biggest first on request", async () => {
    const layers = await imageLayers(docker, FIXTURE_IMAGE);
    assert.ok(layers.length >= 1);
    assert.ok(
      layers.every((l) => !l.createdBy.startsWith('/bin/sh -c')),
      'the shell prefix is taken off',
    );
    const biggest = await imageLayers(docker, FIXTURE_IMAGE, { biggestFirst: true });
    for (let i = 1; i < biggest.length; i++) assert.ok(biggest[i - 1]!.size >= biggest[i]!.size);
    assert.equal(
      biggest.reduce((n, l) => n + l.size, 0),
      layers.reduce((n, l) => n + l.size, 0),
    );
  });

  it('maps the layers of an image it built back to the lines of its Dockerfile, through a parent stage', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-layers-'));
    const dockerfile = [
      `FROM ${BUSYBOX_IMAGE} AS base`, // 0
      'ARG GREETING=hi', // 1
      'RUN mkdir /app && echo $GREETING > /app/greeting', // 2
      'FROM base AS final', // 3
      'ENV MODE=test', // 4
      'COPY note.txt /app/note.txt', // 5
      'RUN dd if=/dev/zero of=/app/blob bs=1k count=300', // 6
      'CMD ["cat", "/app/note.txt"]', // 7
    ].join('\n');
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
      writeFileSync(path.join(dir, 'note.txt'), 'note\n');
      const tag = `berth-test/layers-${run}:latest`;
      const built = await buildImage(docker, { contextDir: dir, tag, labels: engineRun.labels });
      const layers = await imageLayers(docker, built.imageId);
      const lines = mapLayersToInstructions(layers, dockerfile).map((i) => i?.line);
      const lineOf = (text: string) => lines[layers.findIndex((l) => l.createdBy.includes(text))];
      const what = layers.map((l, i) => `${lines[i] ?? '-'} ${l.createdBy}`).join('\n');
      assert.equal(lineOf('dd if=/dev/zero'), 6, what);
      assert.equal(lineOf('COPY'), 5, what);
      assert.equal(lineOf('MODE=test'), 4, what);
      assert.equal(lineOf('mkdir /app'), 2, what);
      // Podman's Buildah adds a LABEL step of its own for the request's labels, newest: it maps to no line.
      assert.equal(lines[ON_PODMAN ? 1 : 0], 7, `the newest step is the CMD\n${what}`);
      assert.equal(lines.at(-1), undefined, `the oldest layer is the base image's\n${what}`);
      assert.ok(layers.find((l) => l.createdBy.includes('dd if'))!.size >= 300 * 1024, what);
      // The builder's name for a RUN layer reads as the Dockerfile has it.
      assert.match(layers.find((l) => l.createdBy.includes('dd if'))!.createdBy, /^RUN dd if=/, what);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
