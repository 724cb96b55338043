// In a workbench whose display language is Chinese, Berth's language server answers in Chinese: the client passes
// VS Code's display language (vscode.env.language) to the server, which reads its own bundle (server/l10n/). The
// expected texts come from that bundle; rule codes stay as they are.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { berth, example, waitForDiagnostics } from './support';

const root = process.env.BERTH_REPO_ROOT ?? path.resolve(__dirname, '..', '..', '..');
const serverZh = JSON.parse(fs.readFileSync(path.join(root, 'server/l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

suite('the language server in a Chinese workbench (zh-cn)', () => {
  const folder = example('l10n-server-check');
  const file = vscode.Uri.file(path.join(folder, 'Dockerfile'));

  suiteSetup(async () => {
    await berth();
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(file.fsPath, 'FROM alpine:3.20 AS Build\nRUNN echo hi\n');
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('a Dockerfile gets its diagnostics in Chinese, with their codes', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const diags = await waitForDiagnostics(file, (d) => d.some((x) => codeOf(x) === 'UnknownInstruction'));
    const unknown = diags.find((x) => codeOf(x) === 'UnknownInstruction')!;
    const expected = serverZh['Unknown instruction: {0}{1}']!.replace(
      '{0}{1}',
      `RUNN${serverZh[' (did you mean {0}?)']!.replace('{0}', 'RUN')}`,
    );
    assert.equal(unknown.message, expected);
    const casing = diags.find((x) => codeOf(x) === 'StageNameCasing');
    assert.equal(casing?.message, serverZh['Stage name "{0}" should be lowercase.']!.replace('{0}', 'Build'));
  });

  test('hover on FROM shows the Chinese documentation', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      file,
      new vscode.Position(0, 1),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    const summary =
      serverZh[
        'Starts a new build stage on top of an image (or an earlier stage). Every stage begins with FROM; `AS name` lets later stages and `COPY --from` refer to it.'
      ]!;
    assert.ok(text.includes(summary), text);
  });
});
