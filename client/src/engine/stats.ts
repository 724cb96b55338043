// Live resource use of a container from GET /containers/{id}/stats, computed the way the docker CLI computes its
// `docker stats` columns (docker/cli, stats_helpers.go), so that Berth's numbers and the CLI's agree:
//   CPU %     (Δ container CPU time / Δ host CPU time) × online CPUs × 100
//   memory    usage minus the inactive page cache (cgroup v1: total_inactive_file; v2: inactive_file)
//   net, disk cumulative bytes, plus rates between two samples
// The stream is Berth's: one request per shown container, closed by its AbortSignal.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { LineSplitter } from './lines';
import { toEngineError } from './errors';

/** The fields of one stats sample that the computation reads (dockerd and Podman both send them). */
export interface RawStats {
  read?: string;
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  precpu_stats?: RawStats['cpu_stats'];
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
  pids_stats?: { current?: number };
}

export interface ContainerStats {
  at: Date;
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  memoryPercent: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  pids: number;
}

export interface StatsRates {
  netRxPerSec: number;
  netTxPerSec: number;
  blockReadPerSec: number;
  blockWritePerSec: number;
}

function cpuPercent(s: RawStats): number {
  const cpu = s.cpu_stats;
  const pre = s.precpu_stats;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  const online = cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0;
}

/** Memory in use without the inactive page cache, as `docker stats` shows it. */
function memoryUsage(s: RawStats): number {
  const usage = s.memory_stats?.usage ?? 0;
  const stats = s.memory_stats?.stats ?? {};
  // cgroup v1 reports total_inactive_file; v2 reports inactive_file. The CLI subtracts the v1 figure when it is
  // smaller than the usage, else the v2 one (a v1 sample has both keys) when that is smaller, else nothing.
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file ?? 0;
  return v2 < usage ? usage - v2 : usage;
}

export function computeStats(s: RawStats): ContainerStats {
  const memoryBytes = memoryUsage(s);
  const memoryLimitBytes = s.memory_stats?.limit ?? 0;
  let netRxBytes = 0;
  let netTxBytes = 0;
  for (const n of Object.values(s.networks ?? {})) {
    netRxBytes += n.rx_bytes ?? 0;
    netTxBytes += n.tx_bytes ?? 0;
  }
  let blockReadBytes = 0;
  let blockWriteBytes = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (e.op ?? '').toLowerCase();
    if (op === 'read') blockReadBytes += e.value ?? 0;
    else if (op === 'write') blockWriteBytes += e.value ?? 0;
  }
  return {
    at: s.read ? new Date(s.read) : new Date(),
    cpuPercent: cpuPercent(s),
    memoryBytes,
    memoryLimitBytes,
    memoryPercent: memoryLimitBytes > 0 ? (memoryBytes / memoryLimitBytes) * 100 : 0,
    netRxBytes,
    netTxBytes,
    blockReadBytes,
    blockWriteBytes,
    pids: s.pids_stats?.current ?? 0,
  };
}

/** Bytes per second between two samples (0 when the clock did not move or a counter went back, as after restart). */
export function rates(before: ContainerStats, after: ContainerStats): StatsRates {
  const secs = (after.at.getTime() - before.at.getTime()) / 1000;
  const per = (a: number, b: number) => (secs > 0 && b >= a ? (b - a) / secs : 0);
  return {
    netRxPerSec: per(before.netRxBytes, after.netRxBytes),
    netTxPerSec: per(before.netTxBytes, after.netTxBytes),
    blockReadPerSec: per(before.blockReadBytes, after.blockReadBytes),
    blockWritePerSec: per(before.blockWriteBytes, after.blockWriteBytes),
  };
}

/** One sample, after the engine's own first interval (so CPU % has a previous reading to compare with). */
export async function statsOnce(docker: Docker, id: string, o: { signal?: AbortSignal; endpoint?: string } = {}) {
  try {
    const raw = (await docker.getContainer(id).stats({ stream: false, abortSignal: o.signal } as object)) as RawStats;
    return computeStats(raw);
  } catch (e) {
    throw toEngineError(e, o.endpoint ?? 'engine');
  }
}

let openStreams = 0;

/** How many stats streams are open right now, in this process: the tests' and the benchmark's check that a hidden
 *  panel holds none. */
export function openStatsStreams(): number {
  return openStreams;
}

/**
 * Streams samples (about one a second) to `onSample` until `signal` aborts or the container stops. Resolves when
 * the stream ends; an abort is a normal end, not an error.
 */
export async function streamStats(
  docker: Docker,
  id: string,
  onSample: (stats: ContainerStats) => void,
  o: { signal: AbortSignal; endpoint?: string },
): Promise<void> {
  let stream: Readable;
  try {
    stream = (await docker
      .getContainer(id)
      .stats({ stream: true, abortSignal: o.signal } as object)) as unknown as Readable;
  } catch (e) {
    if (o.signal.aborted) return;
    throw toEngineError(e, o.endpoint ?? 'engine');
  }
  if (o.signal.aborted) {
    stream.destroy();
    return;
  }
  const stop = () => stream.destroy();
  o.signal.addEventListener('abort', stop, { once: true });
  openStreams++;
  try {
    await new Promise<void>((resolve, reject) => {
      const lines = new LineSplitter((line) => {
        if (line.trim()) onSample(computeStats(JSON.parse(line) as RawStats));
      });
      stream.on('data', (chunk: Buffer) => lines.push(chunk));
      stream.on('end', () => {
        lines.end();
        resolve();
      });
      stream.on('close', resolve);
      stream.on('error', reject);
    });
  } catch (e) {
    if (!o.signal.aborted) throw toEngineError(e, o.endpoint ?? 'engine');
  } finally {
    openStreams--;
    o.signal.removeEventListener('abort', stop);
    stream.destroy();
  }
}
