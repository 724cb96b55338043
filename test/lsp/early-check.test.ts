// The document that started the server is checked before the client sends it (server/src/lsp/early-check.ts), and
// that early result is published only where a real check would publish the same. Through the real server bundle in a
// worker thread, started as the extension starts it (workerData), against a server started without that document.
// The startup timeline (BERTH_TIMELINE) tells whether the early result was used.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { after, describe, it } from 'node:test';
import { createMessageConnection, PortMessageReader, PortMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ServerThreadData } from '../../server/src/protocol';
import { SERVER_JS } from '../support/lsp-session';

const dir = mkdtempSync(path.join(tmpdir(), 'berth-early-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
const DOCKERFILE = uriOf('Dockerfile');
// No RUN (ShellCheck's late results would publish again); CopyIgnoredFile reads the .dockerignore beside it.
const TEXT = 'FROM alpine:3.20\nMAINTAINER someone@example.com\nCOPY secret.txt /run/\nCOPY app.txt /app/\n';
writeFileSync(path.join(dir, '.dockerignore'), 'secret.txt\n');
writeFileSync(path.join(dir, 'Dockerfile'), TEXT);

interface Open {
  uri: string;
  languageId: string;
  text: string;
}

/**
 * Starts the bundled server in a thread with `data`, initializes it with `options`, opens `docs` in order and returns
 * what it published for the last one, and the startup steps it marked.
 */
async function session(
  data: ServerThreadData | undefined,
  options: unknown,
  docs: Open[],
): Promise<{ diagnostics: Diagnostic[]; steps: string[] }> {
  const timeline = path.join(dir, `timeline-${Math.random().toString(36).slice(2)}.jsonl`);
  const worker = new Worker(SERVER_JS, {
    argv: [],
    execArgv: [],
    workerData: data,
    env: { ...process.env, BERTH_TIMELINE: timeline },
  });
  const conn = createMessageConnection(new PortMessageReader(worker), new PortMessageWriter(worker));
  const target = docs.at(-1)!.uri;
  const published = new Promise<Diagnostic[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${target} within 10 s`)), 10_000);
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri !== target) return;
      clearTimeout(timer);
      resolve(p.diagnostics);
    });
  });
  conn.onRequest(() => null);
  conn.listen();
  try {
    // Wait for the early check, as a slow client would, so that each case tests the use of a finished result.
    if (data?.opening) await waitForStep(timeline, 'server: early check done');
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: {},
      initializationOptions: options,
    });
    await conn.sendNotification('initialized', {});
    for (const d of docs) await conn.sendNotification('textDocument/didOpen', { textDocument: { ...d, version: 1 } });
    const diagnostics = await published;
    return { diagnostics, steps: steps(timeline) };
  } finally {
    conn.dispose();
    await worker.terminate();
  }
}

function steps(timeline: string): string[] {
  try {
    return readFileSync(timeline, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { step: string }).step);
  } catch {
    return [];
  }
}

async function waitForStep(timeline: string, step: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!steps(timeline).includes(step)) {
    if (Date.now() > deadline) throw new Error(`the server never marked "${step}"`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();
const dockerfile = (text = TEXT): Open => ({ uri: DOCKERFILE, languageId: 'dockerfile', text });
const opening = (text = TEXT): ServerThreadData['opening'] => ({
  uri: DOCKERFILE,
  languageId: 'dockerfile',
  version: 1,
  text,
});
const OPTIONS = { locale: 'en' };

describe('the early check of the document that started the server', () => {
  it('publishes the early result when the same document opens, equal to a real check', async () => {
    const real = await session(undefined, OPTIONS, [dockerfile()]);
    const early = await session({ opening: opening(), initializationOptions: OPTIONS }, OPTIONS, [dockerfile()]);
    assert.ok(early.steps.includes('server: early check used'), early.steps.join(', '));
    assert.deepEqual(codes(real.diagnostics), ['CopyIgnoredFile', 'MaintainerDeprecated']);
    assert.deepEqual(early.diagnostics, real.diagnostics);
  });

  it('checks again when the document opens with another text', async () => {
    const edited = TEXT.replace('MAINTAINER someone@example.com\n', '');
    const early = await session({ opening: opening(), initializationOptions: OPTIONS }, OPTIONS, [dockerfile(edited)]);
    assert.ok(early.steps.includes('server: early check not used'), early.steps.join(', '));
    assert.deepEqual(codes(early.diagnostics), ['CopyIgnoredFile']);
  });

  it('checks again when initialize brings other settings or another language', async () => {
    const off = { ...OPTIONS, dockerfile: { rules: { MaintainerDeprecated: 'off' } } };
    const settings = await session({ opening: opening(), initializationOptions: OPTIONS }, off, [dockerfile()]);
    assert.ok(settings.steps.includes('server: early check not used'), settings.steps.join(', '));
    assert.deepEqual(codes(settings.diagnostics), ['CopyIgnoredFile']);

    const chinese = { locale: 'zh-cn' };
    const language = await session({ opening: opening(), initializationOptions: OPTIONS }, chinese, [dockerfile()]);
    const real = await session(undefined, chinese, [dockerfile()]);
    assert.ok(language.steps.includes('server: early check not used'), language.steps.join(', '));
    assert.deepEqual(language.diagnostics, real.diagnostics);
    assert.notDeepEqual(language.diagnostics, (await session(undefined, OPTIONS, [dockerfile()])).diagnostics);
  });

  it('checks again when a file the early check read is open in the editor with other text', async () => {
    // The .dockerignore on disk ignores secret.txt; the one open in the editor (unsaved) ignores app.txt instead.
    const ignore: Open = { uri: uriOf('.dockerignore'), languageId: 'ignore-docker', text: 'app.txt\n' };
    const early = await session({ opening: opening(), initializationOptions: OPTIONS }, OPTIONS, [
      ignore,
      dockerfile(),
    ]);
    assert.ok(early.steps.includes('server: early check not used'), early.steps.join(', '));
    const copyIgnored = early.diagnostics.filter((d) => d.code === 'CopyIgnoredFile');
    assert.deepEqual(
      copyIgnored.map((d) => d.range.start.line),
      [3],
      'the open .dockerignore decides: app.txt (line 4) is ignored, secret.txt is not',
    );
  });

  it('does nothing for a server started without a document', async () => {
    const plain = await session({ initializationOptions: OPTIONS }, OPTIONS, [dockerfile()]);
    assert.ok(!plain.steps.some((s) => s.startsWith('server: early check')), plain.steps.join(', '));
  });
});
