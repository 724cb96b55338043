// The Compose language service in a real VS Code on examples/compose.yaml: completion lists through VS Code's own
// completion command on the example itself (read only), and diagnostics that appear and clear as a scratch copy
// of the example is edited. The web workbench saves edits by itself, so edits never touch examples/.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { berth, example, waitForDiagnostics } from './support';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** Position at the end of the first line of `text` holding `needle`. */
function endOf(text: string, needle: string): vscode.Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} is in the text`);
  return new vscode.Position(line, lines[line].length);
}

async function labelsAt(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

suite('compose language service', () => {
  let scratch: string;
  let copy: vscode.Uri;
  let original: string;

  suiteSetup(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-compose-vscode-'));
    for (const f of ['compose.yaml', 'Dockerfile', '.env', '.dockerignore', 'app'])
      cpSync(example(f), path.join(scratch, f), { recursive: true });
    copy = vscode.Uri.file(path.join(scratch, 'compose.yaml'));
    // The server starts on the first compose/Dockerfile document; wait for it so requests reach it.
    await vscode.workspace.openTextDocument(example('compose.yaml'));
    await (await berth()).language.ensureStarted();
  });
  suiteTeardown(async () => {
    // Revert the scratch copy before closing it, so that no "save changes?" dialog can block the next suites.
    if (copy) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copy));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** Replaces the scratch copy's text in its editor. */
  async function setText(text: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(copy);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(copy, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
  }

  test("completion on examples/compose.yaml: the Dockerfile's stages for build.target, restart policies", async () => {
    const doc = await vscode.workspace.openTextDocument(example('compose.yaml'));
    assert.equal(doc.languageId, 'dockercompose');
    const text = doc.getText();
    const target = endOf(text, 'target: runtime');
    const stages = await labelsAt(doc.uri, target.translate(0, -'runtime'.length));
    assert.ok(
      stages.includes('build') && stages.includes('runtime'),
      `stages of examples/Dockerfile; got ${stages.join(', ')}`,
    );
    const restart = endOf(text, 'restart: unless-stopped');
    const values = await labelsAt(doc.uri, restart.translate(0, -'unless-stopped'.length));
    assert.ok(
      values.includes('unless-stopped') && values.includes('on-failure') && values.includes('always'),
      `restart policies; got ${values.join(', ')}`,
    );
    assert.ok(!doc.isDirty, 'the example is not modified');
  });

  test('Run lenses on examples/compose.yaml call registered Compose commands with the file', async () => {
    const doc = await vscode.workspace.openTextDocument(example('compose.yaml'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const berthLenses = lenses.filter((l) => l.command?.command.startsWith('berth.compose.'));
    assert.deepEqual(
      berthLenses.map((l) => [l.command!.command, ...(l.command!.arguments ?? []).slice(1)]),
      [['berth.compose.up'], ['berth.compose.upService', 'web'], ['berth.compose.upService', 'cache']],
    );
    assert.equal(berthLenses[0].command!.arguments![0], doc.uri.fsPath);
    const registered = await vscode.commands.getCommands(true);
    for (const l of berthLenses)
      assert.ok(registered.includes(l.command!.command), `${l.command!.command} is registered`);
  });

  test('a misspelt key and an undefined service are reported, and clear once fixed', async () => {
    const doc = await vscode.workspace.openTextDocument(copy);
    await vscode.window.showTextDocument(doc);
    original = doc.getText();
    const broken = original
      .replace('restart: unless-stopped', 'restrat: unless-stopped')
      .replace('cache:\n        condition', 'cahce:\n        condition');
    assert.notEqual(broken, original);
    await setText(broken);
    const diags = await waitForDiagnostics(
      copy,
      (d) => d.some((x) => codeOf(x) === 'unknown-key') && d.some((x) => codeOf(x) === 'undefined-service'),
    );
    const typo = diags.find((x) => codeOf(x) === 'unknown-key')!;
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    assert.match(typo.message, /Did you mean "restart"/);
    assert.equal(typo.range.start.line, endOf(broken, 'restrat').line);
    await setText(original);
    const clean = await waitForDiagnostics(
      copy,
      (d) => !d.some((x) => codeOf(x) === 'unknown-key' || codeOf(x) === 'undefined-service'),
    );
    assert.deepEqual(
      clean.filter((x) => x.severity === vscode.DiagnosticSeverity.Error).map((x) => x.message),
      [],
      'the example itself is clean',
    );
  });

  test('completion lists the service keys not yet present, on a new line of a service', async () => {
    const text = original.replace('    image: busybox:latest\n', '    image: busybox:latest\n    \n');
    await setText(text);
    const labels = await labelsAt(copy, new vscode.Position(endOf(text, 'image: busybox:latest').line + 1, 4));
    for (const key of ['healthcheck', 'environment', 'ports', 'deploy'])
      assert.ok(labels.includes(key), `${key} offered; got ${labels.slice(0, 20).join(', ')}…`);
    for (const present of ['image', 'command', 'volumes', 'networks'])
      assert.ok(!labels.includes(present), `${present} is already there`);
  });

  test('an accepted key snippet is indented under its service', async () => {
    const text = original.replace('    image: busybox:latest\n', '    image: busybox:latest\n    heal\n');
    await setText(text);
    const position = endOf(text, '    heal');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      copy,
      position,
    );
    const item = list.items.find((i) => i.label === 'healthcheck');
    assert.ok(item && item.insertText instanceof vscode.SnippetString, 'healthcheck comes as a snippet');
    const range = item.range instanceof vscode.Range ? item.range : item.range!.replacing;
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copy));
    assert.ok(await editor.insertSnippet(item.insertText, range));
    const lines = editor.document.getText().split('\n');
    const at = lines.findIndex((l) => l === '    healthcheck:');
    assert.ok(
      at >= 0,
      `the key replaced the typed word: ${JSON.stringify(lines.slice(position.line - 1, position.line + 3))}`,
    );
    assert.equal(lines[at + 1], '      ', 'the cursor line is indented one level deeper');
  });

  test('key documentation arrives when VS Code resolves an item, and only then', async () => {
    const text = original.replace('    image: busybox:latest\n', '    image: busybox:latest\n    heal\n');
    await setText(text);
    const position = endOf(text, '    heal');
    const complete = (resolve: number) =>
      vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        copy,
        position,
        undefined,
        resolve,
      );
    const documentation = (list: vscode.CompletionList) => {
      const item = list.items.find((i) => i.label === 'healthcheck');
      assert.ok(item, 'healthcheck offered');
      const d = item.documentation;
      return typeof d === 'string' ? d : d?.value;
    };
    // The server sends no documentation with the list (completionItem/resolve brings it)...
    assert.equal(documentation(await complete(0)), undefined, 'documentation is not sent with the list');
    // ...and resolving every item brings the key's own description.
    const resolved = await complete(1000);
    assert.match(documentation(resolved) ?? '', /healthy/, 'the resolved item documents the key');
  });
});
