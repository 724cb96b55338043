// Files inside a container, Berth against a CLI-based explorer, in the same run on the private engine:
//  1. listing a 1,000-entry folder: Berth's archive listing (tar headers of the folder, no shell) vs
//     `docker exec <id> ls -la <dir>` with its output parsed into entries;
//  2. listing `/`: Berth's choice for it on a running container (`find -maxdepth 1` plus a HEAD stat per child)
//     vs `docker exec <id> ls -la /`;
//  3. opening a 1 MB file: Berth's GET archive read into memory vs `docker cp <id>:<file> <tmp>` and reading the copy.
// Rounds are interleaved (Berth, CLI, Berth, CLI…) so that load on the machine hits both alike; medians and ratios.
// The container carries the label berth.bench=<run> and is removed at the end.
//   npx tsx bench/container-files/run.ts        (uses DOCKER_HOST, else the private engine from scripts/engine.sh env)
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { listContainerFolder } from '../../client/src/engine/container-files/listing';
import { readContainerFile } from '../../client/src/engine/container-files/read';
import { execCollect } from '../../client/src/engine/exec';
import { testDocker } from '../../test/support/engine-env';
import { busyboxImage, usePrivateEngine } from '../support/private-engine';

const exec = promisify(execFile);
usePrivateEngine();
const BUSYBOX = busyboxImage();
const RUN = randomUUID().slice(0, 8);
const ROUNDS = Number(process.env.ROUNDS ?? 15);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** What a CLI-based explorer does with `ls -la` output: one entry per line, name and type from the columns. */
function parseLsLa(out: string): Array<{ name: string; type: string }> {
  return out
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols.length >= 9)
    .map((cols) => ({ name: cols.slice(8).join(' ').split(' -> ')[0]!, type: cols[0]![0] ?? '?' }))
    .filter((e) => e.name !== '.' && e.name !== '..');
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const docker: Docker = testDocker();
  const c = await docker.createContainer({
    Image: BUSYBOX,
    name: `bench-files-${RUN}`,
    Cmd: ['sh', '-c', 'sleep 3600'],
    Labels: { 'berth.bench': RUN },
  });
  await c.start();
  const tmp = await fs.mkdtemp(path.join(tmpdir(), 'berth-bench-files-'));
  try {
    const setup = await execCollect(docker, c.id, [
      'sh',
      '-c',
      'mkdir -p /bench/dir && cd /bench/dir && i=0; while [ $i -lt 1000 ]; do echo "entry $i" > "file-$i.txt"; i=$((i+1)); done; head -c 1000000 /dev/urandom > /bench/one.bin',
    ]);
    if (setup.code !== 0) throw new Error(`setup failed: ${setup.stderr}`);
    const host = process.env.DOCKER_HOST!;
    const cli = (args: string[]) => exec('docker', ['-H', host, ...args], { maxBuffer: 64 * 1024 * 1024 });

    const cases = {
      'list 1,000 entries': {
        berth: async () => {
          const l = await listContainerFolder(docker, c.id, '/bench/dir', { running: true });
          if (l.entries.length !== 1000 || l.source !== 'archive') throw new Error(`berth listed ${l.entries.length}`);
        },
        cli: async () => {
          const { stdout } = await cli(['exec', c.id, 'ls', '-la', '/bench/dir']);
          const n = parseLsLa(stdout).length;
          if (n !== 1000) throw new Error(`ls listed ${n}`);
        },
        peer: 'docker exec ls -la',
      },
      'list /': {
        berth: async () => {
          const l = await listContainerFolder(docker, c.id, '/', { running: true });
          if (l.source !== 'find' || !l.entries.some((e) => e.name === 'bench')) throw new Error('berth missed /bench');
        },
        cli: async () => {
          const { stdout } = await cli(['exec', c.id, 'ls', '-la', '/']);
          if (!parseLsLa(stdout).some((e) => e.name === 'bench')) throw new Error('ls missed /bench');
        },
        peer: 'docker exec ls -la /',
      },
      'open a 1 MB file': {
        berth: async () => {
          const b = await readContainerFile(docker, c.id, '/bench/one.bin');
          if (b.length !== 1_000_000) throw new Error(`berth read ${b.length}`);
        },
        cli: async () => {
          const to = path.join(tmp, `one-${randomUUID()}.bin`);
          await cli(['cp', `${c.id}:/bench/one.bin`, to]);
          const b = await fs.readFile(to);
          await fs.rm(to);
          if (b.length !== 1_000_000) throw new Error(`docker cp gave ${b.length}`);
        },
        peer: 'docker cp + read',
      },
    };
    const { stdout: version } = await cli(['version', '--format', '{{.Client.Version}} / {{.Server.Version}}']);
    console.log(
      `docker CLI / engine ${version.trim()}; ${ROUNDS} rounds; load before ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    for (const [name, k] of Object.entries(cases)) {
      await k.berth();
      await k.cli(); // warm-up, not counted
      const b: number[] = [];
      const p: number[] = [];
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < ROUNDS; i++) {
        b.push(await time(k.berth));
        p.push(await time(k.cli));
      }
      const cpu = process.cpuUsage(cpu0);
      const mb = median(b);
      const mp = median(p);
      console.log(
        `${name.padEnd(18)} Berth ${mb.toFixed(1).padStart(7)} ms   ${k.peer.padEnd(22)} ${mp.toFixed(1).padStart(7)} ms   ` +
          `ratio ${(mp / mb).toFixed(1)}×   (bench process CPU over both: ${((cpu.user + cpu.system) / 1000 / ROUNDS).toFixed(1)} ms/round)`,
      );
    }
    console.log(
      `load after ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await c.remove({ force: true });
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
