// Activation and first diagnostics, as a user meets them: each launch opens a fresh VS Code window (code-server's
// workbench in headless Chromium, the vscode layer's host) on a folder, opens a realistic 600-line Dockerfile, and
// measures (host.ts, inside the extension host):
//   Berth's own activation cost: evaluating dist/extension.js plus activate() (goal ≤ 50 ms);
//   open → first Berth diagnostics, activation and language-server start included (goal ≤ 400 ms).
// It measures the production bundles, the ones the VSIX ships (it builds them first).
// Four cases (CASES=cold,cold-settled,warm,settled by default):
//   cold          the Dockerfile lies outside the workspace, which holds no container file, so the server starts on
//                 the open; opened as soon as the extension host runs the bench (the window is still starting);
//   cold-settled  the same, opened 3 s after the window came up: the server's start alone, in a quiet window;
//   warm          the Dockerfile is in the workspace and is opened at once: Berth started its server early, and the
//                 open may overtake that start;
//   settled       the same, opened 3 s after the window came up, as a user who first looks at the file tree.
// When some windows had Berth active before the open and the open activated it in others, the first diagnostics are
// also printed for each group: VS Code activating Berth is a wait of its own.
// A benchmark, not a test: it prints medians and never fails on time.
//   npx tsx bench/activation/run.ts        (LAUNCHES=5 per case by default)
// VARIANTS=thread,process alternates the launches between the language server in a worker thread of the extension host
// (Berth's default) and in a process of its own (BERTH_SERVER_PROCESS=1), and reports each. Every launch also records
// the startup timeline (server/src/startup-timeline.ts), printed as each step's median time after the open;
// TIMELINES=1 also prints each launch's own timeline.
// It takes the heavy-layer lock, as the vscode layer does, and needs the VS Code host (scripts/vscode-host.sh).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { realisticDockerfile } from '../support/realistic';

const ROOT = path.resolve(__dirname, '../..');
const HEAVY_LOCK = '/tmp/berth-heavy-layer.lock';
const LAUNCHES = Number(process.env.LAUNCHES ?? 5);
const VARIANTS = (process.env.VARIANTS ?? 'thread').split(',');
const CASES = (process.env.CASES ?? 'cold,cold-settled,warm,settled').split(',');
/** How long the settled cases wait after the window came up before it opens the Dockerfile. */
const SETTLE_MS = 3000;

/** Re-runs this script under the machine-wide lock the heavy test layers take, unless it already holds it. */
function holdHeavyLock(): void {
  if (process.env.BERTH_HOLDS_HEAVY_LOCK) return;
  const r = spawnSync('flock', [HEAVY_LOCK, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BERTH_HOLDS_HEAVY_LOCK: '1' },
  });
  process.exit(r.status ?? 1);
}

/** code-server, its Node and Chromium, installed by scripts/vscode-host.sh and named by scripts/env.sh. */
function hostEnv(): Record<string, string> {
  const install = spawnSync('bash', [path.join(ROOT, 'scripts/vscode-host.sh')], { cwd: ROOT, stdio: 'inherit' });
  if (install.status !== 0) throw new Error('scripts/vscode-host.sh failed: the VS Code host is not available');
  const r = spawnSync(
    'bash',
    ['-c', '. scripts/env.sh; echo "$CODE_SERVER_NODE"; echo "$CODE_SERVER_ENTRY"; echo "$CHROMIUM_PATH"'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  const [node, entry, chromium] = r.stdout.trim().split('\n');
  return { CODE_SERVER_NODE: node, CODE_SERVER_ENTRY: entry, CHROMIUM_PATH: chromium };
}

interface Figures {
  variant: string;
  case: string;
  /** What started the server first (BerthLanguageClient.startedBy()). */
  startedBy?: string;
  /** When the document reached the extension host, after the open. */
  arrivedMs: number;
  /** Each startup step's first time, in ms after the open (negative: before it). */
  timeline: Record<string, number>;
  /** The CPU time the marking thread (extension host, or the server's) had used at each step (ms). */
  cpu: Record<string, number>;
  activeBeforeOpen: boolean;
  lines: number;
  activateMs: number;
  loadAndActivateMs: number;
  openedMs: number;
  shownMs: number;
  activatedMs: number;
  serverStartedMs: number;
  firstDiagnosticsMs: number;
  diagnostics: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
};

async function main(): Promise<void> {
  holdHeavyLock();
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--production'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('scripts/build.mjs --production failed');
  Object.assign(process.env, hostEnv());
  const out = path.join(ROOT, 'out/bench/activation');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'host.ts')],
    outfile: path.join(out, 'host.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const all: Figures[] = [];
  // The 600-line Dockerfile of bench/dockerfile, plus an instruction Berth warns about, so that diagnostics arrive.
  const dockerfile = `${realisticDockerfile(32)}MAINTAINER someone@example.com\n`;
  // Berth's global storage (its compile cache: client/src/language/client.ts) lives on from launch to launch, as it
  // does for a user: each launch is a fresh window, not a fresh install. Emptied here, so launch 1 is a first start.
  const globalStorage = path.join(out, 'global-storage');
  rmSync(globalStorage, { recursive: true, force: true });
  mkdirSync(globalStorage, { recursive: true });
  const runs = CASES.flatMap((c) => VARIANTS.map((variant) => ({ case: c, variant })));
  for (let i = 0; i < LAUNCHES * runs.length; i++) {
    const { case: kind, variant } = runs[i % runs.length];
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-activation-'));
    try {
      const folder = path.join(scratch, 'workspace');
      mkdirSync(folder);
      writeFileSync(path.join(folder, '.dockerignore'), 'node_modules\n');
      writeFileSync(path.join(folder, 'README.md'), '# a project\n');
      // cold: the Dockerfile beside the workspace, not in it, so nothing in the workspace starts the server early.
      const dockerfileDir = kind.startsWith('cold') ? path.join(scratch, 'elsewhere') : folder;
      mkdirSync(dockerfileDir, { recursive: true });
      writeFileSync(path.join(dockerfileDir, 'Dockerfile'), dockerfile);
      mkdirSync(path.join(scratch, 'user-data/User/globalStorage'), { recursive: true });
      symlinkSync(globalStorage, path.join(scratch, 'user-data/User/globalStorage/berth.berth'));
      const result = path.join(scratch, 'figures.json');
      const timelineFile = path.join(scratch, 'timeline.jsonl');
      await runTests({
        vscodeExecutablePath: path.join(ROOT, 'scripts/vscode-test-host.mjs'),
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: path.join(out, 'host.js'),
        launchArgs: [
          folder,
          `--user-data-dir=${path.join(scratch, 'user-data')}`,
          `--extensions-dir=${path.join(scratch, 'extensions')}`,
        ],
        extensionTestsEnv: {
          BERTH_ACTIVATION_OUT: result,
          BERTH_BENCH_DOCKERFILE: path.join(dockerfileDir, 'Dockerfile'),
          BERTH_BENCH_OPEN_AFTER_MS: String(kind.endsWith('settled') ? SETTLE_MS : 0),
          BERTH_TIMELINE: timelineFile,
          ...(variant === 'process' ? { BERTH_SERVER_PROCESS: '1' } : {}),
        },
      });
      const f = JSON.parse(readFileSync(result, 'utf8')) as Figures;
      f.variant = variant;
      f.case = kind;
      Object.assign(f, readTimeline(timelineFile));
      all.push(f);
      if (process.env.TIMELINES) printTimeline(f);
      console.log(
        `launch ${i + 1} (${kind}, ${variant}): Berth's activation ${f.loadAndActivateMs.toFixed(1)} ms (activate() ${f.activateMs.toFixed(1)} ms); ` +
          `open → first diagnostics ${f.firstDiagnosticsMs.toFixed(0)} ms, from the document's arrival ${(f.firstDiagnosticsMs - f.arrivedMs).toFixed(0)} ms; ` +
          `server started by: ${f.startedBy}${f.activeBeforeOpen ? '; Berth was active before the open' : ''}`,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  for (const { case: kind, variant } of runs)
    report(
      kind,
      variant,
      all.filter((f) => f.variant === variant && f.case === kind),
    );
}

/** One launch's timeline, every step in order (TIMELINES=1), to explain a median that the steps' medians cannot. */
function printTimeline(f: Figures): void {
  for (const [step, at] of Object.entries(f.timeline).sort((a, b) => a[1] - b[1]))
    console.log(
      `    ${step.padEnd(52)} ${at.toFixed(1).padStart(8)}${f.cpu[step] === undefined ? '' : `  cpu ${f.cpu[step].toFixed(1).padStart(6)}`}`,
    );
}

/** Each step's first time after the open, and CPU; counts in parentheses are dropped so that launches compare. */
function readTimeline(file: string): Pick<Figures, 'timeline' | 'cpu'> {
  const timeline: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  if (!existsSync(file)) return { timeline, cpu };
  const marks = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { step: string; at: number; cpu?: number });
  const open = marks.find((m) => m.step === 'bench: openTextDocument called')?.at ?? 0;
  for (const m of marks) {
    const step = m.step.replace(/ \(\d+\)$/, '');
    if (step in timeline) continue;
    timeline[step] = m.at - open;
    if (m.cpu !== undefined) cpu[step] = m.cpu;
  }
  return { timeline, cpu };
}

function report(kind: string, variant: string, figures: Figures[]): void {
  const row = (what: string, pick: (f: Figures) => number, goal = '', of: Figures[] = figures) => {
    const xs = of.map(pick);
    console.log(
      `  ${what.padEnd(50)} median ${median(xs).toFixed(1).padStart(7)} ms  p95 ${p95(xs).toFixed(1).padStart(7)} ms${goal && `  (goal ${goal})`}`,
    );
  };
  console.log(
    `Case ${kind}: a fresh VS Code window, server in a ${variant === 'process' ? 'process of its own' : 'worker thread'}, ${figures.length} launches, ${figures[0]?.lines}-line Dockerfile` +
      ` (server started by: ${[...new Set(figures.map((f) => f.startedBy))].join(', ')}):`,
  );
  row("Berth's own cost: bundle evaluation + activate()", (f) => f.loadAndActivateMs, '≤ 50 ms');
  row('activate() alone', (f) => f.activateMs, '≤ 50 ms');
  const spent = (f: Figures, from: string, to: string) => (f.cpu[to] ?? NaN) - (f.cpu[from] ?? NaN);
  if (figures.every((f) => f.cpu['extension: bundle evaluation starts'] !== undefined)) {
    // The extension host's own work between the bundle's evaluation and activate() is not Berth's.
    row(
      "the same, in CPU time of the extension host's thread",
      (f) =>
        spent(f, 'extension: bundle evaluation starts', 'extension: bundle evaluated') +
        spent(f, 'extension: activate() called', 'extension: activate() returns'),
    );
    row("server thread's CPU, its start to first diagnostics", (f) => f.cpu['server: diagnostics published'] ?? NaN);
  }
  console.log('  from the open, in the extension host:');
  row('  document arrived in the extension host', (f) => f.arrivedMs);
  row('  openTextDocument resolved', (f) => f.openedMs);
  row('  Berth active', (f) => f.activatedMs);
  row('  language server initialized', (f) => f.serverStartedMs);
  row('  editor shown', (f) => f.shownMs);
  row('  first Berth diagnostics (server start included)', (f) => f.firstDiagnosticsMs, '≤ 400 ms');
  row("  the same, from the document's arrival (Berth's part)", (f) => f.firstDiagnosticsMs - f.arrivedMs);
  // The extension host fires onDidChangeDiagnostics after a 50 ms debounce of its own; VS Code holds them before.
  const set = (f: Figures) => f.timeline['client: diagnostics set in VS Code'] ?? NaN;
  row('  first diagnostics set in VS Code (before that debounce)', set, '≤ 400 ms');
  row("  the same, from the document's arrival (Berth's part)", (f) => set(f) - f.arrivedMs);
  const active = figures.filter((f) => f.activeBeforeOpen);
  const before = active.length;
  if (before)
    console.log(
      `  (in ${before} of ${figures.length} launches the test host had activated Berth before the open, so its activation is not in these times)`,
    );
  // Two different waits, which one median mixes: a window where Berth was active before the open waits for the
  // server's start; one where the open activates Berth first waits for VS Code to call activate().
  const activatedByOpen = figures.filter((f) => !f.activeBeforeOpen);
  if (before && activatedByOpen.length) {
    row(`  first Berth diagnostics, Berth active before (${active.length})`, (f) => f.firstDiagnosticsMs, '', active);
    row(
      `  first Berth diagnostics, activated by the open (${activatedByOpen.length})`,
      (f) => f.firstDiagnosticsMs,
      '',
      activatedByOpen,
    );
  }
  const steps = [...new Set(figures.flatMap((f) => Object.keys(f.timeline)))];
  const medians = steps.map((step) => {
    const xs = figures.map((f) => f.timeline[step]).filter((x) => x !== undefined);
    const cpu = step.startsWith('server:') ? figures.map((f) => f.cpu[step]).filter((x) => x !== undefined) : [];
    return { step, median: median(xs), p95: p95(xs), cpu: cpu.length ? median(cpu) : undefined };
  });
  console.log("  startup timeline, ms after the open (median, p95; the marking thread's CPU so far, median):");
  for (const m of medians.sort((a, b) => a.median - b.median))
    console.log(
      `    ${m.step.padEnd(52)} ${m.median.toFixed(1).padStart(8)} ${m.p95.toFixed(1).padStart(8)}${m.cpu === undefined ? '' : `  cpu ${m.cpu.toFixed(1).padStart(6)}`}`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
