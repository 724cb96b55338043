// The language server's home in a real VS Code: a worker thread of the extension host, as isolated as a process where
// it matters. A thread that dies is replaced by the client, which checks the open documents again; the extension host
// goes on answering meanwhile.
import * as assert from 'node:assert/strict';
import { threadId } from 'node:worker_threads';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { berth, example, until, waitForDiagnostics } from './support';

const ours = (d: readonly vscode.Diagnostic[]) => d.filter((x) => x.source?.startsWith('berth'));

suite('language server thread', () => {
  test('runs in a worker thread; when the thread dies, a new one starts and the Dockerfile is checked again', async () => {
    const doc = await vscode.workspace.openTextDocument(example('broken', 'Dockerfile'));
    await vscode.window.showTextDocument(doc);
    const api = await berth();
    const client = await api.language.ensureStarted();
    await waitForDiagnostics(doc.uri, (d) => ours(d).length > 0);
    const first = api.language.serverThread();
    assert.ok(first, 'the server runs in a worker thread');
    assert.notEqual(first.threadId, threadId, 'not on the extension host thread');

    // The thread ends as a crash would end it; the client notices the thread's end and starts another.
    const exited = new Promise<number>((resolve) => first.once('exit', resolve));
    await first.terminate();
    await exited;
    await until(() => {
      const next = api.language.serverThread();
      return next !== undefined && next !== first && client.state === State.Running;
    }, 'the client to start a new server thread');
    assert.notEqual(api.language.serverThread()!.threadId, first.threadId);
    // The new server answers requests on the open Dockerfile, and checks a document the old one never saw.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      doc.uri,
    );
    assert.ok(symbols && symbols.length > 0, 'the new server answers document symbols');
    const fresh = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM alpine:3.20\nMAINTAINER someone@example.com\n',
    });
    const diags = await waitForDiagnostics(fresh.uri, (d) => ours(d).length > 0);
    assert.ok(
      ours(diags).some((d) => /MAINTAINER/i.test(d.message)),
      'the new server reports MAINTAINER',
    );
  });
});
