// The server's cache of its compiled code (server/src/compile-cache.ts), on the built bundle, in a worker thread as the
// extension starts it: a start writes the cache once its first diagnostics are out and again after its first seconds
// of work, the next start reads it, and a cache V8 refuses costs nothing but the compiling.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { createMessageConnection, PortMessageReader, PortMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_JS } from '../support/lsp-session';
import { until } from '../support/wait';

const scratch = mkdtempSync(path.join(tmpdir(), 'berth-code-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const DOCKERFILE = 'FROM alpine:3.20\nRUNN echo hi\n';

interface Start {
  /** What the server's timeline says of the cache: none, rejected, early or late. */
  cache: string;
  diagnostics: string[];
  stop(): Promise<void>;
}

/** Starts dist/server.js in a thread with `cacheDir`, opens a broken Dockerfile and waits for its diagnostics. */
async function start(cacheDir: string, name: string): Promise<Start> {
  const timeline = path.join(scratch, `${name}.timeline`);
  const worker = new Worker(SERVER_JS, {
    argv: [],
    execArgv: [],
    env: { ...process.env, BERTH_COMPILE_CACHE: cacheDir, BERTH_TIMELINE: timeline },
  });
  const conn = createMessageConnection(new PortMessageReader(worker), new PortMessageWriter(worker));
  const published = new Promise<PublishDiagnosticsParams>((resolve) =>
    conn.onNotification('textDocument/publishDiagnostics', resolve),
  );
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  conn.sendNotification('initialized', {});
  conn.sendNotification('textDocument/didOpen', {
    textDocument: {
      uri: `file://${scratch}/${name}/Dockerfile`,
      languageId: 'dockerfile',
      version: 1,
      text: DOCKERFILE,
    },
  });
  const { diagnostics } = await published;
  const marks = readFileSync(timeline, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).step as string);
  const compiled = marks.find((m) => m.startsWith('server: bundle compiled, code cache '));
  assert.ok(compiled, `the timeline marks the bundle's compile: ${marks.join(' | ')}`);
  return {
    cache: compiled.slice('server: bundle compiled, code cache '.length),
    diagnostics: diagnostics.map((d) => `${d.range.start.line}:${d.code}`).sort(),
    stop: async () => {
      conn.dispose();
      await worker.terminate();
    },
  };
}

const caches = (dir: string) => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.v8'));
  } catch {
    return [];
  }
};

/** The start checked the Dockerfile (RUNN on line 1), then wrote an early cache of the compiled bundle. */
async function reportsAndWritesEarly(s: Start, dir: string): Promise<void> {
  assert.ok(
    s.diagnostics.some((d) => d.startsWith('1:')),
    `RUNN is reported: ${s.diagnostics}`,
  );
  await until(
    () => caches(dir).some((f) => f.endsWith('.early.v8') && statSync(path.join(dir, f)).size > 100_000),
    'an early cache of the compiled bundle after the first diagnostics',
  );
}

describe("the server's code cache", () => {
  const dir = path.join(scratch, 'cache');

  it('a first start writes it early, then late; the next start reads the late one and answers the same', async () => {
    const first = await start(dir, 'first');
    try {
      assert.equal(first.cache, 'none');
      await reportsAndWritesEarly(first, dir);
      // The late one replaces it after the server's first seconds of work.
      const late = await until(
        () => caches(dir).length === 1 && caches(dir).find((f) => f.endsWith('.late.v8')),
        'the late cache to replace the early one',
        15_000,
      );
      assert.ok(statSync(path.join(dir, late)).size > 100_000, 'the cache holds the compiled bundle');
    } finally {
      await first.stop();
    }
    const second = await start(dir, 'second');
    await second.stop();
    assert.equal(second.cache, 'late');
    assert.deepEqual(second.diagnostics, first.diagnostics);
  });

  it('a cache V8 refuses costs only the compiling: the server answers and writes a good one', async () => {
    const [name] = caches(dir);
    assert.ok(name, 'the first test left a cache');
    writeFileSync(path.join(dir, name), Buffer.alloc(4096, 7));
    const third = await start(dir, 'third');
    try {
      assert.equal(third.cache, 'rejected');
      await reportsAndWritesEarly(third, dir);
    } finally {
      await third.stop();
    }
  });
});
