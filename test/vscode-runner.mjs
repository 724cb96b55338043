// The vscode layer: runs test/vscode/*.test.ts (compiled by scripts/build.mjs to out/test/vscode/) inside a real
// VS Code extension host, through @vscode/test-electron's runTests, with a copy of examples/ as the open folder.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-vscode-layer-'));
// The suite works on a copy of examples/: whatever a test edits or saves can never change the repository.
const workspace = path.join(scratch, 'examples');
cpSync(path.join(root, 'examples'), workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: path.join(root, 'scripts/vscode-test-host.mjs'),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/vscode/index.js'),
    launchArgs: [workspace, `--user-data-dir=${path.join(scratch, 'user-data')}`, `--extensions-dir=${path.join(scratch, 'extensions')}`],
    extensionTestsEnv: { BERTH_REPO_ROOT: root },
  });
} catch (e) {
  console.error(`[vscode] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
