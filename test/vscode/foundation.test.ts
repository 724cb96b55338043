// Berth in a real VS Code: activation, the language server's diagnostics, the view container.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, example, until, waitForDiagnostics } from './support';

suite('foundation', () => {
  test('activates cheaply, and starts the language server early because examples/ holds container files', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'Berth is installed');
    const wasActive = ext.isActive;
    const t0 = performance.now();
    const api = await ext.activate();
    const total = performance.now() - t0;
    // Printed for the issue note: module load + activate(), measured in the real extension host.
    console.log(
      `activation: Berth's own cost (bundle evaluation + activate()) ${api.loadAndActivationMs.toFixed(1)} ms (activate() alone ${api.activationMs.toFixed(1)} ms); ` +
        `${wasActive ? 'already active' : `extension host's activate request ${total.toFixed(1)} ms`}`,
    );
    // The workspace (examples/) holds Dockerfiles and a compose file, so Berth activated at startup
    // (workspaceContains) and its look at the workspace asks for the server, with no document open. A suite that runs
    // first (commands) may ask for it sooner, when the window is slow to answer that look: then the start it asked
    // for serves both, and startedBy() names that suite's request.
    await until(() => api.language.askedBy().has('workspace') || undefined, 'the workspace to ask for the server');
    assert.ok(
      api.language.isRunning(),
      `the server starts (first asked for by: ${api.language.startedBy() ?? 'nothing'})`,
    );
  });

  test('the Berth view container and its views are registered', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.deepEqual(
      manifest.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id),
      ['berth'],
    );
    await vscode.commands.executeCommand('workbench.view.extension.berth');
    const all = await vscode.commands.getCommands(true);
    for (const view of ['containers', 'images', 'volumes', 'networks', 'registries']) {
      assert.ok(all.includes(`berth.${view}.focus`), `view berth.${view} is registered`);
    }
  });

  test('a broken Dockerfile from examples/ gets the server’s diagnostic', async () => {
    const doc = await vscode.workspace.openTextDocument(example('broken', 'Dockerfile'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'dockerfile');
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('RUNN'));
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.range.start.line === line));
    const typo = diags.find((x) => x.range.start.line === line)!;
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    assert.match(typo.message, /RUNN/);
  });

  test('compose files get the dockercompose language and YAML errors', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'dockercompose',
      content: 'services:\n  web:\n    image: "oops\n',
    });
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length > 0);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    const real = await vscode.workspace.openTextDocument(example('compose.yaml'));
    assert.equal(real.languageId, 'dockercompose');
  });
});
