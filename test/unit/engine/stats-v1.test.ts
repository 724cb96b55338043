// The docker CLI's stats formulas on recorded samples of both cgroup versions. The engine tests compare Berth
// with `docker stats` on this machine's cgroup v2 only; cgroup v1 (total_inactive_file, per-CPU usage without
// online_cpus, "Read"/"Write" block I/O ops as v1 kernels report them) is held here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats, rates, type RawStats } from '../../../client/src/engine/stats';

// A cgroup v1 sample as dockerd 20.10 sends it: online_cpus absent (older kernels), per-CPU usage present.
const V1: RawStats = {
  read: '2024-01-01T00:00:02.000000000Z',
  cpu_stats: {
    cpu_usage: { total_usage: 3_000_000_000, percpu_usage: [1_500_000_000, 1_500_000_000, 0, 0] },
    system_cpu_usage: 120_000_000_000,
  },
  precpu_stats: {
    cpu_usage: { total_usage: 2_000_000_000, percpu_usage: [1_000_000_000, 1_000_000_000, 0, 0] },
    system_cpu_usage: 116_000_000_000,
  },
  memory_stats: {
    usage: 50_000_000,
    limit: 100_000_000,
    stats: { total_inactive_file: 10_000_000, inactive_file: 1, cache: 12_000_000 },
  },
  networks: { eth0: { rx_bytes: 1000, tx_bytes: 500 }, eth1: { rx_bytes: 24, tx_bytes: 0 } },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'Read', value: 4096 },
      { op: 'Write', value: 8192 },
      { op: 'Sync', value: 12288 },
      { op: 'Total', value: 12288 },
    ],
  },
  pids_stats: { current: 3 },
};

test('cgroup v1: CPU % over the per-CPU count, memory without total_inactive_file, block I/O by op name', () => {
  const s = computeStats(V1);
  // (1e9 / 4e9) × 4 CPUs × 100
  assert.equal(s.cpuPercent, 100);
  assert.equal(s.memoryBytes, 40_000_000, 'v1 subtracts total_inactive_file, not inactive_file');
  assert.equal(s.memoryPercent, 40);
  assert.equal(s.netRxBytes, 1024);
  assert.equal(s.netTxBytes, 500);
  assert.equal(s.blockReadBytes, 4096);
  assert.equal(s.blockWriteBytes, 8192);
  assert.equal(s.pids, 3);
});

test('cgroup v2: memory without inactive_file, online_cpus over the per-CPU list, lower-case ops', () => {
  const s = computeStats({
    ...V1,
    cpu_stats: { ...V1.cpu_stats, online_cpus: 2 },
    memory_stats: { usage: 50_000_000, limit: 200_000_000, stats: { inactive_file: 5_000_000, file: 9 } },
    blkio_stats: {
      io_service_bytes_recursive: [
        { op: 'read', value: 10 },
        { op: 'write', value: 20 },
      ],
    },
  });
  assert.equal(s.cpuPercent, 50);
  assert.equal(s.memoryBytes, 45_000_000);
  assert.equal(s.blockReadBytes, 10);
  assert.equal(s.blockWriteBytes, 20);
});

test('the CLI keeps the usage when the inactive page cache is not smaller, and says 0 % without a previous reading', () => {
  const s = computeStats({
    ...V1,
    precpu_stats: {},
    memory_stats: { usage: 1000, limit: 0, stats: { total_inactive_file: 5000 } },
  });
  assert.equal(s.memoryBytes, 1000);
  assert.equal(s.memoryPercent, 0);
  assert.ok(s.cpuPercent > 0, 'a missing previous reading counts from zero, as the CLI does');
  const v1Large = computeStats({
    ...V1,
    memory_stats: { usage: 1000, stats: { total_inactive_file: 5000, inactive_file: 300 } },
  });
  assert.equal(v1Large.memoryBytes, 700, 'then the CLI falls back to inactive_file');
  const none = computeStats({ ...V1, cpu_stats: V1.precpu_stats });
  assert.equal(none.cpuPercent, 0);
});

test('rates are per second between samples; a counter that went back (a restart) gives 0, not a negative rate', () => {
  const a = computeStats(V1);
  const b = computeStats({
    ...V1,
    read: '2024-01-01T00:00:04.000000000Z',
    networks: { eth0: { rx_bytes: 3024, tx_bytes: 100 } },
  });
  const r = rates(a, b);
  assert.equal(r.netRxPerSec, 1000);
  assert.equal(r.netTxPerSec, 0);
  assert.equal(r.blockReadPerSec, 0);
});
