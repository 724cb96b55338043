// Berth in a workbench whose display language is Chinese (the runner's zh-cn launch, test/vscode-runner.mjs: a
// minimal zh-cn language pack installed and code-server started with --locale zh-cn; scripts/language-pack.mjs).
// VS Code hands the extension its package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json; these tests check that
// what the user sees comes from them: a view title and a command title from the manifest, a prompt's validation
// message from the UI code (vscode.l10n), and an error from the engine layer (@vscode/l10n, given VS Code's bundle
// at activation).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { berth, example, EXTENSION_ID } from './support';

const root = process.env.BERTH_REPO_ROOT ?? path.resolve(__dirname, '..', '..', '..');
const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8')) as Record<string, string>;
const zhBundle = readJson('l10n/bundle.l10n.zh-cn.json');
const zhManifest = readJson('package.nls.zh-cn.json');

/** The Chinese text for an English client string, failing when the bundle lacks it. */
function zh(english: string): string {
  const text = zhBundle[english];
  assert.ok(text && text !== english, `l10n/bundle.l10n.zh-cn.json translates ${JSON.stringify(english)}`);
  return text;
}

suite('the workbench in Chinese (zh-cn)', () => {
  suiteSetup(async () => {
    await berth();
  });

  test('VS Code runs in zh-cn and gives Berth its Chinese bundle', () => {
    assert.equal(vscode.env.language, 'zh-cn');
    assert.ok(vscode.l10n.bundle, 'vscode.l10n.bundle is set');
    assert.equal(vscode.l10n.bundle['No container is running.'], zh('No container is running.'));
  });

  test('the Containers view and the Build Image command have their Chinese titles', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: {
        views: { berth: { id: string; name: string }[] };
        // VS Code keeps a localised command title beside its English original.
        commands: { command: string; title: string | { value: string; original: string } }[];
      };
    };
    const view = manifest.contributes.views.berth.find((v) => v.id === 'berth.containers');
    assert.equal(view?.name, zhManifest['berth.containers.name']);
    assert.equal(view?.name, '容器');
    const build = manifest.contributes.commands.find((c) => c.command === 'berth.images.build')?.title;
    assert.deepEqual(build, { value: zhManifest['berth.images.build.title'], original: 'Build Image…' });
    assert.deepEqual(build, { value: '构建镜像…', original: 'Build Image…' });
  });

  test("a prompt's validation message is Chinese (vscode.l10n in the UI code)", async () => {
    const api = await berth();
    const dockerfile = vscode.Uri.file(example('l10n-zh', 'Dockerfile'));
    await vscode.workspace.fs.writeFile(dockerfile, Buffer.from('FROM scratch\n'));
    api.prompts.answerNextPrompts(['Not A Valid Tag!']);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('berth.images.build', dockerfile)),
      (e: Error) => {
        assert.equal(
          e.message,
          `test answer "Not A Valid Tag!" rejected: ${zh('lower-case name[:tag], e.g. myapp:latest')}`,
        );
        return true;
      },
    );
  });

  test('an engine-layer error is Chinese (@vscode/l10n configured from the bundle VS Code chose)', async () => {
    const api = await berth();
    const folder = example('l10n-zh');
    const dockerfile = vscode.Uri.file(path.join(folder, 'Dockerfile'));
    await vscode.workspace.fs.writeFile(dockerfile, Buffer.from('FROM scratch\n'));
    // An unclosed "[" class: the builder cannot compile the pattern, and Berth says so before sending anything.
    await vscode.workspace.fs.writeFile(vscode.Uri.file(path.join(folder, '.dockerignore')), Buffer.from('cache[\n'));
    api.prompts.answerNextPrompts(['l10n-zh:test', 'l10n-zh', []]);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('berth.images.build', dockerfile)),
      (e: Error) => {
        const english =
          '.dockerignore has a pattern the builder cannot compile (syntax error in pattern): {0}. Close its "[" class or remove the trailing "\\".';
        assert.equal(e.message, zh(english).replace('{0}', 'cache['));
        return true;
      },
    );
  });
});
