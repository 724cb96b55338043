// Restricted Mode (issue #12): a repository's .vscode/settings.json cannot point Berth's engine somewhere else until
// the folder is trusted. Runs only in the runner's second launch (test/vscode-runner.mjs): workspace trust on, a fresh
// folder nobody trusted, whose settings name tcp://127.0.0.1:<repo port>, and machine-level user settings that name
// tcp://127.0.0.1:<user port>. The suite listens on both ports and counts connections: the repository's must see none
// once the views are open, the user's must see Berth connect (the control: a user value is honoured).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import { berth, until } from './support';

interface Listener {
  port: number;
  connections: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:port, counts every connection and drops it at once (so a connect attempt fails fast). */
function listen(port: number): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const sockets = new Set<net.Socket>();
    const l: Listener = {
      port,
      connections: 0,
      close: () =>
        new Promise((r) => {
          for (const s of sockets) s.destroy();
          server.close(() => r());
        }),
    };
    const server = net.createServer((s) => {
      l.connections++;
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.destroy();
    });
    server.once('error', reject).listen(port, '127.0.0.1', () => resolve(l));
  });
}

const portOf = (host: string | undefined, what: string): number => {
  const m = /^tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(host ?? '');
  assert.ok(m, `${what} names tcp://127.0.0.1:<port> (got ${JSON.stringify(host)})`);
  return Number(m[1]);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

suite('restricted mode: an untrusted folder cannot redirect the engine', () => {
  let api: BerthApi;
  let repoHost: string, userHost: string;
  let repo: Listener, user: Listener;

  suiteSetup(async () => {
    api = await berth();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'a folder is open');
    // What the repository asks for, read from its file (VS Code itself keeps restricted settings of an untrusted
    // folder out of the configuration).
    repoHost = JSON.parse(fs.readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8'))['berth.engine.host'];
    userHost = vscode.workspace.getConfiguration('berth.engine').inspect<string>('host')?.globalValue ?? '';
    repo = await listen(portOf(repoHost, "the folder's .vscode/settings.json"));
    user = await listen(portOf(userHost, 'the user settings (globalValue)'));
    assert.notEqual(repo.port, user.port);
  });
  suiteTeardown(async () => {
    await repo?.close();
    await user?.close();
  });

  test('the workbench has workspace trust on and the folder is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.workspace.getConfiguration('security.workspace.trust').get('enabled'), true);
    const inspected = vscode.workspace.getConfiguration('berth.engine').inspect<string>('host');
    console.log(
      `restricted mode: berth.engine.host inspect() = ${JSON.stringify(inspected)}; the folder's file says ${repoHost}`,
    );
    assert.notEqual(
      inspected?.workspaceValue,
      repoHost,
      "the repository's value reached the configuration as a workspace value",
    );
    assert.equal(repo.connections + user.connections, 0, 'nothing dialled before the views open');
  });

  test("opening the Berth views connects to the user's engine, never to the one the repository names", async () => {
    // The runtime connects to nothing by itself; made first so that every connect attempt's endpoint is seen.
    const c = await api.explorer.controller();
    const dialled = new Set<string>();
    const off = c.manager.onDidChangeState((s) => {
      const host = s.kind === 'connected' ? s.engine.endpoint.host : s.kind !== 'idle' ? s.endpoint?.host : undefined;
      if (host) dialled.add(host);
    });
    try {
      await vscode.commands.executeCommand('workbench.view.extension.berth');
      await vscode.commands.executeCommand('berth.containers.focus');
      await until(() => api.explorer.treeViews.containers.visible, 'the Containers view visible');
      await sleep(5000);
    } finally {
      off();
    }
    assert.equal(repo.connections, 0, `the repository's engine host ${repoHost} was dialled`);
    assert.ok(user.connections > 0, `the user's engine host ${userHost} was never dialled`);
    // What the extension reports it used: only the user's host.
    assert.deepEqual([...dialled], [userHost], 'the engine hosts the explorer tried');
  });

  test("Refresh (a fresh connect that re-reads the setting) still skips the repository's host", async () => {
    const before = user.connections;
    const c = await api.explorer.controller();
    await c.refresh();
    await until(() => user.connections > before || undefined, "a new connection to the user's host");
    await sleep(1000);
    assert.equal(repo.connections, 0, `the repository's engine host ${repoHost} was dialled`);
  });

  test("the count is live: an explicit switch to the repository's host (as Switch Engine would make) is seen", async () => {
    // Proves the zero above means "never dialled", not "could not have been seen". Last: it dials the repository's port.
    const c = await api.explorer.controller();
    try {
      await c.manager.use(repoHost).catch(() => undefined);
      await until(() => repo.connections > 0 || undefined, `a connection to ${repoHost}`);
    } finally {
      await c.manager.use(undefined).catch(() => undefined);
    }
  });
});
