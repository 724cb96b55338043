// Inside containers and images, on the real engine: what a container changed in its writable layer (as a tree,
// stopped or running) and an image's layers with the instruction that made each one.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { containerChanges, type ChangeNode } from '../../client/src/engine/container-changes';
import { imageLayers } from '../../client/src/engine/image-layers';
import {
  BUSYBOX_IMAGE,
  ENGINE_KIND,
  FIXTURE_IMAGE,
  TEST_LABEL,
  removeTestObjects,
  testDocker,
} from '../support/engine-env';

const docker = testDocker();
const run = randomUUID().slice(0, 8);

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
    c = await docker.createContainer({
      Image: BUSYBOX_IMAGE,
      name: `berth-inside-${run}`,
      Cmd: [
        'sh',
        '-c',
        'mkdir -p /srv/new && echo x > /srv/new/file && echo extra:x:1234:1234::/:/bin/sh >> /etc/passwd; rm -f /bin/vi',
      ],
      Labels: { [TEST_LABEL]: run },
    });
    await c.start();
    await c.wait();
  });
  after(async () => {
    await removeTestObjects(docker, run);
  });

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
});
