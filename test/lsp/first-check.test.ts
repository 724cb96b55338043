// A document's first check never waits for the client's settings: the server checks it with the settings of
// initialize while its workspace/configuration request is still unanswered, checks again only when the answer differs
// from what that check used, and again when the settings change later. Through the real server over stdio.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_JS } from '../support/lsp-session';

const URI = 'file:///tmp/berth-first-check/Dockerfile';
const TEXT = 'FROM alpine:3.20\nMAINTAINER someone@example.com\n'; // no RUN: ShellCheck's late results would publish again
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));

describe('first check and settings over LSP', () => {
  let proc: ChildProcess;
  let conn: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];
  let onPublish: (() => void) | undefined;
  /** Answers of the server's configuration requests, in order; each request waits for its own. */
  const answers: ((settings: unknown) => void)[] = [];
  let onAsk: (() => void) | undefined;

  const nextPublish = (accept: (p: PublishDiagnosticsParams) => boolean) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching diagnostics within 10 s')), 10_000);
      const seen = published.length;
      onPublish = () => {
        const hit = published.slice(seen).find(accept);
        if (!hit) return;
        clearTimeout(timer);
        onPublish = undefined;
        resolve(hit);
      };
    });
  const nextAsk = () =>
    new Promise<void>((resolve) => {
      const asked = answers.length;
      onAsk = () => answers.length > asked && resolve();
      onAsk();
    });

  before(async () => {
    proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri !== URI) return;
      published.push(p);
      onPublish?.();
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest(
      'workspace/configuration',
      () =>
        new Promise((resolve) => {
          answers.push((settings) => resolve([settings]));
          onAsk?.();
        }),
    );
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      initializationOptions: {},
    });
    await conn.sendNotification('initialized', {});
  });
  after(async () => {
    await conn.sendRequest('shutdown').catch(() => undefined);
    await conn.sendNotification('exit').catch(() => undefined);
    conn.dispose();
    if (proc.exitCode === null) proc.kill();
  });

  it('publishes the first diagnostics while the configuration request is unanswered', async () => {
    await nextAsk();
    const first = nextPublish(() => true);
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT },
    });
    const p = await first;
    assert.equal(p.version, 1);
    assert.ok(codes(p).includes('MaintainerDeprecated'), `got ${codes(p).join(', ')}`);
  });

  it('an answer equal to the settings used costs no second check', async () => {
    answers[0]!({});
    // A re-check would publish version 1 again right after the answer: a request's round trip, then a pause far
    // longer than checking this two-line file takes, leaves it time to. Then an edit, whose publish ends the count.
    await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } });
    await new Promise((r) => setTimeout(r, 500));
    const second = nextPublish((p) => p.version === 2);
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: TEXT }],
    });
    await second;
    assert.deepEqual(
      published.map((p) => p.version),
      [1, 2],
      'one publish per version: the settings answer did not re-check',
    );
  });

  it('settings that differ are applied with a new check', async () => {
    const asked = nextAsk();
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await asked;
    const rechecked = nextPublish((p) => p.version === 2 && !codes(p).includes('MaintainerDeprecated'));
    answers.at(-1)!({ dockerfile: { rules: { MaintainerDeprecated: 'off' } } });
    const p = await rechecked;
    assert.ok(!codes(p).includes('MaintainerDeprecated'), `got ${codes(p).join(', ')}`);
  });
});
