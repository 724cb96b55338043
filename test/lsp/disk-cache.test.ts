// What the server remembers of the disk (server/src/lsp/disk-cache.ts): only once the client has agreed to report
// file changes, and until it reports one; a file outside the workspace folders, which no watcher reports, for two
// seconds. A client that reports none gets every file read afresh on each check.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { SERVER_JS } from '../support/lsp-session';

/** A client that may accept the server's file watcher; it records what the server asks to watch. */
async function client(acceptWatcher: boolean, workspaceFolders: string[] | null = null) {
  const proc: ChildProcess = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn: MessageConnection = createMessageConnection(
    new StreamMessageReader(proc.stdout!),
    new StreamMessageWriter(proc.stdin!),
  );
  const waiting = new Map<string, (d: Diagnostic[]) => void>();
  const watchers: unknown[] = [];
  let registered!: () => void;
  const watcherRegistered = new Promise<void>((r) => (registered = r));
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    waiting.get(p.uri)?.(p.diagnostics);
    waiting.delete(p.uri);
  });
  conn.onRequest(
    'client/registerCapability',
    (p: { registrations: { method: string; registerOptions?: { watchers: unknown[] } }[] }) => {
      for (const r of p.registrations)
        if (r.method === 'workspace/didChangeWatchedFiles') {
          watchers.push(...(r.registerOptions?.watchers ?? []));
          registered();
        }
      return null;
    },
  );
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: workspaceFolders?.map((uri) => ({ uri, name: path.basename(uri) })) ?? null,
    capabilities: {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: acceptWatcher }, workspaceFolders: true },
    },
  });
  await conn.sendNotification('initialized', {});
  if (acceptWatcher) await watcherRegistered;
  let version = 0;
  const next = (uri: string) => new Promise<Diagnostic[]>((resolve) => waiting.set(uri, resolve));
  return {
    watchers,
    conn,
    next,
    /** Opens the document, or replaces its text; resolves with the diagnostics of that version. */
    async show(uri: string, text: string): Promise<Diagnostic[]> {
      const diagnostics = next(uri);
      version++;
      if (version === 1)
        await conn.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'dockerfile', version, text },
        });
      else
        await conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ text }],
        });
      return diagnostics;
    },
    async stop() {
      await conn.sendRequest('shutdown').catch(() => undefined);
      await conn.sendNotification('exit').catch(() => undefined);
      conn.dispose();
      proc.kill();
    },
  };
}

const ignored = (d: Diagnostic[]) => d.filter((x) => x.code === 'CopyIgnoredFile').length;

describe('the disk as the server remembers it', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-disk-cache-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('with file events: remembers the disk until the client reports a change', async () => {
    const folder = mkdtempSync(path.join(dir, 'events-'));
    writeFileSync(path.join(folder, 'app.txt'), 'x');
    const uri = pathToFileURL(path.join(folder, 'Dockerfile')).toString();
    const lsp = await client(true);
    try {
      assert.deepEqual(lsp.watchers, [{ globPattern: '**/*' }], 'the server watches every file');
      const text = 'FROM busybox:1.36\nCOPY app.txt /app.txt\n';
      assert.equal(ignored(await lsp.show(uri, text)), 0);
      writeFileSync(path.join(folder, '.dockerignore'), 'app.txt\n');
      // No event yet: the server still answers from what it read (the .dockerignore was absent).
      assert.equal(ignored(await lsp.show(uri, text + '\n')), 0, 'the missing .dockerignore was remembered');
      const next = lsp.next(uri);
      await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(path.join(folder, '.dockerignore')).toString(), type: 1 }],
      });
      assert.equal(ignored(await next), 1, 'the reported change is read');
    } finally {
      await lsp.stop();
    }
  });

  it('without file events: reads the disk afresh on every check', async () => {
    const folder = mkdtempSync(path.join(dir, 'no-events-'));
    writeFileSync(path.join(folder, 'app.txt'), 'x');
    const uri = pathToFileURL(path.join(folder, 'Dockerfile')).toString();
    const lsp = await client(false);
    try {
      assert.deepEqual(lsp.watchers, []);
      const text = 'FROM busybox:1.36\nCOPY app.txt /app.txt\n';
      assert.equal(ignored(await lsp.show(uri, text)), 0);
      writeFileSync(path.join(folder, '.dockerignore'), 'app.txt\n');
      assert.equal(ignored(await lsp.show(uri, text + '\n')), 1, 'the new .dockerignore is read at once');
    } finally {
      await lsp.stop();
    }
  });

  it('with file events: inside a workspace folder an answer outlives a pause, outside it does not', async () => {
    const inside = mkdtempSync(path.join(dir, 'folder-'));
    const outside = mkdtempSync(path.join(dir, 'outside-'));
    const text = 'FROM busybox:1.36\nCOPY app.txt /app.txt\n';
    const folderUri = pathToFileURL(inside).toString();
    const lsp = await client(true, [folderUri]);
    try {
      const shown = new Map<string, number>();
      const show = async (folder: string) => {
        const uri = pathToFileURL(path.join(folder, 'Dockerfile')).toString();
        shown.set(uri, (shown.get(uri) ?? 0) + 1);
        const diagnostics = lsp.next(uri);
        if (shown.get(uri) === 1)
          await lsp.conn.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'dockerfile', version: 1, text },
          });
        else
          await lsp.conn.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: shown.get(uri) },
            contentChanges: [{ text: text + '\n'.repeat(shown.get(uri)!) }],
          });
        return ignored(await diagnostics);
      };
      for (const folder of [inside, outside]) writeFileSync(path.join(folder, 'app.txt'), 'x');
      // Opening a document clears what the server remembers: both are open before the answers that count are read.
      for (const folder of [inside, outside, inside, outside]) assert.equal(await show(folder), 0);
      // Written behind the server's back: no event reports them.
      for (const folder of [inside, outside]) writeFileSync(path.join(folder, '.dockerignore'), 'app.txt\n');
      await new Promise((r) => setTimeout(r, 2500));
      assert.equal(await show(inside), 0, 'inside the folder, the absent .dockerignore is still remembered');
      assert.equal(await show(outside), 1, 'outside it, the answer expired');
      // The folder leaves the workspace: what the server remembered of it is dropped.
      const next = lsp.next(pathToFileURL(path.join(inside, 'Dockerfile')).toString());
      await lsp.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [], removed: [{ uri: folderUri, name: path.basename(inside) }] },
      });
      assert.equal(ignored(await next), 1, 'the folder change is read');
    } finally {
      await lsp.stop();
    }
  });
});
