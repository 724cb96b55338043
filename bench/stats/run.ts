// Live stats benchmark on the private engine: 20 running containers streamed at once.
//  Berth: the stats code of the panel (engine/stats.ts streams, one per container, each sample turned into a chart
//         point with its rates), in this process; CPU from process.cpuUsage() over the window, less the same
//         window measured idle.
//  Peer:  `docker stats` (the CLI, one process streaming all 20 with --format json, output drained) over the same
//         window; its CPU from /proc/<pid>/stat.
// Windows alternate (Berth, CLI, Berth, CLI…), so a change in machine load hits both. The load average is printed.
//   npx tsx bench/stats/run.ts        (uses DOCKER_HOST, else the private engine from scripts/engine.sh env)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { Engine } from '../../client/src/engine/engine';
import { openStatsStreams, rates, type ContainerStats } from '../../client/src/engine/stats';
import { busyboxImage, usePrivateEngine } from '../support/private-engine';

usePrivateEngine();
const BUSYBOX = busyboxImage();
const RUN = randomUUID().slice(0, 8);
const N = { containers: 20, windowMs: 20_000, rounds: 3 };
const CLK_TCK = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s

const cpuMsOfSelf = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuMsOfPid = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function berthWindow(engine: Engine, ids: string[]): Promise<{ cpuMs: number; samples: number }> {
  const abort = new AbortController();
  setMaxListeners(10 + 2 * ids.length, abort.signal);
  let samples = 0;
  const points: unknown[] = [];
  const done = ids.map((id) => {
    let previous: ContainerStats | undefined;
    return engine.streamStats(
      id,
      (s) => {
        samples++;
        // What the panel does with each sample: rates against the previous one, one chart point kept.
        if (previous) {
          const r = rates(previous, s);
          points.push({ t: s.at.getTime(), cpu: s.cpuPercent, mem: s.memoryBytes, ...r, pids: s.pids });
          if (points.length > 300 * ids.length) points.shift();
        }
        previous = s;
      },
      { signal: abort.signal },
    );
  });
  // Streams open and their first samples arrive before the window starts.
  while (openStatsStreams() < ids.length) await sleep(50);
  await sleep(2000);
  const s0 = samples;
  const c0 = cpuMsOfSelf();
  await sleep(N.windowMs);
  const cpuMs = cpuMsOfSelf() - c0;
  const got = samples - s0;
  abort.abort();
  await Promise.all(done);
  if (openStatsStreams() !== 0) throw new Error(`${openStatsStreams()} streams left open`);
  return { cpuMs, samples: got };
}

async function idleWindow(): Promise<number> {
  const c0 = cpuMsOfSelf();
  await sleep(N.windowMs);
  return cpuMsOfSelf() - c0;
}

async function cliWindow(ids: string[]): Promise<{ cpuMs: number; lines: number }> {
  const child = spawn('docker', ['stats', '--format', '{{json .}}', ...ids], { stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = 0;
  child.stdout.on('data', (b: Buffer) => {
    for (const c of b) if (c === 10) lines++;
  });
  while (lines < ids.length) await sleep(50);
  await sleep(2000);
  const l0 = lines;
  const c0 = cpuMsOfPid(child.pid!);
  await sleep(N.windowMs);
  const cpuMs = cpuMsOfPid(child.pid!) - c0;
  const got = lines - l0;
  // The CLI's stats loop does not end on SIGTERM while it streams.
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await exited;
  return { cpuMs, lines: got };
}

async function main(): Promise<void> {
  const engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
  const docker = engine.docker;
  console.log(
    `engine ${engine.displayName}; ${cpus().length} CPUs; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const ids: string[] = [];
  try {
    for (let i = 0; i < N.containers; i++) {
      const c = await docker.createContainer({
        Image: BUSYBOX,
        name: `bench-stats-${RUN}-${i}`,
        // A little work each second, so every column moves.
        Cmd: ['sh', '-c', 'while :; do echo x > /tmp/x; sleep 1; done'],
        Labels: { 'berth.bench': RUN },
      });
      await c.start();
      ids.push(c.id);
    }
    const berth: number[] = [];
    const cli: number[] = [];
    const idle: number[] = [];
    const counts: string[] = [];
    for (let round = 0; round < N.rounds; round++) {
      idle.push(await idleWindow());
      const b = await berthWindow(engine, ids);
      berth.push(b.cpuMs);
      const c = await cliWindow(ids);
      cli.push(c.cpuMs);
      counts.push(`round ${round + 1}: Berth ${b.samples} samples, CLI ${c.lines} lines`);
    }
    const secs = N.windowMs / 1000;
    const pct = (ms: number) => `${((ms / N.windowMs) * 100).toFixed(2)} % of one CPU`;
    const berthNet = median(berth) - median(idle);
    console.log(counts.join('\n'));
    console.log(`windows of ${secs} s, ${N.rounds} rounds, medians:`);
    console.log(`  Berth stats streams (in-process): ${median(berth).toFixed(0)} ms CPU (${pct(median(berth))})`);
    console.log(`  same process idle:               ${median(idle).toFixed(0)} ms CPU (${pct(median(idle))})`);
    console.log(`  Berth net of idle:               ${berthNet.toFixed(0)} ms CPU (${pct(berthNet)})`);
    console.log(`  docker stats CLI:                ${median(cli).toFixed(0)} ms CPU (${pct(median(cli))})`);
    console.log(`  ratio CLI / Berth (net):         ${(median(cli) / Math.max(berthNet, 1)).toFixed(1)}×`);
    console.log(
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    for (const id of ids)
      await docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
