// Benchmark: every shape of hostile input (test/support/adversarial.ts) at size n and 2n, every feature the client
// asks for on open. Prints, per shape, the total of all requests at each size, the growth ratio, and the slowest
// single request at 2n.
// Goals: no shape grows faster than ~2.2× when its size doubles; no request on a file of 1 MB or less over 1 s.
// Each measurement runs in a child process with a time limit, so a hang is reported as one, not waited out.
// The peers do not take part: this bench measures Berth against its own goals.
//   npx tsx bench/adversarial/run.ts [shape-name-filter] [--limit-seconds=30]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { SHAPES, everyFeature } from '../../test/support/adversarial';

const GROWTH_GOAL = 2.2;
const REQUEST_GOAL_MS = 1000;
/** Repeats per size: the median is kept. Small inputs are noisy; each child also warms up once. */
const REPEATS = 3;

interface Measure {
  bytes: number;
  total: number;
  slowest: number;
  slowestFeature: string;
  error?: string;
}

async function child(name: string, n: number): Promise<void> {
  const shape = SHAPES.find((s) => s.name === name)!;
  const bytes = Buffer.byteLength(shape.build(n).text);
  await everyFeature(shape, Math.max(1, Math.floor(n / 8))); // warm the code paths
  const runs: Measure[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const times = await everyFeature(shape, n);
    const entries = Object.entries(times);
    const [slowestFeature, slowest] = entries.filter(([k]) => k.startsWith('max:')).sort((a, b) => b[1] - a[1])[0];
    const total = entries.filter(([k]) => !k.startsWith('max:')).reduce((a, [, v]) => a + v, 0);
    runs.push({ bytes, total, slowest, slowestFeature: slowestFeature.slice(4) });
  }
  runs.sort((a, b) => a.total - b.total);
  process.stdout.write(JSON.stringify(runs[Math.floor(runs.length / 2)]));
}

function measure(name: string, n: number, limitSeconds: number): Measure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', name, String(n)], {
    encoding: 'utf8',
    timeout: limitSeconds * 1000,
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error || r.status !== 0) {
    const why =
      r.signal === 'SIGTERM'
        ? `no answer within ${limitSeconds} s`
        : (r.stderr
            .trim()
            .split('\n')
            .find((l) => /Error/.test(l)) ?? `exit ${r.status}`);
    return { bytes: 0, total: NaN, slowest: NaN, slowestFeature: '-', error: why.slice(0, 80) };
  }
  return JSON.parse(r.stdout) as Measure;
}

function main(): void {
  const filter = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '';
  const limit = Number(/--limit-seconds=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 30);
  const shapes = SHAPES.filter((s) => s.name.includes(filter));
  console.log(
    `adversarial bench: ${shapes.length} shapes, every open-time feature plus hover/completion/definition/highlight at 12 positions; median of ${REPEATS}; load average ${loadavg()[0].toFixed(1)}`,
  );
  console.log(`goals: growth n→2n ≤ ${GROWTH_GOAL}×, slowest request ≤ ${REQUEST_GOAL_MS} ms (files ≤ 1 MB)\n`);
  const header = ['shape', 'n', 'bytes(2n)', 'total n ms', 'total 2n ms', 'growth', 'slowest request at 2n', 'verdict'];
  const rows: string[][] = [];
  let misses = 0;
  for (const shape of shapes) {
    const a = measure(shape.name, shape.benchSize, limit);
    const b = measure(shape.name, shape.benchSize * 2, limit);
    // Below a few ms, timer and GC noise dominate: growth is only judged above that floor.
    const growth = b.total / a.total;
    const judged = b.total >= 5;
    const growthOk = !judged || growth <= GROWTH_GOAL;
    const slowOk = !(b.slowest > REQUEST_GOAL_MS) || b.bytes > 1 << 20;
    const ok = !a.error && !b.error && growthOk && slowOk;
    if (!ok) misses++;
    rows.push([
      shape.name,
      String(shape.benchSize),
      String(b.bytes),
      a.error ?? a.total.toFixed(1),
      b.error ?? b.total.toFixed(1),
      a.error || b.error ? '-' : `${growth.toFixed(2)}×${judged ? '' : ' (noise)'}`,
      b.error ? '-' : `${b.slowestFeature} ${b.slowest.toFixed(1)} ms`,
      ok ? 'ok' : 'MISS',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
  console.log(`\n${shapes.length - misses} of ${shapes.length} shapes meet both goals`);
}

if (process.argv[2] === '--child') void child(process.argv[3], Number(process.argv[4]));
else main();
