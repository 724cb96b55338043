// Starts a real VS Code workbench (code-server, on the Node 24 it needs) on 127.0.0.1 with its own scratch
// profile, and optionally a headless Chromium pointed at it. Shared by the extension-host test stand-in,
// the Playwright UI tests and the demo (scripts/start.sh).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { installLanguagePack } from './language-pack.mjs';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these, Chromium keeps dialling Google's services, which this closed network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  // Otherwise VS Code offers to forward every port something on the machine listens on.
  'remote.autoForwardPorts': false,
  'security.workspace.trust.enabled': false,
  // The repository is a parent of examples/: don't prompt about it.
  'git.openRepositoryInParentFolders': 'never',
  // The web workbench saves edits after a delay by default; tests edit documents in memory and revert them.
  'files.autoSave': 'off',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
  });
}

/**
 * @param {object} o
 * @param {string} [o.userDataDir]   profile folder (created; a scratch one by default)
 * @param {string} [o.extensionsDir] extensions folder (a scratch one by default)
 * @param {boolean} [o.installBerth] link this repository into the extensions folder as an installed extension
 * @param {number} [o.port]          fixed port (a free one by default)
 * @param {boolean} [o.smokeTestDriver] enable the workbench's automation hooks (extension-host tests need them)
 * @param {object} [o.settings]      extra user settings
 * @param {object} [o.env]           extra environment for code-server and so for the extension host
 * @param {boolean} [o.workspaceTrust] workspace trust on, as in a default VS Code: a folder not yet trusted opens in
 *                                   Restricted Mode (without the start-up question). Off by default.
 * @param {string} [o.locale]        display language (e.g. zh-cn): a minimal language pack for it is installed and
 *                                   code-server started with --locale (scripts/language-pack.mjs says why)
 */
export async function startCodeServer(o = {}) {
  const node = process.env.CODE_SERVER_NODE,
    entry = process.env.CODE_SERVER_ENTRY;
  if (!node || !entry)
    throw new Error(
      'CODE_SERVER_NODE / CODE_SERVER_ENTRY are not set: run scripts/vscode-host.sh and source scripts/env.sh',
    );
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-code-server-'));
  const userDataDir = o.userDataDir ?? path.join(scratch, 'user-data');
  const extensionsDir = o.extensionsDir ?? path.join(scratch, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // A kept profile (the demo's) keeps the user's own settings: ours only fill what is unset.
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  let existing = {};
  try {
    existing = JSON.parse(readFileSync(settingsFile, 'utf8'));
  } catch {
    /* new profile, or not plain JSON */
  }
  const trust = o.workspaceTrust
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
    : {};
  writeFileSync(settingsFile, JSON.stringify({ ...USER_SETTINGS, ...trust, ...o.settings, ...existing }, null, 1));
  if (o.installBerth) {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    symlinkSync(repoRoot, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`));
  }
  if (o.locale && !o.locale.startsWith('en')) installLanguagePack(o.locale, { userDataDir, extensionsDir });
  const port = o.port ?? (await freePort());
  const tmp = path.join(scratch, 'tmp');
  mkdirSync(tmp);
  const args = [
    entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(o.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...(o.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(o.locale ? ['--locale', o.locale] : []),
  ];
  const logPath = path.join(scratch, 'code-server.log');
  const log = createWriteStream(logPath);
  // Own TMPDIR and XDG folders: code-server leaves sockets in TMPDIR and would write under ~/.config otherwise.
  const child = spawn(node, args, {
    env: {
      ...process.env,
      ...o.env,
      TMPDIR: tmp,
      XDG_CONFIG_HOME: path.join(scratch, 'xdg'),
      XDG_DATA_HOME: path.join(scratch, 'xdg'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stop() ends the extension host and pty host with it.
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null || i > 600) throw new Error(`code-server did not start; its log: ${logPath}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    scratch,
    logPath,
    userDataDir,
    extensionsDir,
    process: child,
    /** The workbench URL for a folder, with an optional test payload. */
    folderUrl(folder, payload) {
      return `${url}/?folder=${encodeURIComponent(folder)}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
    },
    async stop({ keep = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* the whole group has exited */
        }
      }
      // The log lives in the scratch folder: let its last writes land before removing the folder (a removal racing a
      // write failed once with ENOTEMPTY).
      await new Promise((r) => {
        log.end(r);
      });
      if (!keep) rmSync(scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Headless Debian Chromium via playwright-core (never a downloaded browser). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
