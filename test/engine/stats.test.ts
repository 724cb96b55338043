// Live stats against the docker CLI's own numbers on the same container: `docker stats --no-stream` is the judge of
// how CPU %, memory (without the page cache), its limit and PIDs are computed, on whichever cgroup version this
// machine runs. Also: the stream delivers samples and ends as soon as it is aborted.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { openStatsStreams, statsOnce, streamStats, type ContainerStats } from '../../client/src/engine/stats';
import { ENGINE_KIND, ON_PODMAN } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';

const engineRun = new EngineTestRun();
const { docker, id: run } = engineRun;
const LIMIT = 96 * 1024 * 1024;

/** `docker stats --no-stream` for one container, through the same engine the test uses. */
function cliStats(id: string) {
  const r = spawnSync('docker', ['stats', '--no-stream', '--format', '{{json .}}', id], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: process.env.DOCKER_HOST },
  });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { CPUPerc: string; MemUsage: string; PIDs: string; NetIO: string; BlockIO: string };
  const bytes = (text: string) => {
    const m = /^([\d.]+)\s*([kKMGT]?i?B)$/.exec(text.trim());
    assert.ok(m, `unreadable size ${text}`);
    const unit = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 }[m[2]!] ?? 1;
    return Number(m[1]) * unit;
  };
  const [mem, limit] = j.MemUsage.split('/').map(bytes) as [number, number];
  const [rx, tx] = j.NetIO.split('/').map(bytes) as [number, number];
  const [read, write] = j.BlockIO.split('/').map(bytes) as [number, number];
  return { cpu: Number(j.CPUPerc.replace('%', '')), mem, limit, pids: Number(j.PIDs), rx, tx, read, write };
}

describe(`container stats as the docker CLI computes them (${ENGINE_KIND})`, () => {
  let busy: Docker.Container;

  before(async () => {
    busy = await engineRun.busybox({
      name: `berth-stats-${run}`,
      // One process spinning (CPU), one holding 32 MiB in a tmpfs (memory that is not page cache), one sleeping.
      script: 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=32 && (while :; do :; done) & sleep 600',
      hostConfig: { Memory: LIMIT, ShmSize: 64 * 1024 * 1024 },
    });
    await new Promise((r) => setTimeout(r, 2500));
  });
  after(() => engineRun.cleanup());

  it('agrees with `docker stats` on memory, its limit and PIDs, and on CPU within the noise of two samples', async () => {
    const ours = await statsOnce(docker, busy.id);
    const cli = cliStats(busy.id);
    assert.equal(ours.pids, cli.pids);
    assert.equal(ours.memoryLimitBytes, LIMIT);
    assert.ok(Math.abs(cli.limit - LIMIT) < 0.01 * LIMIT, `CLI limit ${cli.limit}`);
    // The CLI prints three significant figures; the container's memory barely moves between the two reads.
    assert.ok(Math.abs(ours.memoryBytes - cli.mem) < 2 * 1024 * 1024, `Berth ${ours.memoryBytes} vs CLI ${cli.mem}`);
    assert.ok(ours.memoryBytes > 30 * 1024 * 1024, `the 32 MiB in /dev/shm counts: ${ours.memoryBytes}`);
    // Network and block I/O totals (what the panel's rates are computed from), within the CLI's rounding: it prints
    // three significant figures in decimal units.
    const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.01 * b, 1000);
    for (const [what, mine, theirs] of [
      ['net rx', ours.netRxBytes, cli.rx],
      ['net tx', ours.netTxBytes, cli.tx],
      ['block read', ours.blockReadBytes, cli.read],
      ['block write', ours.blockWriteBytes, cli.write],
    ] as const)
      assert.ok(near(mine, theirs), `${what}: Berth ${mine}, CLI ${theirs}`);
    // One spinning process: about one CPU for both, with room for a loaded machine's scheduling. Podman (4.3)
    // answers a one-shot request with a single reading (its "previous" CPU equals the current one), so there both
    // Berth and the CLI say about 0 %; the stream test below checks the CPU % of consecutive samples instead.
    if (!ON_PODMAN)
      assert.ok(ours.cpuPercent > 30 && cli.cpu > 30, `Berth ${ours.cpuPercent.toFixed(1)} %, CLI ${cli.cpu} %`);
    assert.ok(Math.abs(ours.cpuPercent - cli.cpu) < 60, `Berth ${ours.cpuPercent.toFixed(1)} %, CLI ${cli.cpu} %`);
  });

  it('streams samples (dockerd: one a second; Podman: one every few seconds) and stops when aborted', async () => {
    const samples: ContainerStats[] = [];
    let openWhileStreaming = -1;
    const abort = new AbortController();
    const done = streamStats(
      docker,
      busy.id,
      (s) => {
        samples.push(s);
        openWhileStreaming = openStatsStreams();
        if (samples.length === 3) abort.abort();
      },
      { signal: abort.signal },
    );
    const t0 = Date.now();
    await done;
    assert.equal(openWhileStreaming, 1, 'one stream while samples come');
    assert.equal(openStatsStreams(), 0, 'the aborted stream is closed');
    assert.equal(samples.length, 3);
    assert.ok(Date.now() - t0 < 30_000);
    assert.ok(samples[2]!.at.getTime() > samples[0]!.at.getTime());
    // An idle container reads about 0 %; the spinning one gets what a shared, loaded machine leaves it.
    assert.ok(samples[2]!.cpuPercent > 10, `the spinning process shows: ${samples[2]!.cpuPercent.toFixed(1)} %`);
  });
});
