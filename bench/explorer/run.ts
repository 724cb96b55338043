// Explorer benchmark on the private engine: 1,000 created containers, 300 image tags, 100 volumes, 50 networks.
//  1. Time from request to all four tree models built: Berth (Engine API via dockerode → store → models) vs the
//     docker CLI commands a CLI-based explorer runs (ps/image ls/volume ls/network ls with JSON format, in parallel,
//     output parsed) — same run, interleaved, medians and ratio (target ≥ 5×).
//  2. Event-to-tree latency over 50 container starts (engine event timestamp → model shows the container running).
// Everything created carries the label berth.bench=<run> and is removed at the end.
//   npx tsx bench/explorer/run.ts        (uses DOCKER_HOST, else the private engine from scripts/engine.sh env)
import { execFile, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { Engine } from '../../client/src/engine/engine';
import { EventHub, type EngineEvent } from '../../client/src/engine/events';
import { buildViewTree, type ExplorerNode } from '../../client/src/explorer/model/index';
import { ExplorerStore } from '../../client/src/explorer/store';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
if (!process.env.DOCKER_HOST) {
  const r = spawnSync('bash', [path.join(root, 'scripts/engine.sh'), 'env'], { encoding: 'utf8' });
  for (const m of r.stdout.matchAll(/^export (\w+)=(.*)$/gm)) process.env[m[1]] = m[2];
}
const FIXTURE = process.env.BERTH_FIXTURE_IMAGE ?? 'berth/fixture:latest';
const RUN = randomUUID().slice(0, 8);
const LABEL = 'berth.bench';
const labels = { [LABEL]: RUN };
const N = { containers: 1000, tags: 300, volumes: 100, networks: 50, starts: 50, rounds: 9 };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;

async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  const q = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let t = q.shift(); t !== undefined; t = q.shift()) await fn(t);
    }),
  );
}

function countLeaves(nodes: ExplorerNode[]): number {
  return nodes.reduce((n, x) => n + (x.children ? countLeaves(x.children) : 1), 0);
}

async function setUp(docker: Docker): Promise<string[]> {
  const t0 = performance.now();
  const ids: string[] = [];
  await pool([...Array(N.containers).keys()], 8, async (i) => {
    const project: Record<string, string> =
      i % 4 === 0
        ? { 'com.docker.compose.project': `bench-${RUN}-p${i % 40}`, 'com.docker.compose.service': `svc${i}` }
        : {};
    const c = await docker.createContainer({
      name: `bench-${RUN}-${i}`,
      Image: FIXTURE,
      Labels: { ...labels, ...project },
    });
    ids.push(c.id);
  });
  await pool([...Array(N.tags).keys()], 8, (i) =>
    docker.getImage(FIXTURE).tag({ repo: `berth-bench-${RUN}/app${i % 30}`, tag: `v${i}` }),
  );
  await pool([...Array(N.volumes).keys()], 8, (i) =>
    docker.createVolume({ Name: `bench-${RUN}-v${i}`, Labels: labels }),
  );
  await pool([...Array(N.networks).keys()], 4, (i) =>
    docker.createNetwork({
      // Explicit subnets: 50 networks would exhaust the engine's default address pools.
      Name: `bench-${RUN}-n${i}`,
      Labels: labels,
      IPAM: { Driver: 'default', Config: [{ Subnet: `10.251.${i}.0/24` }] },
    }),
  );
  console.log(
    `setup: ${N.containers} containers, ${N.tags} tags, ${N.volumes} volumes, ${N.networks} networks in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return ids;
}

async function tearDown(docker: Docker): Promise<void> {
  const filters = JSON.stringify({ label: [`${LABEL}=${RUN}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await pool(containers, 8, (c) =>
    docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined),
  );
  const images = await docker.listImages();
  const tags = images.flatMap((i) => i.RepoTags ?? []).filter((t) => t.startsWith(`berth-bench-${RUN}/`));
  await pool(tags, 8, (t) =>
    docker
      .getImage(t)
      .remove()
      .catch(() => undefined),
  );
  await pool((await docker.listVolumes({ filters })).Volumes ?? [], 8, (v) =>
    docker
      .getVolume(v.Name)
      .remove()
      .catch(() => undefined),
  );
  await pool(await docker.listNetworks({ filters }), 4, (n) =>
    docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined),
  );
  console.log('cleanup: removed everything labelled', `${LABEL}=${RUN}`);
}

/** Berth: one connected engine (as in the extension), a fresh store each round → all four models. */
async function berthRound(engine: Engine): Promise<number> {
  const t0 = performance.now();
  const store = new ExplorerStore(async () => engine);
  await store.refresh(['containers', 'images', 'volumes', 'networks']);
  const trees = (['containers', 'images', 'volumes', 'networks'] as const).map((v) => buildViewTree(v, store.data)!);
  const dt = performance.now() - t0;
  if (countLeaves(trees[0]) < N.containers) throw new Error(`containers tree has ${countLeaves(trees[0])} items`);
  return dt;
}

/** The CLI peer: the four commands a CLI-based explorer runs, in parallel, JSON lines parsed. */
async function cliRound(): Promise<number> {
  const t0 = performance.now();
  const cmds = [
    ['ps', '-a', '--format', '{{json .}}'],
    ['image', 'ls', '--format', '{{json .}}'],
    ['volume', 'ls', '--format', '{{json .}}'],
    ['network', 'ls', '--format', '{{json .}}'],
  ];
  const outs = await Promise.all(cmds.map((args) => exec('docker', args, { maxBuffer: 256 * 1024 * 1024 })));
  const parsed = outs.map((o) =>
    o.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as unknown),
  );
  const dt = performance.now() - t0;
  if (parsed[0].length < N.containers) throw new Error(`docker ps listed ${parsed[0].length}`);
  return dt;
}

/** The engine alone: the same four lists as raw HTTP requests over its unix socket, in parallel, bodies read. */
async function engineRound(socketPath: string, api: string): Promise<number> {
  const get = (p: string) =>
    new Promise<number>((resolve, reject) => {
      request({ socketPath, path: `/v${api}${p}` }, (res) => {
        let n = 0;
        res.on('data', (b: Buffer) => {
          n += b.length;
        });
        res.on('end', () => resolve(n));
      })
        .on('error', reject)
        .end();
    });
  const t0 = performance.now();
  await Promise.all(['/containers/json?all=1', '/images/json', '/volumes', '/networks'].map(get));
  return performance.now() - t0;
}

async function eventLatency(engine: Engine, ids: string[]): Promise<number[]> {
  const store = new ExplorerStore(async () => engine);
  await store.refresh(['containers']);
  const eventTime = new Map<string, number>(); // container id → engine's event time (ms since epoch)
  const seenRunning = new Map<string, number>();
  const targets = new Set(ids.slice(0, N.starts));
  const stream = await engine.events({ filters: { type: ['container'], event: ['start'] } });
  stream.on('data', (b: Buffer) => {
    for (const line of b.toString().split('\n').filter(Boolean)) {
      const ev = JSON.parse(line) as EngineEvent;
      if (ev.Actor?.ID && ev.timeNano) eventTime.set(ev.Actor.ID, ev.timeNano / 1e6);
    }
  });
  store.onDidChange((views) => {
    if (!views.includes('containers')) return;
    const now = performance.timeOrigin + performance.now();
    const nodes = buildViewTree('containers', store.data)!;
    for (const g of nodes)
      for (const n of g.children ?? []) {
        if (
          n.ref &&
          targets.has(n.ref.id) &&
          n.contextValue.startsWith('container.running') &&
          !seenRunning.has(n.ref.id)
        )
          seenRunning.set(n.ref.id, now);
      }
  });
  const hub = new EventHub({
    engine: async () => engine,
    refresh: (_reason, changes) => void store.apply(changes),
  });
  hub.start();
  while (!hub.connected) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 300));
  for (const id of targets) {
    await engine.startContainer(id);
    const t0 = Date.now();
    while (!seenRunning.has(id) && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 2));
    await new Promise((r) => setTimeout(r, 50)); // one start at a time, so each latency is its own
  }
  hub.stop();
  stream.destroy();
  await pool([...targets], 8, (id) => engine.killContainer(id).catch(() => undefined));
  return [...targets]
    .filter((id) => seenRunning.has(id) && eventTime.has(id))
    .map((id) => seenRunning.get(id)! - eventTime.get(id)!);
}

async function main(): Promise<void> {
  const engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
  const docker = engine.docker;
  console.log(`engine: ${engine.displayName} (API ${engine.info.apiVersion}) at ${engine.endpoint.host}`);
  const cleanup = (): void => {
    void tearDown(docker).finally(() => process.exit(130));
  };
  process.once('SIGINT', cleanup);
  try {
    const ids = await setUp(docker);
    await berthRound(engine);
    await cliRound(); // warm-up (first CLI start loads its binary from disk)
    const socket = /^unix:\/\/(.+)$/.exec(engine.endpoint.host)?.[1];
    const berth: number[] = [];
    const cli: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < N.rounds; i++) {
      berth.push(await berthRound(engine));
      cli.push(await cliRound());
      if (socket) floor.push(await engineRound(socket, engine.info.apiVersion));
    }
    const mb = median(berth);
    const mc = median(cli);
    console.log(`\nall four tree models (${N.rounds} rounds, medians):`);
    console.log(`  Berth (Engine API, models built): ${ms(mb)}   [${berth.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  docker CLI x4 (parallel, parsed): ${ms(mc)}   [${cli.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  ratio: Berth is ${(mc / mb).toFixed(1)}x faster (target >= 5x)`);
    if (floor.length) {
      const mf = median(floor);
      console.log(
        `  the engine alone (raw requests, no client): ${ms(mf)} → Berth's own share ${ms(mb - mf)}; no Engine-API client can beat ${(mc / mf).toFixed(1)}x here`,
      );
    }
    // Re-opening the views while Berth is live: its models come from the event-maintained cache, no engine call,
    // where a CLI-based explorer runs the same four commands again (the cold figure above is the fair headline).
    const live = new ExplorerStore(async () => engine);
    await live.refresh(['containers', 'images', 'volumes', 'networks']);
    const warm: number[] = [];
    for (let i = 0; i < N.rounds; i++) {
      const t0 = performance.now();
      for (const v of ['containers', 'images', 'volumes', 'networks'] as const) buildViewTree(v, live.data);
      warm.push(performance.now() - t0);
    }
    console.log(
      `  views re-opened while live (models from the event-fed cache): Berth ${ms(median(warm))} vs CLI ${ms(mc)} → ${(mc / median(warm)).toFixed(0)}x`,
    );
    const lat = await eventLatency(engine, ids);
    console.log(
      `\nevent-to-tree latency over ${lat.length} container starts (engine event time → model shows running, ${N.containers} containers listed):`,
    );
    console.log(
      `  median ${ms(median(lat))}, p90 ${ms([...lat].sort((a, b) => a - b)[Math.floor(lat.length * 0.9)])}, max ${ms(Math.max(...lat))} (target <= 250 ms)`,
    );
  } finally {
    await tearDown(docker);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
