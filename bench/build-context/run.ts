// Build-context benchmark: a context of 20,000 small files whose .dockerignore excludes most of them.
// Berth (planContext + packContext streamed into the Engine API's /build, classic builder) against the classic
// docker CLI (`DOCKER_BUILDKIT=0 docker build`) on the same trivial Dockerfile and the same private engine.
//  1. Correctness: the files the CLI sends (listed from inside an image built by the CLI with `COPY . /ctx`)
//     must be exactly the files in Berth's tar, with the same total size.
//  2. Time: whole build (context walk + tar + upload + build), medians over alternating runs, and the ratio.
// Run: npx tsx bench/build-context/run.ts   (DOCKER_HOST from `bash scripts/engine.sh env`, or it starts the engine)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import * as tar from 'tar-stream';
import { buildImage } from '../../client/src/engine/build';
import { packContext, planContext } from '../../client/src/engine/build-context';

const root = path.resolve(import.meta.dirname, '../..');
if (!process.env.DOCKER_HOST) {
  const env = spawnSync('bash', [path.join(root, 'scripts/engine.sh'), 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).stdout;
  for (const m of env.matchAll(/^export (\w+)=(.*)$/gm)) process.env[m[1]] = m[2];
}
const docker = new Docker({ socketPath: process.env.DOCKER_HOST!.replace(/^unix:\/\//, '') });
const BASE = process.env.BERTH_BUSYBOX_IMAGE ?? 'berth/busybox:latest';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function makeTree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-bench-ctx-'));
  let n = 0;
  const put = (rel: string, text: string) => {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    n++;
  };
  for (let p = 0; p < 200; p++)
    for (let f = 0; f < 50; f++) put(`node_modules/pkg${p}/lib/f${f}.js`, `module.exports = ${p * 50 + f};\n`);
  for (let a = 0; a < 40; a++)
    for (let b = 0; b < 100; b++)
      put(`.git/objects/${a.toString(16).padStart(2, '0')}/${b.toString(16).padStart(38, '0')}`, `blob ${a}-${b}`);
  for (let f = 0; f < 2000; f++) put(`dist/chunk-${f}.js`, `/* built ${f} */`);
  put('dist/keep.txt', 'kept by an exception');
  for (let d = 0; d < 50; d++) for (let f = 0; f < 20; f++) put(`src/mod${d}/run-${f}.log`, `log ${d}/${f}\n`);
  for (let d = 0; d < 50; d++)
    for (let f = 0; f < 30; f++) put(`src/mod${d}/file${f}.ts`, `export const v${f} = ${d};\n`);
  for (let f = 0; f < 1496; f++) put(`tmp/cache-${f}.bin`, `cache ${f}`);
  put(
    '.dockerignore',
    [
      '# dependencies, VCS data, outputs and caches stay out',
      'node_modules',
      '.git',
      'dist',
      '!dist/keep.txt',
      '**/*.log',
      'tmp/**',
    ].join('\n'),
  );
  put('Dockerfile', `FROM ${BASE}\nLABEL berth.bench=build-context\n`);
  put('Dockerfile.list', `FROM ${BASE}\nCOPY . /ctx\n`);
  console.log(`context: ${n} files in ${dir}`);
  return dir;
}

async function berthFiles(dir: string): Promise<{ files: Map<string, number>; tarBytes: number }> {
  const plan = await planContext({ contextDir: dir, dockerfile: 'Dockerfile.list' });
  const files = new Map<string, number>();
  let tarBytes = 0;
  await new Promise<void>((resolve, reject) => {
    const x = tar.extract();
    x.on('entry', (h, s, next) => {
      if (h.type === 'file') files.set(h.name, h.size ?? 0);
      s.resume();
      s.on('end', next);
    });
    x.on('finish', resolve);
    x.on('error', reject);
    const packed = packContext(plan);
    packed.on('data', (c: Buffer) => {
      tarBytes += c.length;
    });
    packed.pipe(x);
  });
  return { files, tarBytes };
}

/** The files the CLI sent: built into an image with `COPY . /ctx`, then listed (path and size) from inside it. */
function cliFiles(dir: string): { files: Map<string, number>; sentLine: string } {
  const tag = 'berth-bench/context-list:latest';
  const out = execFileSync('docker', ['build', '-f', 'Dockerfile.list', '-t', tag, '.'], {
    cwd: dir,
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sentLine = /Sending build context to Docker daemon\s+(.*)/.exec(out)?.[1]?.trim() ?? '?';
  const list = execFileSync(
    'docker',
    ['run', '--rm', tag, 'sh', '-c', 'cd /ctx && find . -type f -exec stat -c "%s %n" {} +'],
    { encoding: 'utf8' },
  );
  execFileSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
  const files = new Map<string, number>();
  for (const line of list.split('\n').filter(Boolean)) {
    const m = /^(\d+) \.\/(.*)$/.exec(line);
    if (m) files.set(m[2], Number(m[1]));
  }
  return { files, sentLine };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const dir = makeTree();
  try {
    const berth = await berthFiles(dir);
    const cli = cliFiles(dir);
    const names = (m: Map<string, number>) => [...m.keys()].sort();
    const same = JSON.stringify(names(berth.files)) === JSON.stringify(names(cli.files));
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    console.log(
      `files sent: Berth ${berth.files.size} (${sum(berth.files)} bytes of content, tar ${berth.tarBytes} bytes); ` +
        `docker CLI ${cli.files.size} (${sum(cli.files)} bytes of content; it reported "Sending build context to Docker daemon ${cli.sentLine}")`,
    );
    if (!same || sum(berth.files) !== sum(cli.files)) {
      const b = new Set(berth.files.keys());
      const c = new Set(cli.files.keys());
      console.error(
        'MISMATCH. only Berth:',
        [...b].filter((x) => !c.has(x)).slice(0, 10),
        'only CLI:',
        [...c].filter((x) => !b.has(x)).slice(0, 10),
      );
      process.exitCode = 1;
      return;
    }
    console.log('the same files, byte for byte in size: OK');

    const berthMs: number[] = [];
    const cliMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await buildImage(docker, { contextDir: dir, builder: 'classic', tag: 'berth-bench/berth:latest' });
      berthMs.push(performance.now() - t);
      t = performance.now();
      execFileSync('docker', ['build', '-q', '-t', 'berth-bench/cli:latest', '.'], {
        cwd: dir,
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
        stdio: 'ignore',
      });
      cliMs.push(performance.now() - t);
    }
    for (const t of ['berth-bench/berth:latest', 'berth-bench/cli:latest'])
      await docker
        .getImage(t)
        .remove()
        .catch(() => undefined);
    const b = median(berthMs);
    const c = median(cliMs);
    console.log(
      `build with context upload, median of ${RUNS}: Berth ${b.toFixed(0)} ms, docker CLI ${c.toFixed(0)} ms, ratio Berth/CLI ${(b / c).toFixed(2)}`,
    );
    console.log(
      `  Berth runs: ${berthMs.map((x) => x.toFixed(0)).join(', ')}; CLI runs: ${cliMs.map((x) => x.toFixed(0)).join(', ')}`,
    );
    if (b > c) console.error('Berth was slower than the docker CLI');
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
