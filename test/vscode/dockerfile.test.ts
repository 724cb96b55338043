// The Dockerfile language service in a real VS Code: diagnostics on examples/broken/Dockerfile, quick fixes applied
// through VS Code's own code-action command, and the editing features on examples/Dockerfile through VS Code's
// provider commands. Edits are made in memory only and reverted, so the example files on disk never change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { berth, example, waitForDiagnostics } from './support';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

async function open(file: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(example(...file.split('/')));
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'dockerfile');
  return doc;
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

suite('Dockerfile language service', () => {
  suiteSetup(async () => {
    await open('broken/Dockerfile');
    await (await berth()).language.ensureStarted();
  });

  test('diagnostics of the broken example, and the MAINTAINER quick fix applied through VS Code', async () => {
    const doc = await open('broken/Dockerfile');
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'MaintainerDeprecated') && d.some((x) => codeOf(x) === 'UnknownInstruction'),
    );
    const unknown = diags.find((x) => codeOf(x) === 'UnknownInstruction')!;
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown.message, /RUNN/);
    const maintainer = diags.find((x) => codeOf(x) === 'MaintainerDeprecated')!;
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        maintainer.range,
      );
      const fix = actions.find((a) => /org\.opencontainers\.image\.authors/.test(a.title));
      assert.ok(fix?.edit, `a MAINTAINER fix among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const text = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString())!.getText();
      assert.match(text, /\nLABEL org\.opencontainers\.image\.authors="someone@example\.com"\n/);
      assert.doesNotMatch(text, /MAINTAINER/);
      await waitForDiagnostics(
        doc.uri,
        (d) =>
          !d.some((x) => codeOf(x) === 'MaintainerDeprecated') && d.some((x) => codeOf(x) === 'UnknownInstruction'),
      );
    } finally {
      await revert(doc);
    }
  });

  test('the did-you-mean fix for an unknown instruction, and a hadolint suppression comment', async () => {
    const doc = await open('broken/Dockerfile');
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'UnknownInstruction') && d.some((x) => codeOf(x) === 'DL3007'),
    );
    try {
      const unknown = diags.find((x) => codeOf(x) === 'UnknownInstruction')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        unknown.range,
      );
      const fix = actions.find((a) => a.title.includes('"RUN"'));
      assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const latest = diags.find((x) => codeOf(x) === 'DL3007')!;
      const more = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        latest.range,
      );
      const ignore = more.find((a) => /hadolint ignore/.test(a.title));
      assert.ok(ignore?.edit, more.map((a) => a.title).join(' | '));
      assert.ok(await vscode.workspace.applyEdit(ignore.edit));
      const text = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString())!.getText();
      assert.match(text, /\n# hadolint ignore=DL3007\nFROM busybox:latest\n/);
      assert.match(text, /\nRUN echo "typo in the instruction"\n/);
      await waitForDiagnostics(
        doc.uri,
        (d) => !d.some((x) => ['UnknownInstruction', 'DL3007'].includes(String(codeOf(x)))),
      );
    } finally {
      await revert(doc);
    }
  });

  test('completion, hover, rename, symbols and formatting on the example Dockerfile', async () => {
    const doc = await open('Dockerfile');
    const lines = doc.getText().split('\n');
    const copyFrom = lines.findIndex((l) => l.startsWith('COPY --from=build'));
    assert.ok(copyFrom > 0);
    const onStage = new vscode.Position(copyFrom, 'COPY --from=bu'.length);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      onStage,
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /Stage 0.*`build`/s);

    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      onStage,
    );
    const def = defs[0] as vscode.Location;
    assert.equal(
      def.range.start.line,
      lines.findIndex((l) => l.includes('AS build')),
    );

    const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      doc.uri,
      onStage,
      'compile',
    );
    assert.equal(rename.get(doc.uri).length, 2, 'AS build and --from=build');

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      doc.uri,
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['ARG BASE_IMAGE', 'build', 'runtime'],
    );

    const afterMount = new vscode.Position(copyFrom, 'COPY --from='.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      afterMount,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('build') && labels.includes('0'), `stages offered; got ${labels.join(', ')}`);

    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      doc.uri,
      { tabSize: 1, insertSpaces: true },
    );
    assert.ok(Array.isArray(edits));
    assert.ok(
      edits.every((e) => e.newText.trim() === ''),
      'the example is already formatted except for indentation choices',
    );
  });

  // (Inside RUN bodies VS Code applies the shell's rules: package.json maps the embedded shell to shellscript.)
  test('language configurations: Enter indents a continuation and outdents after it; # comments toggle in .dockerignore', async () => {
    const ignore = await vscode.workspace.openTextDocument({ language: 'ignore-docker', content: 'node_modules' });
    const ed2 = await vscode.window.showTextDocument(ignore);
    ed2.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('editor.action.commentLine');
    const commented = ignore.getText();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(commented, '# node_modules');

    const df = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM busybox\nLABEL a=1 \\',
    });
    const editor = await vscode.window.showTextDocument(df);
    try {
      editor.selection = new vscode.Selection(1, df.lineAt(1).text.length, 1, df.lineAt(1).text.length);
      await vscode.commands.executeCommand('type', { text: '\n' });
      assert.match(df.lineAt(2).text, /^[ \t]+$/, `the continuation line is indented: ${JSON.stringify(df.getText())}`);
      await vscode.commands.executeCommand('type', { text: 'b=2\n' });
      assert.equal(df.lineAt(3).text, '', `the next instruction starts at the margin: ${JSON.stringify(df.getText())}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
