// The explorer's tree models against the real private engine: objects created through the API appear in the right
// groups with the right markers, and start/stop show up from the /events stream alone (no manual refresh).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Engine } from '../../client/src/engine/engine';
import { EventHub } from '../../client/src/engine/events';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { buildViewTree } from '../../client/src/explorer/model/index';
import { ExplorerStore } from '../../client/src/explorer/store';
import { viewsChangedBy, type ViewKind } from '../../client/src/explorer/views';
import { BUSYBOX_IMAGE, ENGINE_KIND, FIXTURE_IMAGE, ON_PODMAN, TEST_LABEL, taggedRepo } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { flattenNodes, until } from '../support/wait';

const engineRun = new EngineTestRun();
const { docker, id: run, labels } = engineRun;
const project = `berthx${run}`;
const workDir = `/srv/projects/${project}`;

describe(`explorer tree models on the real engine (${ENGINE_KIND})`, () => {
  let engine: Engine;
  let store: ExplorerStore;
  const ids: Record<string, string> = {};

  before(async () => {
    engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
    store = new ExplorerStore(async () => engine);
    const mk = async (name: string, extra: Record<string, string>, binds?: string[]) => {
      const c = await docker.createContainer({
        name: `${name}-${run}`,
        Image: FIXTURE_IMAGE,
        Labels: { ...labels, ...extra },
        HostConfig: { Binds: binds },
      });
      return c.id;
    };
    await docker.createVolume({ Name: `berth-used-${run}`, Labels: labels });
    await docker.createVolume({ Name: `berth-dangling-${run}`, Labels: labels });
    ids.web = await mk('web', {
      'com.docker.compose.project': project,
      'com.docker.compose.service': 'web',
      'com.docker.compose.project.working_dir': workDir,
    });
    ids.db = await mk(
      'db',
      {
        'com.docker.compose.project': project,
        'com.docker.compose.service': 'db',
        'com.docker.compose.project.working_dir': workDir,
      },
      [`berth-used-${run}:/data`],
    );
    ids.solo = await mk('solo', {});
    await docker.getImage(BUSYBOX_IMAGE).tag({ repo: `berth-test-${run}/img`, tag: 'v1' });
    await docker.getImage(BUSYBOX_IMAGE).tag({ repo: `berth-test-${run}/img`, tag: 'v2' });
    await docker.createNetwork({
      Name: `berth-net-${run}`,
      Labels: labels,
      IPAM: { Driver: 'default', Config: [{ Subnet: '10.231.7.0/24' }] },
    });
    await store.refresh(['containers', 'images', 'volumes', 'networks']);
  });

  after(async () => {
    await engineRun.cleanup();
    for (const t of ['v1', 'v2'])
      await docker
        .getImage(`berth-test-${run}/img:${t}`)
        .remove()
        .catch(() => undefined);
  });

  it('connects with the API version the engine reports and names the engine it found', () => {
    assert.equal(engine.info.podman, ON_PODMAN);
    assert.equal(engine.info.apiVersion, '1.41', 'both private engines speak API 1.41');
    assert.match(engine.displayName, ON_PODMAN ? / · Podman 4\.\d+\.\d+$/ : / · 20\.10\.\d+/);
  });

  it('groups containers by Compose project, the rest under Standalone, with state in icon and contextValue', () => {
    const roots = buildViewTree('containers', store.data)!;
    const group = roots.find((n) => n.id === `containers/project/${project}`);
    assert.ok(group, 'project group exists');
    assert.equal(group.contextValue, 'composeProject');
    assert.deepEqual(group.children!.map((c) => c.label).sort(), [`db-${run}`, `web-${run}`]);
    assert.deepEqual([...group.ref!.members!].sort(), [ids.db, ids.web].sort());
    const standalone = roots.find((n) => n.id === 'containers/standalone')!;
    const solo = standalone.children!.find((c) => c.id === `container/${ids.solo}`)!;
    assert.equal(solo.contextValue, 'container.created');
    assert.match(solo.description!, new RegExp(`^${FIXTURE_IMAGE.replace('/', '\\/')} · created$`));
    assert.match(solo.tooltip!, /Created: \d{4}-\d\d-\d\d/);
    assert.doesNotMatch(solo.tooltip!, /Up \d+ seconds/);
    // The workspace-only option keeps the project whose working dir is inside the folder, and drops the rest.
    const onlyWs = buildViewTree('containers', store.data, { workspaceFolders: ['/srv/projects'] })!;
    assert.deepEqual(
      onlyWs.map((n) => n.id),
      [`containers/project/${project}`],
    );
    // Filter by label value and by name.
    assert.deepEqual(
      flattenNodes(buildViewTree('containers', store.data, { filter: `service=db` }))
        .filter((n) => n.ref?.kind === 'container')
        .map((n) => n.label),
      [`db-${run}`],
    );
    assert.deepEqual(
      flattenNodes(buildViewTree('containers', store.data, { filter: `SOLO-${run}` }))
        .filter((n) => n.ref?.kind === 'container')
        .map((n) => n.label),
      [`solo-${run}`],
    );
  });

  it('groups images by repository with tags as children and marks the image containers use', () => {
    const roots = buildViewTree('images', store.data)!;
    const repo = roots.find((n) => n.id === `images/repo/${taggedRepo(`berth-test-${run}/img`)}`)!;
    assert.deepEqual(
      repo.children!.map((c) => c.label),
      ['v1', 'v2'],
    );
    assert.match(repo.children![0].description!, /\d+(\.\d)? [kM]?B · /);
    const [fixtureRepo, fixtureTag] = FIXTURE_IMAGE.split(':');
    const fixture = roots
      .find((n) => n.id === `images/repo/${fixtureRepo}`)!
      .children!.find((c) => c.label === fixtureTag)!;
    assert.equal(fixture.contextValue, 'imageTag.inUse');
    assert.match(fixture.description!, /in use/);
    assert.equal(repo.children![0].contextValue, 'imageTag'); // busybox tags: no container of ours uses them... unless someone else's does
  });

  it('shows volume usage (containers in the tooltip) and network driver, scope, subnets; built-ins behind a toggle', () => {
    const vols = buildViewTree('volumes', store.data)!;
    const used = vols.find((n) => n.id === `volume/berth-used-${run}`)!;
    assert.equal(used.contextValue, 'volume.inUse');
    assert.match(used.tooltip!, new RegExp(`Used by: db-${run}`));
    assert.equal(vols.find((n) => n.id === `volume/berth-dangling-${run}`)!.contextValue, 'volume.dangling');
    const nets = buildViewTree('networks', store.data)!;
    const mine = nets.find((n) => n.label === `berth-net-${run}`)!;
    assert.equal(mine.description, 'bridge · local · 10.231.7.0/24');
    assert.ok(
      !nets.some((n) => n.label === 'bridge' || n.label === 'host' || n.label === 'none'),
      'built-ins hidden by default',
    );
    const all = buildViewTree('networks', store.data, { showBuiltIn: true })!;
    // On Podman the list comes from its own API, which names the default network "podman" (its compat list calls
    // it "bridge"); Podman has no "host"/"none" networks to list.
    assert.equal(all.find((n) => n.label === (ON_PODMAN ? 'podman' : 'host'))!.contextValue, 'network.builtin');
    if (ON_PODMAN)
      assert.ok(!all.some((n) => n.label === 'bridge'), 'the network list came from libpod, not the compat API');
  });

  it('shows each view as soon as its own lists are in: a slow list holds back only its view', async () => {
    // The real engine, with its network list held until the other three views have appeared.
    let release!: (by: string) => void;
    const gate = new Promise<string>((r) => {
      release = r;
    });
    const timer = setTimeout(() => release('timeout'), 5000);
    const slow = Object.create(engine) as Engine;
    slow.listNetworks = async (o) => {
      await gate;
      return engine.listNetworks(o);
    };
    const held = new ExplorerStore(async () => slow);
    const seen: ViewKind[] = [];
    held.onDidChange((views) => {
      seen.push(...views);
      if ((['containers', 'images', 'volumes'] as const).every((v) => seen.includes(v))) release('views');
    });
    await held.refresh(['containers', 'images', 'volumes', 'networks']);
    clearTimeout(timer);
    assert.equal(await gate, 'views', 'containers, images and volumes appeared while the network list was still held');
    assert.equal(seen.at(-1), 'networks');
    assert.equal(seen.length, 4);
    assert.ok(buildViewTree('networks', held.data)!.some((n) => n.label === `berth-net-${run}`));
  });

  it('follows start/stop from the event stream alone, one refresh per view per burst', async () => {
    const refreshes: Array<{ views: ViewKind[]; reason: string }> = [];
    let eventsSeen = 0;
    const hub = new EventHub({
      engine: async () => engine,
      refresh: (reason, changes) => {
        refreshes.push({ views: changes ? viewsChangedBy(changes) : [], reason });
        void store.apply(changes);
      },
    });
    const stream = await engine.events({ filters: { label: [`${TEST_LABEL}=${run}`], type: ['container'] } });
    stream.on('data', (b: Buffer) => {
      eventsSeen += b
        .toString()
        .split('\n')
        .filter((l) => l.trim()).length;
    });
    hub.start();
    try {
      await until(() => hub.connected || undefined, 'the hub to connect', 5000, 10);
      const stateOf = (id: string) =>
        flattenNodes(buildViewTree('containers', store.data)).find((n) => n.id === `container/${id}`)?.contextValue;
      await docker.getContainer(ids.web).start();
      const t0 = performance.now();
      await until(() => stateOf(ids.web) === 'container.running' || undefined, 'web running in the tree', 5000, 10);
      console.log(`event-to-tree after start: ${(performance.now() - t0).toFixed(0)} ms`);
      await Promise.all([docker.getContainer(ids.db).start(), docker.getContainer(ids.solo).start()]);
      await Promise.all([ids.web, ids.db, ids.solo].map((id) => docker.getContainer(id).kill()));
      await until(
        () => [ids.web, ids.db, ids.solo].every((id) => stateOf(id) === 'container.exited') || undefined,
        'all three exited in the tree',
        5000,
        10,
      );
      assert.ok(eventsSeen >= 9, `saw ${eventsSeen} container events`);
      // Removing the container that mounts a volume: it leaves the Containers tree and the volume turns dangling,
      // from the destroy event alone (containers are re-read by id, volumes re-rendered).
      await docker.getContainer(ids.db).remove();
      await until(() => stateOf(ids.db) === undefined || undefined, 'db gone from the tree', 5000, 10);
      await until(
        () =>
          buildViewTree('volumes', store.data)!.find((n) => n.id === `volume/berth-used-${run}`)?.contextValue ===
            'volume.dangling' || undefined,
        'its volume dangling',
        5000,
        10,
      );
      // A burst the engine emits within milliseconds: 20 volumes created at once → very few refreshes of that view.
      const before = refreshes.length;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => docker.createVolume({ Name: `berth-burst-${run}-${i}`, Labels: labels })),
      );
      await until(
        () =>
          buildViewTree('volumes', store.data)!.filter((n) => n.label.startsWith(`berth-burst-${run}-`)).length ===
            20 || undefined,
        '20 burst volumes in the tree',
        5000,
        10,
      );
      await new Promise((r) => setTimeout(r, 300));
      const volumeRefreshes = refreshes
        .slice(before)
        .filter((r) => r.reason === 'event' && r.views.includes('volumes'));
      assert.ok(
        volumeRefreshes.length >= 1 && volumeRefreshes.length <= 3,
        `${volumeRefreshes.length} volume refreshes for 20 create events`,
      );
      const exited = flattenNodes(buildViewTree('containers', store.data)).find(
        (n) => n.id === `container/${ids.web}`,
      )!;
      assert.match(exited.description!, /exited \(137\)/);
      assert.equal(exited.icon!.id, 'error');
    } finally {
      hub.stop();
      stream.destroy();
    }
  });
});
