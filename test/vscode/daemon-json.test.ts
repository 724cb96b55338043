// daemon.json in a real VS Code: the JSON extension applies the schema Berth contributes (an unknown key), Berth's
// server adds what the schema cannot say (a mirror without its scheme), "Open Engine Configuration" opens the
// connected engine's file or offers a starter one, and the plain-HTTP Harbor fix edits insecure-registries.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { berth, waitForDiagnostics } from './support';

suite('daemon.json', () => {
  test('the schema and Berth both check it, each saying its own part', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'berth-daemon-')), 'daemon.json');
    writeFileSync(file, '{\n  "registry-mirrors": ["mirror.example.com"],\n  "debgu": true\n}\n');
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => x.code === 'mirror-without-scheme') && d.some((x) => /daemon\.json option/.test(x.message)),
      60_000,
    );
    const mirror = diags.find((d) => d.code === 'mirror-without-scheme')!;
    assert.equal(mirror.range.start.line, 1);
    assert.equal(mirror.severity, vscode.DiagnosticSeverity.Error);
    const unknown = diags.find((d) => /daemon\.json option/.test(d.message))!;
    assert.equal(unknown.range.start.line, 2);
    assert.notEqual(unknown.source, 'berth', 'structure is the JSON extension’s, with Berth’s schema');
  });

  test('Open Engine Configuration opens the engine’s daemon.json, or a starter file after asking', async () => {
    const api = await berth();
    const target = '/etc/docker/daemon.json';
    const exists = existsSync(target);
    if (!exists) api.prompts.answerNextPrompts(['Create']);
    await vscode.commands.executeCommand('berth.engine.openConfiguration');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'a document is shown');
    assert.equal(doc.uri.path, target);
    if (exists) assert.equal(doc.uri.scheme, 'file');
    else {
      assert.equal(doc.uri.scheme, 'untitled');
      assert.match(doc.getText(), /"max-size": "10m"/);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the plain-HTTP Harbor fix adds the registry to insecure-registries, unsaved, once', async () => {
    const target = '/etc/docker/daemon.json';
    await vscode.commands.executeCommand('berth.engine.addInsecureRegistry', 'harbor.example.com:8080');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'a document is shown');
    assert.equal(doc.uri.path, target);
    assert.ok(doc.isDirty || doc.isUntitled, 'nothing is written until the user saves');
    const list = (JSON.parse(doc.getText()) as { 'insecure-registries': string[] })['insecure-registries'];
    assert.deepEqual(list.slice(-1), ['harbor.example.com:8080']);
    const before = doc.getText();
    await vscode.commands.executeCommand('berth.engine.addInsecureRegistry', 'harbor.example.com:8080');
    assert.equal(vscode.window.activeTextEditor?.document.getText(), before, 'added once only');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
