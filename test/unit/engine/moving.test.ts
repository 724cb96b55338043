// The pure parts of disk use, prune and moving: `docker system df`'s reclaimable sums, what each prune plan lists,
// `--change` parsing, what a saved archive holds and what the engine said it loaded or imported, and how a pull's
// failure text is told apart (dockerd's and Podman's words).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importedId } from '../../../client/src/engine/container-archive';
import { parseChanges } from '../../../client/src/engine/commit';
import { summariseDiskUsage, type SystemDf } from '../../../client/src/engine/disk-usage';
import { configId, imagesOfManifest, loadedNames } from '../../../client/src/engine/image-archive';
import {
  ANONYMOUS_VOLUME_LABEL,
  hasLabels,
  planFromDf,
  systemPruneKinds,
  volumePruneTakesNamed,
} from '../../../client/src/engine/prune';
import { classifyPullError, summarisePull } from '../../../client/src/engine/pull';

const hex = (c: string) => c.repeat(64);
const df: SystemDf = {
  LayersSize: 1000,
  Images: [
    { Id: `sha256:${hex('a')}`, RepoTags: ['app:1'], Size: 600, SharedSize: 200, Containers: 1 },
    { Id: `sha256:${hex('b')}`, RepoTags: [], Size: 300, SharedSize: 200, Containers: 0, Labels: { team: 'x' } },
    { Id: `sha256:${hex('c')}`, RepoTags: ['tool:2'], Size: 300, SharedSize: -1, Containers: 0 },
  ],
  Containers: [
    { Id: 'c1', Names: ['/web'], State: 'running', SizeRw: 50 },
    { Id: 'c2', Names: ['/old'], State: 'exited', SizeRw: 70, Labels: { team: 'x' } },
    { Id: 'c3', Names: ['/new'], State: 'created', SizeRw: 0 },
  ],
  Volumes: [
    { Name: 'data', UsageData: { Size: 500, RefCount: 1 } },
    { Name: 'named-unused', UsageData: { Size: 40, RefCount: 0 } },
    { Name: 'f00', Labels: { [ANONYMOUS_VOLUME_LABEL]: '' }, UsageData: { Size: 60, RefCount: 0 } },
    { Name: 'unknown', UsageData: { Size: -1, RefCount: -1 } },
  ],
  BuildCache: [
    { ID: 'b1', InUse: true, Shared: false, Size: 100 },
    { ID: 'b2', InUse: false, Shared: false, Size: 30, Description: 'mount / from exec' },
    { ID: 'b3', InUse: false, Shared: true, Size: 20 },
  ],
};
const dockerd = { podman: false, apiVersion: '1.45' };

describe('disk usage and prune plans', () => {
  it('sums as docker system df does', () => {
    const [images, containers, volumes, cache] = summariseDiskUsage(df);
    assert.deepEqual(images, { kind: 'images', count: 3, active: 1, size: 1000, reclaimable: 600 }); // 1000 − (600−200)
    assert.deepEqual(containers, { kind: 'containers', count: 3, active: 1, size: 120, reclaimable: 70 });
    assert.deepEqual(volumes, { kind: 'volumes', count: 4, active: 1, size: 600, reclaimable: 100 });
    assert.deepEqual(cache, { kind: 'buildCache', count: 3, active: 1, size: 130, reclaimable: 30 });
  });

  it('plans: stopped containers, dangling or unused images, anonymous or all volumes, idle cache; labels narrow', () => {
    assert.deepEqual(
      planFromDf(df, 'containers', dockerd).items.map((i) => i.name),
      ['old', 'new'],
    );
    assert.deepEqual(
      planFromDf(df, 'danglingImages', dockerd).items.map((i) => [i.id.slice(7, 8), i.size]),
      [['b', 100]],
    );
    const all = planFromDf(df, 'allImages', dockerd);
    assert.deepEqual(
      all.items.map((i) => i.name),
      [hex('b').slice(0, 12), 'tool:2'],
    );
    assert.equal(all.bytes, 400, 'an unknown shared size counts the whole image');
    assert.deepEqual(
      planFromDf(df, 'volumes', dockerd).items.map((i) => i.name),
      ['f00'],
    );
    assert.deepEqual(
      planFromDf(df, 'volumes', dockerd, true).items.map((i) => i.name),
      ['named-unused', 'f00'],
    );
    assert.deepEqual(
      planFromDf(df, 'volumes', { podman: true, apiVersion: '1.41' }).items.map((i) => i.name),
      ['named-unused', 'f00'],
    );
    assert.deepEqual(planFromDf(df, 'buildCache', dockerd), {
      kind: 'buildCache',
      items: [
        { id: 'b2', name: 'mount / from exec', size: 30 },
        { id: 'b3', name: 'b3', size: 0 },
      ],
      bytes: 30,
    });
    const labelled = { ...dockerd, labels: ['team=x'] };
    assert.deepEqual(
      planFromDf(df, 'containers', labelled).items.map((i) => i.id),
      ['c2'],
    );
    assert.deepEqual(planFromDf(df, 'allImages', labelled).items.length, 1);
  });

  it('labels, volume defaults and the order of a system prune', () => {
    assert.ok(hasLabels({ a: '1', b: '' }, ['a=1', 'b']));
    assert.ok(!hasLabels({ a: '1' }, ['a=2']));
    assert.ok(!hasLabels(null, ['a']));
    assert.ok(hasLabels(undefined, undefined));
    assert.equal(volumePruneTakesNamed({ podman: false, apiVersion: '1.41' }, false), true);
    assert.equal(volumePruneTakesNamed(dockerd, false), false);
    assert.deepEqual(systemPruneKinds({}), ['containers', 'networks', 'danglingImages', 'buildCache']);
    assert.deepEqual(systemPruneKinds({ allImages: true, volumes: true }), [
      'containers',
      'networks',
      'volumes',
      'allImages',
      'buildCache',
    ]);
    assert.deepEqual(systemPruneKinds({ labels: ['a'] }), ['containers', 'networks', 'danglingImages']);
  });
});

describe('moving images and containers', () => {
  it('parses --change instructions, one per line or ";"-separated, and names the first bad one', () => {
    assert.deepEqual(parseChanges('ENV A=b; EXPOSE 8080\nCMD ["sh", "-c", "echo a; echo b"]'), {
      changes: ['ENV A=b', 'EXPOSE 8080', 'CMD ["sh", "-c", "echo a; echo b"]'],
    });
    assert.deepEqual(parseChanges('  '), { changes: [] });
    const bad = parseChanges('ENV A=b; RUN rm -rf /');
    assert.ok('problem' in bad && bad.problem.startsWith('"RUN rm -rf /"'));
  });

  it("reads an archive's manifest, and what load and import answered", () => {
    assert.equal(configId(`blobs/sha256/${hex('d')}`), `sha256:${hex('d')}`);
    assert.equal(configId(`${hex('e')}.json`), `sha256:${hex('e')}`);
    assert.deepEqual(
      imagesOfManifest([
        { Config: `blobs/sha256/${hex('d')}`, RepoTags: ['a:1', 'b:2'] },
        { Config: `${hex('e')}.json`, RepoTags: null },
        { Config: 'nonsense' },
      ]),
      [
        { id: `sha256:${hex('d')}`, tags: ['a:1', 'b:2'] },
        { id: `sha256:${hex('e')}`, tags: [] },
      ],
    );
    assert.deepEqual(imagesOfManifest({}), []);
    assert.deepEqual(loadedNames(['Loaded image: a:1\n', 'Loaded image ID: sha256:ff\n', 'Loaded image: a:1\n']), [
      'a:1',
      'sha256:ff',
    ]);
    assert.deepEqual(loadedNames(['Loaded image: docker.io/a:1,localhost/b:2\n']), ['docker.io/a:1', 'localhost/b:2']);
    assert.equal(importedId([{ status: 'Downloading' }, { status: `sha256:${hex('9')}` }]), `sha256:${hex('9')}`);
    assert.equal(importedId([{ id: hex('8') }]), `sha256:${hex('8')}`);
    assert.equal(importedId([{ status: 'Download complete', id: `sha256:${hex('7')}` }]), `sha256:${hex('7')}`);
    assert.equal(importedId([{ status: 'nothing' }]), undefined);
  });

  it('tells a pull failure apart: auth, not found, network, cancelled', () => {
    const kind = (raw: string) => classifyPullError(raw, 'r/x:1', 'r').kind;
    assert.equal(kind('Head "https://r/v2/x/manifests/1": unauthorized: authentication required'), 'auth');
    assert.equal(kind('unauthorized: unauthorized to access repository: team/x, action: pull'), 'auth');
    assert.equal(kind('manifest for r/x:1 not found: manifest unknown: manifest unknown'), 'notFound');
    assert.equal(kind('reading manifest 1 in r/x: manifest unknown'), 'notFound'); // Podman
    assert.equal(
      kind("pull access denied for x, repository does not exist or may require 'docker login': denied"),
      'notFound',
    );
    assert.equal(kind('Get "https://r/v2/": dial tcp 127.0.0.1:9: connect: connection refused'), 'network');
    assert.equal(
      kind('pinging container registry r: Get "https://r/v2/": dial tcp: lookup r: no such host'),
      'network',
    );
    assert.equal(kind('http: server gave HTTP response to HTTPS client'), 'network');
    assert.equal(kind('context canceled'), 'cancelled');
    assert.equal(kind('something else'), 'other');
  });

  it("sums a pull's progress over its layers", () => {
    const layers = new Map([
      ['l1', { id: 'l1', status: 'Pull complete' }],
      ['l2', { id: 'l2', status: 'Downloading', current: 50, total: 100 }],
      ['l3', { id: 'l3', status: 'Extracting', current: 100, total: 100 }],
      ['l4', { id: 'l4', status: 'Waiting' }],
    ]);
    assert.equal(summarisePull(layers).fraction, (1 + 0.35 + 1 + 0) / 4);
  });
});
