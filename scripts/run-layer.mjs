// Runs one test layer: unit | lsp | oracle | engine | podman | vscode | ui.   node scripts/run-layer.mjs LAYER [files…]
// Prints what it ran; with CI set, a layer that cannot be provisioned fails the run instead of skipping.
// The heavy layers (engine, vscode, ui, and oracle, which starts a private dockerd) take a machine-wide lock so that two of them never run at once.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const layer = process.argv[2];
const only = process.argv.slice(3);
const CI = !!process.env.CI && process.env.CI !== 'false';
const HEAVY_LOCK = '/tmp/berth-heavy-layer.lock';

function say(msg) {
  console.log(`[${layer}] ${msg}`);
}

/** Outside CI a missing prerequisite skips the layer loudly; in CI it fails. */
function unavailable(reason) {
  if (CI) {
    console.error(`[${layer}] FAILED: ${reason} (CI=true: no layer may be skipped)`);
    process.exit(1);
  }
  console.error(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!!! [${layer}] LAYER SKIPPED: ${reason}\n!!! (allowed only because CI is unset; in CI this fails)\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
  process.exit(0);
}

function findTests(dir, suffix) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(suffix)) out.push(path.relative(root, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Re-executes this script under flock unless it already holds the heavy-layer lock. */
function takeHeavyLock() {
  if (process.env.BERTH_HOLDS_HEAVY_LOCK) return;
  if (spawnSync('flock', ['--version']).status !== 0) return; // util-linux is on every Debian; be lenient elsewhere
  const r = spawnSync('flock', [HEAVY_LOCK, process.execPath, ...process.argv.slice(1)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BERTH_HOLDS_HEAVY_LOCK: '1' },
  });
  process.exit(r.status ?? 1);
}

/** Engine env: the user's explicit DOCKER_HOST if set, else the private engine the scripts start. */
function engineEnv() {
  const external = process.env.DOCKER_HOST && !process.env.BERTH_ENGINE_OWNED;
  if (external)
    say(`using your DOCKER_HOST=${process.env.DOCKER_HOST} (tests create and remove only their own, labelled objects)`);
  const r = spawnSync('bash', [path.join(root, 'scripts/engine.sh'), 'up'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...(external ? { BERTH_ENGINE_EXTERNAL: '1' } : {}) },
  });
  if (r.status !== 0)
    unavailable(`the private Docker Engine could not be started (scripts/engine.sh up exited ${r.status})`);
  const env = {};
  for (const m of r.stdout.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]] = m[2];
  if (external) env.DOCKER_HOST = process.env.DOCKER_HOST;
  return env;
}

// The engine-layer files that run a second time against Podman's Docker-compatible API. Not here: connection
// (endpoint resolution, TLS and restarts of a second dockerd) and build-context (no engine at all).
const PODMAN_FILES = [
  'foundation',
  'explorer',
  'logs',
  'exec',
  'run',
  'build',
  'compose',
  'harbor-push',
  'container-files',
  'stats',
  'inside',
  'moving',
  'credentials',
].map((f) => `test/engine/${f}.test.ts`);

/** The private Podman service (scripts/podman.sh) as the engine, with its names for the fixture images. */
function podmanEnv(engine) {
  const r = spawnSync('bash', [path.join(root, 'scripts/podman.sh'), 'up'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...engine },
  });
  if (r.status !== 0)
    unavailable(`the private Podman service could not be started (scripts/podman.sh up exited ${r.status})`);
  const p = {};
  for (const m of r.stdout.matchAll(/^export (\w+)=(.*)$/gm)) p[m[1]] = m[2];
  return {
    ...engine,
    ...p,
    BERTH_ENGINE_KIND: 'podman',
    DOCKER_HOST: p.BERTH_PODMAN_HOST,
    BERTH_FIXTURE_IMAGE: p.BERTH_PODMAN_FIXTURE_IMAGE,
    BERTH_BUSYBOX_IMAGE: p.BERTH_PODMAN_BUSYBOX_IMAGE,
  };
}

function vscodeHostEnv() {
  const r = spawnSync('bash', [path.join(root, 'scripts/vscode-host.sh')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0)
    unavailable('the VS Code host (code-server + Chromium) could not be installed (scripts/vscode-host.sh failed)');
  const r2 = spawnSync(
    'bash',
    ['-c', `. scripts/env.sh; echo "$CODE_SERVER_NODE"; echo "$CODE_SERVER_ENTRY"; echo "$CHROMIUM_PATH"`],
    { cwd: root, encoding: 'utf8' },
  );
  const [node, entry, chromium] = r2.stdout.trim().split('\n');
  return { CODE_SERVER_NODE: node, CODE_SERVER_ENTRY: entry, CHROMIUM_PATH: chromium };
}

/** The oracle layer's tools (scripts/oracle.sh): fetched into the cache when missing; unavailable() when they cannot be. */
function oracleEnv() {
  const tool = (what, label) => {
    const r = spawnSync('bash', [path.join(root, 'scripts/oracle.sh'), what], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const bin = r.stdout?.trim().split('\n').pop();
    if (r.status !== 0 || !bin || !existsSync(bin))
      unavailable(`${label} could not be fetched (scripts/oracle.sh ${what} exited ${r.status})`);
    say(`oracle: ${bin}`);
    return bin;
  };
  const compose = tool('compose', 'Compose v2 (docker-compose from Debian trixie)');
  const dockerd = tool('dockerd', 'dockerd 26 (docker.io from Debian trixie)');
  // The Dockerfile oracle runs that dockerd privately in a network namespace of its own.
  if (process.getuid?.() !== 0) unavailable('the Dockerfile oracle runs a private dockerd 26 and needs root');
  tool('runtime', 'containerd and runc (Debian packages)');
  for (const bin of ['unshare', 'containerd', 'runc'])
    if (spawnSync('which', [bin]).status !== 0)
      unavailable(`the Dockerfile oracle needs ${bin}, which is not installed`);
  return { BERTH_ORACLE_COMPOSE: compose, BERTH_ORACLE_DOCKERD: dockerd };
}

/** ShellCheck for the lsp layer's ShellCheck test (Debian package shellcheck), installed when missing. */
function ensureShellcheck() {
  if (spawnSync('shellcheck', ['--version']).status === 0) return;
  const r = spawnSync('bash', ['-c', '. scripts/env.sh && berth_apt_install shellcheck'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0)
    say('shellcheck could not be installed: the ShellCheck test fails in CI and skips loudly elsewhere');
}

function ensureBuilt() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[${layer}] build failed`);
    process.exit(1);
  }
}

async function nodeTests(dir, env = {}, chosen = undefined) {
  const files = only.length ? only : (chosen ?? findTests(path.join(root, dir), '.test.ts'));
  if (!files.length) {
    console.error(`[${layer}] no test files under ${dir}`);
    process.exit(1);
  }
  say(`${files.length} test files`);
  const code = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], env);
  process.exit(code);
}

/** Both workbench layers: the heavy lock, the VS Code host installed, fresh bundles, and an engine. */
function workbenchEnv() {
  takeHeavyLock();
  const host = vscodeHostEnv();
  ensureBuilt();
  return { ...host, ...engineEnv() };
}

const t0 = Date.now();
process.on('exit', (code) => say(`finished in ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${code}`));

switch (layer) {
  case 'unit':
    await nodeTests('test/unit');
    break;
  case 'lsp':
    ensureBuilt();
    ensureShellcheck();
    await nodeTests('test/lsp');
    break;
  case 'oracle':
    takeHeavyLock(); // the Dockerfile oracle starts a private dockerd
    await nodeTests('test/oracle', oracleEnv());
    break;
  case 'engine': {
    takeHeavyLock();
    ensureBuilt();
    await nodeTests('test/engine', engineEnv());
    break;
  }
  case 'podman': {
    takeHeavyLock();
    ensureBuilt();
    await nodeTests('test/engine', podmanEnv(engineEnv()), PODMAN_FILES);
    break;
  }
  case 'vscode': {
    process.exit(await run(process.execPath, [path.join(root, 'test/vscode-runner.mjs')], workbenchEnv()));
    break;
  }
  case 'ui': {
    const env = workbenchEnv();
    const files = only.length ? only : findTests(path.join(root, 'test/ui'), '.ui.ts');
    process.exit(
      await run(
        process.execPath,
        ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
        env,
      ),
    );
    break;
  }
  default:
    console.error('usage: node scripts/run-layer.mjs unit|lsp|oracle|engine|podman|vscode|ui [files…]');
    process.exit(2);
}
