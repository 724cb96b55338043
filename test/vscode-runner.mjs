// The vscode layer: runs the compiled extension-host suites (scripts/build.mjs compiles test/vscode/*.ts to
// out/test/vscode/) inside a real VS Code extension host, through @vscode/test-electron's runTests, in three launches:
//   workspace  *.test.ts       on a copy of examples/, workspace trust off (as runTests always asks);
//   untrusted  *.untrusted.ts  with workspace trust on, on a fresh folder that is not trusted, whose
//              .vscode/settings.json names an engine host and whose machine-level user settings name another;
//   zh-cn      *.zh-cn.ts      on a copy of examples/, in a workbench whose display language is Chinese (zh-cn).
// Each launch prints "vscode[<suite>]: N passed, N failed"; the closing "vscode: N passed, N failed" is their sum
// (the line scripts/test.sh reads). BERTH_VSCODE_TESTS=<prefix,…> selects files in both; a launch none of whose files
// is selected is left out.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/code-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-vscode-layer-'));
const only = process.env.BERTH_VSCODE_TESTS?.split(',').filter(Boolean);
const compiled = readdirSync(path.join(root, 'out/test/vscode'));
const selected = (suffix) => compiled.some((f) => f.endsWith(suffix) && (!only || only.some((o) => f.startsWith(o))));
const CI = !!process.env.CI && process.env.CI !== 'false';
if (!only && !(selected('.test.js') && selected('.untrusted.js'))) {
  console.error(
    `[vscode] out/test/vscode/ lacks the ${selected('.test.js') ? 'untrusted' : 'workspace'} suite: build first (scripts/build.mjs)`,
  );
  if (CI) process.exit(1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

/** One launch of the workbench on `folder`; adds the suite's counts to totals. */
async function launch(suite, folder, userData, env = {}) {
  let tail = '';
  const scan = (chunk) => {
    tail += chunk.toString();
    const lines = tail.split('\n');
    tail = lines.pop();
    for (const l of lines) {
      const m = /^vscode\[[\w-]+\]: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(l);
      if (m) {
        totals.passed += Number(m[1]);
        totals.failed += Number(m[2]);
        totals.skipped += Number(m[3] ?? 0);
      }
    }
  };
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'scripts/vscode-test-host.mjs'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/vscode/index.js'),
      launchArgs: [
        folder,
        `--user-data-dir=${userData}`,
        `--extensions-dir=${path.join(scratch, `extensions-${suite}`)}`,
      ],
      extensionTestsEnv: { BERTH_REPO_ROOT: root, BERTH_VSCODE_SUITE: suite, ...env },
      stdout: {
        write: (d) => {
          scan(d);
          return process.stdout.write(d);
        },
      },
    });
  } catch (e) {
    console.error(`[vscode ${suite}] ${e instanceof Error ? e.message : e}`);
    exitCode = 1;
  }
}

if (selected('.test.js')) {
  // The suite works on a copy of examples/: whatever a test edits or saves can never change the repository.
  const workspace = path.join(scratch, 'examples');
  cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  await launch('workspace', workspace, path.join(scratch, 'user-data'));
}

if (selected('.untrusted.js')) {
  // A freshly cloned repository, as far as VS Code knows: never trusted. Its settings point Berth's engine at a port
  // the suite listens on and counts connections to; the machine-level user settings (the remote "User" settings of
  // code-server: machine-overridable settings apply only from there) point at another such port.
  const repo = path.join(scratch, 'untrusted-repo');
  mkdirSync(path.join(repo, '.vscode'), { recursive: true });
  const repoPort = await freePort();
  let userPort = await freePort();
  while (userPort === repoPort) userPort = await freePort();
  writeFileSync(
    path.join(repo, '.vscode', 'settings.json'),
    JSON.stringify({ 'berth.engine.host': `tcp://127.0.0.1:${repoPort}` }, null, 1),
  );
  const userData = path.join(scratch, 'user-data-untrusted');
  mkdirSync(path.join(userData, 'Machine'), { recursive: true });
  writeFileSync(
    path.join(userData, 'Machine', 'settings.json'),
    JSON.stringify({ 'berth.engine.host': `tcp://127.0.0.1:${userPort}` }, null, 1),
  );
  await launch('untrusted', repo, userData, { BERTH_VSCODE_WORKSPACE_TRUST: '1' });
}

if (selected('.zh-cn.js')) {
  const workspace = path.join(scratch, 'examples-zh-cn');
  cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  await launch('zh-cn', workspace, path.join(scratch, 'user-data-zh-cn'), { BERTH_VSCODE_LOCALE: 'zh-cn' });
}

console.log(
  `vscode: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
if (exitCode === 0 && totals.passed === 0) {
  console.error('[vscode] no extension-host test ran');
  exitCode = 1;
}
process.exit(exitCode);
