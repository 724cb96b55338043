// The server bundle leaves the Node built-ins its libraries load but a server start never uses (crypto, net,
// child_process, fs/promises) until their first use (scripts/build.mjs, deferBuiltins), and they still work then.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { SERVER_JS } from '../support/lsp-session';

const SERVER_MAIN = path.join(path.dirname(SERVER_JS), 'server-main.js');
const DEFERRED = ['crypto', 'net', 'child_process', 'fs/promises'];

/** The built-in modules a fresh thread loads while it evaluates the server bundle (as the extension starts it). */
function builtinsLoadedByBundle(): Promise<string[]> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const before = new Set(process.moduleLoadList);
     require(${JSON.stringify(SERVER_MAIN)});
     parentPort.postMessage({ loaded: process.moduleLoadList.filter((m) => !before.has(m)) });`,
    { eval: true },
  );
  return new Promise((resolve, reject) => {
    worker.on('message', (m: { loaded?: string[] }) => {
      if (!m.loaded) return; // the server's own messages on the port
      void worker.terminate();
      resolve(m.loaded.filter((x) => x.startsWith('NativeModule ')).map((x) => x.slice('NativeModule '.length)));
    });
    worker.on('error', reject);
  });
}

describe('built-ins the server loads on first use', () => {
  it('evaluating the bundle loads none of them', async () => {
    const loaded = await builtinsLoadedByBundle();
    assert.ok(loaded.includes('url'), `the list is read at all: ${loaded.join(' ')}`);
    for (const name of DEFERRED)
      assert.ok(
        !loaded.includes(name),
        `${name} was loaded with the bundle: require it where it is used, not at the top of a module`,
      );
  });

  it('one of them still works when used: the --socket transport connects through net', async () => {
    // With --socket=N the server connects to a client listening on port N (vscode-jsonrpc's net, deferred).
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const proc = spawn(process.execPath, [SERVER_JS, `--socket=${port}`], { stdio: 'ignore' });
    try {
      const socket = await accepted;
      const conn = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
      conn.listen();
      const result: InitializeResult = await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      assert.equal(result.serverInfo?.name, 'berth-language-server');
      conn.dispose();
    } finally {
      proc.kill();
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});
