#!/usr/bin/env node
// Stands in for the desktop VS Code executable that @vscode/test-electron's runTests() launches: it accepts the
// same flags (--extensionDevelopmentPath, --extensionTestsPath, --user-data-dir, --extensions-dir, a folder), runs
// the suite in a real VS Code extension host (code-server's, driven by headless Chromium) and exits with the suite's
// exit code. Needed because the desktop build cannot be downloaded on this network. Workspace trust is off, as
// runTests() asks with --disable-workspace-trust (which it always passes); BERTH_VSCODE_WORKSPACE_TRUST=1 turns it on.
// BERTH_VSCODE_LOCALE=zh-cn starts the workbench in that display language.
import path from 'node:path';
import util from 'node:util';
import { launchChromium, startCodeServer } from './code-server.mjs';

const TIMEOUT_MS = Number(process.env.BERTH_VSCODE_TEST_TIMEOUT_MS ?? 600_000);

function parseArgs(argv) {
  const o = { dev: [], tests: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      o.folder = path.resolve(argv[i]);
      continue;
    }
    if (!valued.has(m[1])) continue; // desktop-only flags (--no-sandbox, --disable-extensions …) mean nothing here
    const v = path.resolve(m[2] ?? argv[++i]);
    if (m[1] === 'extensionDevelopmentPath') o.dev.push(v);
    else if (m[1] === 'extensionTestsPath') o.tests = v;
    else if (m[1] === 'user-data-dir') o.userDataDir = v;
    else o.extensionsDir = v;
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!o.tests || !o.dev.length) {
    console.error('usage: vscode-test-host --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [folder]');
    return 2;
  }
  const t0 = Date.now();
  const lap = (s) => console.error(`[vscode-test-host +${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);
  const workspaceTrust = process.env.BERTH_VSCODE_WORKSPACE_TRUST === '1';
  const server = await startCodeServer({
    userDataDir: o.userDataDir,
    extensionsDir: o.extensionsDir,
    smokeTestDriver: true,
    workspaceTrust,
    locale: process.env.BERTH_VSCODE_LOCALE,
  });
  lap(
    `code-server ${server.url}${workspaceTrust ? ' (workspace trust on)' : ''}${process.env.BERTH_VSCODE_LOCALE ? ` (display language ${process.env.BERTH_VSCODE_LOCALE})` : ''}`,
  );
  let browser,
    code = 1;
  try {
    // The workbench loads extensions from the server side as vscode-remote:// URIs.
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ...o.dev.map((d) => ['extensionDevelopmentPath', remote(d)]),
      ['extensionTestsPath', remote(o.tests)],
    ];
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish;
    const finished = new Promise((r) => {
      finish = r;
    });
    const noise =
      /open-vsx|^\s+at |Creating a socket|connection token|grace-time|AgentHost|AccountPolicyGate|Service Worker|builtin extensions cache|\[Extension Host\] \[vscode\]/;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(args ?? [])).replace(/%c/g, '');
      if (process.env.BERTH_VSCODE_TEST_VERBOSE || !noise.test(text))
        (type === 'error' ? process.stderr : process.stdout).write(text + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (c) => finish(c));
    page.on('pageerror', (e) => console.error('[workbench page error]', String(e)));
    await page.goto(server.folderUrl(o.folder ?? process.cwd(), payload));
    lap('workbench open; the suite runs in the extension host');
    const result = await Promise.race([finished, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
    if (result === 'timeout') {
      const shot = path.join(server.scratch, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      lap(`timed out after ${TIMEOUT_MS} ms (screenshot ${shot})`);
    } else {
      code = result;
      lap(`suite exit code ${code}`);
    }
  } catch (e) {
    console.error(e);
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop({ keep: code !== 0 });
    if (code !== 0) console.error(`code-server log kept: ${server.logPath}`);
  }
  return code;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
