// Disk use, prune, and moving images and containers, on the real engine: /system/df and its reclaimable sizes, the
// prune of each kind against the plan that was shown before it, save and load (with Cancel leaving no file and a
// load that would move a tag found beforehand), export and import, commit with changes, rename, and pull by reference
// with its failures told apart. Prunes are limited to this run's label, except where the engine is the private one.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { summariseDiskUsage } from '../../client/src/engine/disk-usage';
import { Engine } from '../../client/src/engine/engine';
import { EngineError } from '../../client/src/engine/errors';
import { LoadError, readArchive } from '../../client/src/engine/image-archive';
import { PullError } from '../../client/src/engine/pull';
import {
  BUSYBOX_IMAGE,
  ENGINE_KIND,
  FIXTURE_IMAGE,
  ON_PODMAN,
  REGISTRY,
  TEST_LABEL,
  followProgress,
} from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';

const engineRun = new EngineTestRun();
const { docker, id: run, labels, labelFilter: label } = engineRun;
const dir = mkdtempSync(path.join(tmpdir(), 'berth-moving-'));
const images: string[] = [];
/** Tags compare without the docker.io/ and localhost/ prefixes Podman's compat API adds. */
const bare = (t: string) => t.replace(/^(docker\.io|localhost)\//, '');

async function imageId(ref: string): Promise<string | undefined> {
  return docker
    .getImage(ref)
    .inspect()
    .then(
      (i) => i.Id,
      () => undefined,
    );
}

async function stoppedContainer(name: string, script = 'true') {
  const c = await engineRun.busybox({ name, script });
  await c.wait();
  return c;
}

describe(`disk use, prune and moving images and containers (${ENGINE_KIND})`, () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
  });
  after(async () => {
    await engineRun.cleanup(...images);
    rmSync(dir, { recursive: true, force: true });
  });

  it('/system/df: every kind with its size and a reclaimable part no larger than it', async () => {
    const c = await stoppedContainer(`berth-df-${run}`, 'head -c 200000 /dev/zero > /blob');
    await docker.createVolume({ Name: `berth-df-${run}`, Labels: labels });
    const df = await engine.diskUsage();
    // By id: Podman's compat df gives bare tags ("latest") without the repository.
    const busybox = await imageId(BUSYBOX_IMAGE);
    assert.ok((df.Images ?? []).some((i) => i.Id === busybox));
    const mine = (df.Containers ?? []).find((x) => x.Id === c.id);
    assert.ok(mine, 'the stopped container is listed');
    // Podman's compat df does not size a container's writable layer the way dockerd does.
    if (!ON_PODMAN)
      assert.ok((mine.SizeRw ?? 0) >= 200_000, `its writable layer holds the 200 kB file (SizeRw ${mine.SizeRw})`);
    assert.ok((df.Volumes ?? []).some((v) => v.Name === `berth-df-${run}`));
    const rows = summariseDiskUsage(df);
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['images', 'containers', 'volumes', 'buildCache'],
    );
    for (const r of rows) assert.ok(r.reclaimable <= r.size && r.active <= r.count, JSON.stringify(r));
    const containers = rows.find((r) => r.kind === 'containers')!;
    if (!ON_PODMAN) assert.ok(containers.reclaimable >= 200_000, 'a stopped container is reclaimable');
  });

  it('prunes stopped containers, unused volumes and networks: the plan names what the engine then removes', async () => {
    const stopped = await stoppedContainer(`berth-prune-${run}`, 'head -c 50000 /dev/zero > /blob');
    await docker.createVolume({ Name: `berth-prune-${run}`, Labels: labels });
    const net = await docker.createNetwork({ Name: `berth-prune-${run}`, Labels: labels });
    const o = { labels: [label] };

    const cPlan = await engine.planPrune('containers', o);
    assert.ok(cPlan.items.some((i) => i.id === stopped.id));
    if (!ON_PODMAN) assert.ok(cPlan.bytes >= 50_000, `about ${cPlan.bytes} B freed`);
    const cDone = await engine.prune('containers', o);
    assert.ok(cDone.deleted.includes(stopped.id));
    await assert.rejects(stopped.inspect());

    // A named volume: dockerd from API 1.42 prunes only anonymous ones unless asked for all; older dockerd and Podman
    // prune every unused one.
    const [, minor = 0] = engine.info.apiVersion.split('.').map(Number);
    const vPlan = await engine.planPrune('volumes', o);
    assert.equal(
      vPlan.items.some((i) => i.id === `berth-prune-${run}`),
      ON_PODMAN || minor < 42,
    );
    const vAll = await engine.planPrune('volumes', { ...o, allVolumes: true });
    assert.ok(vAll.items.some((i) => i.id === `berth-prune-${run}`));
    const vDone = await engine.prune('volumes', { ...o, allVolumes: true });
    assert.ok(vDone.deleted.includes(`berth-prune-${run}`));

    const nPlan = await engine.planPrune('networks', o);
    assert.deepEqual(
      nPlan.items.map((i) => i.name),
      [`berth-prune-${run}`],
    );
    const nDone = await engine.prune('networks', o);
    assert.ok(nDone.deleted.some((d) => d === `berth-prune-${run}` || d === net.id));
  });

  it('prunes dangling images; the system prune (all images, volumes) removes stopped containers and unused images', async () => {
    // An image of our own (label from the commit's changes), made dangling by re-tagging its name elsewhere.
    const c = await stoppedContainer(`berth-img-${run}`, 'echo one > /one');
    const first = await engine.commitContainer(c.id, {
      repository: `berth-test/dangling-${run}`,
      tag: 'v1',
      changes: [`LABEL ${label}`],
    });
    const c2 = await stoppedContainer(`berth-img2-${run}`, 'echo two > /two');
    const second = await engine.commitContainer(c2.id, {
      repository: `berth-test/dangling-${run}`,
      tag: 'v1',
      changes: [`LABEL ${label}`],
    });
    images.push(first, second);
    const dPlan = await engine.planPrune('danglingImages', { labels: [label] });
    assert.deepEqual(
      dPlan.items.map((i) => i.id),
      [first],
    );
    const dDone = await engine.prune('danglingImages', { labels: [label] });
    assert.ok(dDone.deleted.includes(first), `deleted: ${dDone.deleted.join(' ')}`);
    assert.equal(await imageId(first), undefined);

    // The tagged one is in use by no container once c2 is gone: the system prune's plan counts it, and removes it.
    const plans = await engine.planSystemPrune({ allImages: true, volumes: true, labels: [label] });
    assert.deepEqual(
      plans.map((p) => p.kind),
      ['containers', 'networks', 'volumes', 'allImages'],
    );
    assert.ok(plans[0]!.items.some((i) => i.id === c2.id));
    assert.ok(plans[3]!.items.some((i) => i.id === second));
    const done = await engine.systemPrune({ allImages: true, volumes: true, labels: [label] });
    assert.ok(done[0]!.deleted.includes(c2.id));
    assert.equal(await imageId(second), undefined, 'the committed image went with its container');
  });

  it('build cache: plan and prune on the private engine (build cache carries no labels to limit it by)', async (t) => {
    if (!process.env.BERTH_ENGINE_OWNED) return t.skip('not the private engine: its build cache is not ours to prune');
    const plan = await engine.planPrune('buildCache');
    assert.ok(plan.items.every((i) => (i.size ?? 0) >= 0));
    // Podman keeps no BuildKit cache: its df lists none, and it has no /build/prune (nothing to prune).
    const done = await engine.prune('buildCache');
    assert.ok(Array.isArray(done.deleted) && done.spaceReclaimed >= 0);
    if (ON_PODMAN) assert.equal(plan.items.length, 0);
  });

  it('saves images to a .tar with progress and loads it back; the archive says which tags it holds', async () => {
    const tag = `berth-test/save-${run}:v1`;
    await docker.getImage(BUSYBOX_IMAGE).tag({ repo: `berth-test/save-${run}`, tag: 'v1' });
    images.push(tag);
    const id = await imageId(tag);
    const file = path.join(dir, 'images.tar');
    const seen: number[] = [];
    const size = await engine.saveImages([tag, FIXTURE_IMAGE], file, { onProgress: (p) => seen.push(p.bytes) });
    assert.equal(statSync(file).size, size);
    assert.ok(seen.length > 0 && seen.at(-1) === size, 'byte progress up to the whole file');
    const archived = await readArchive(file);
    const mine = archived.find((a) => a.tags.map(bare).includes(tag));
    assert.ok(mine, `archive tags: ${JSON.stringify(archived)}`);
    assert.equal(mine.id, id);
    assert.equal(archived.length, 2, 'both images are in the one archive');

    await docker.getImage(tag).remove();
    assert.deepEqual(await engine.loadConflicts(archived), []);
    const loaded = await engine.loadImages(file);
    assert.ok(loaded.loaded.map(bare).includes(tag), `loaded: ${loaded.loaded.join(', ')}`);
    assert.equal(await imageId(tag), id);

    // The same tag on another image: loading would move it, which is found before anything is loaded.
    await docker.getImage(FIXTURE_IMAGE).tag({ repo: `berth-test/save-${run}`, tag: 'v1' });
    const conflicts = await engine.loadConflicts(archived);
    assert.equal(conflicts.length, 1);
    assert.equal(bare(conflicts[0]!.tag), tag);
    assert.equal(conflicts[0]!.currentId, await imageId(FIXTURE_IMAGE));
  });

  it('Cancel of a save leaves no file, not even a partial one; a cancelled load says what it loaded', async () => {
    const file = path.join(dir, 'cancelled.tar');
    const ctl = new AbortController();
    await assert.rejects(
      engine.saveImages([FIXTURE_IMAGE], file, { signal: ctl.signal, onProgress: () => ctl.abort() }),
    );
    assert.equal(existsSync(file), false);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('cancelled')),
      [],
      'no partial file left',
    );
    const whole = path.join(dir, 'images.tar');
    const e = await engine.loadImages(whole, { signal: AbortSignal.abort() }).then(
      () => assert.fail('a load aborted before it began must not succeed'),
      (x: unknown) => x,
    );
    assert.ok(e instanceof LoadError, String(e));
    assert.equal(e.cancelled, true);
    assert.ok(Array.isArray(e.loadedAnyway));
  });

  it('exports a container to a tarball and imports it as an image with repository, tag, message and changes', async () => {
    const c = await stoppedContainer(`berth-export-${run}`, 'echo exported > /marker');
    const file = path.join(dir, 'fs.tar');
    const size = await engine.exportContainer(c.id, file);
    assert.ok(size > 100_000 && statSync(file).size === size);
    const repo = `berth-test/imported-${run}`;
    const id = await engine.importImage(file, {
      repository: repo,
      tag: 'v2',
      message: 'imported by the moving test',
      changes: ['ENV IMPORTED=yes', 'CMD ["cat", "/marker"]', `LABEL ${label}`],
    });
    images.push(`${repo}:v2`);
    const img = await docker.getImage(`${repo}:v2`).inspect();
    assert.equal(img.Id, id);
    assert.ok(img.Config.Env?.includes('IMPORTED=yes'), `env: ${img.Config.Env?.join(' ')}`);
    assert.deepEqual(img.Config.Cmd, ['cat', '/marker']);
    assert.equal(img.Config.Labels?.[TEST_LABEL], run);
    const history = await docker.getImage(id).history();
    // Podman's compat import keeps the message in the history; dockerd keeps it too (as the CLI's `docker history` shows).
    assert.ok(
      history.some((h: { Comment?: string }) => h.Comment === 'imported by the moving test'),
      JSON.stringify(history),
    );
    const out = await docker.createContainer({ Image: id, Labels: labels });
    await out.start();
    await out.wait();
    const logs = await out.logs({ stdout: true });
    assert.match(logs.toString(), /exported/);
  });

  it('Cancel of an export leaves no file', async () => {
    const c = await stoppedContainer(`berth-export2-${run}`);
    const file = path.join(dir, 'cancelled-export.tar');
    const ctl = new AbortController();
    await assert.rejects(engine.exportContainer(c.id, file, { signal: ctl.signal, onProgress: () => ctl.abort() }));
    assert.equal(existsSync(file), false);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('cancelled-export')),
      [],
    );
  });

  it('commits a container with author, message and changes', async () => {
    const c = await stoppedContainer(`berth-commit-${run}`, 'echo committed > /state');
    const repo = `berth-test/committed-${run}`;
    const id = await engine.commitContainer(c.id, {
      repository: repo,
      tag: 'v3',
      author: 'Berth Test <berth@example.com>',
      message: 'state after the run',
      changes: ['ENV COMMITTED=1', 'EXPOSE 8080', 'WORKDIR /srv'],
    });
    images.push(`${repo}:v3`);
    const img = await docker.getImage(`${repo}:v3`).inspect();
    assert.equal(img.Id, id);
    assert.equal(img.Author, 'Berth Test <berth@example.com>');
    assert.equal(img.Comment, 'state after the run');
    assert.ok(img.Config.Env?.includes('COMMITTED=1'));
    assert.ok(Object.keys(img.Config.ExposedPorts ?? {}).includes('8080/tcp'));
    assert.equal(img.Config.WorkingDir, '/srv');
    const out = await docker.createContainer({ Image: id, Cmd: ['cat', '/state'], Labels: labels });
    await out.start();
    await out.wait();
    assert.match((await out.logs({ stdout: true })).toString(), /committed/);
  });

  it("renames a container; a name in use is refused with the engine's conflict", async () => {
    const a = await engineRun.busybox({ name: `berth-ren-a-${run}`, start: false });
    await engineRun.busybox({ name: `berth-ren-b-${run}`, start: false });
    await engine.renameContainer(a.id, `berth-ren-c-${run}`);
    assert.equal((await a.inspect()).Name, `/berth-ren-c-${run}`);
    const e = await engine.renameContainer(a.id, `berth-ren-b-${run}`).then(
      () => assert.fail('renaming onto a taken name must fail'),
      (x: unknown) => x,
    );
    assert.ok(e instanceof EngineError, String(e));
    assert.equal(e.statusCode, 409);
  });

  it('pulls by reference with per-layer progress; a missing tag is "not found", an unreachable registry "network"', async () => {
    // An image with a layer of its own, pushed and then removed: pulling it downloads that layer again (an image
    // still present locally would be pulled with no layer lines at all).
    const repo = `${REGISTRY}/berth-test/pull-${run}`;
    const c = await stoppedContainer(`berth-pull-${run}`, 'head -c 300000 /dev/urandom > /random');
    const id = await engine.commitContainer(c.id, { repository: repo, tag: 'v1' });
    await followProgress(docker, await docker.getImage(`${repo}:v1`).push({ authconfig: {} }));
    await docker.getImage(id).remove({ force: true });
    images.push(`${repo}:v1`);
    const seen: Array<{ layers: number; fraction: number }> = [];
    // An empty docker config folder: this machine's own ~/.docker/config.json plays no part.
    const credentials = { env: { ...process.env, DOCKER_CONFIG: dir } };
    const r = await engine.pullImage(`${repo}:v1`, {
      credentials,
      onProgress: (p) => seen.push({ layers: p.layers.length, fraction: p.fraction }),
    });
    assert.equal(r.credentialSource, undefined, 'no credentials are configured for the loopback registry');
    assert.ok(await imageId(`${repo}:v1`));
    // Podman's compat pull reports no per-layer lines, only its final status.
    if (!ON_PODMAN)
      assert.ok(
        seen.some((s) => s.layers >= 1),
        JSON.stringify(seen),
      );

    // Cancel while the layers come: the pull ends as cancelled. Podman streams no layer lines to cancel on: there
    // the user presses Cancel as soon as the pull starts.
    await docker.getImage(`${repo}:v1`).remove({ force: true });
    const ctl = new AbortController();
    if (ON_PODMAN) setTimeout(() => ctl.abort(), 1);
    const cancelled = await engine
      .pullImage(`${repo}:v1`, { credentials, signal: ctl.signal, onProgress: () => ctl.abort() })
      .then(
        () => (ctl.signal.aborted ? assert.fail('a cancelled pull must not report success') : undefined),
        (x: unknown) => x,
      );
    if (!ON_PODMAN) assert.ok(ctl.signal.aborted, 'layer progress came, and Cancel was pressed on it');
    if (ctl.signal.aborted) {
      assert.ok(cancelled instanceof PullError, String(cancelled));
      assert.equal(cancelled.kind, 'cancelled');
    }

    const missing = await engine.pullImage(`${repo}:no-such-tag`, { credentials }).then(
      () => assert.fail('pulling a missing tag must fail'),
      (x: unknown) => x,
    );
    assert.ok(missing instanceof PullError, String(missing));
    assert.equal(missing.kind, 'notFound', missing.raw);

    const unreachable = await engine.pullImage('127.0.0.1:9/berth-test/none:v1', { credentials }).then(
      () => assert.fail('pulling from a closed port must fail'),
      (x: unknown) => x,
    );
    assert.ok(unreachable instanceof PullError, String(unreachable));
    assert.equal(unreachable.kind, 'network', unreachable.raw);
  });
});
