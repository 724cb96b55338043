// Runs inside the VS Code extension host: loads the compiled files of one suite next to this file into mocha (TDD
// UI) and reports a closing line test/vscode-runner.mjs adds up. BERTH_VSCODE_SUITE (set by the runner) picks it:
// `workspace` (default) loads *.test.js, `untrusted` loads *.untrusted.js (workspace trust on, an untrusted folder),
// `zh-cn` loads *.zh-cn.js (the workbench in Chinese).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    timeout: 60_000,
    color: false,
    reporter: 'spec',
    rootHooks: {
      // A test that fails half-way may leave prompt answers queued; they must not answer the next test's questions.
      afterEach(this: Mocha.Context) {
        // exports throws while Berth is not active (a test that waits for VS Code to activate it may fail first).
        const ext = vscode.extensions.getExtension<BerthApi>('berth.berth');
        const api = ext?.isActive ? ext.exports : undefined;
        const left = api?.prompts.clearAnswers() ?? 0;
        if (left)
          console.warn(`[${this.currentTest?.fullTitle()}] left ${left} queued prompt answer(s) unused; cleared`);
      },
    },
  });
  const only = process.env.BERTH_VSCODE_TESTS?.split(',').filter(Boolean);
  const suite = process.env.BERTH_VSCODE_SUITE ?? 'workspace';
  const suffix = suite === 'untrusted' ? '.untrusted.js' : suite === 'zh-cn' ? '.zh-cn.js' : '.test.js';
  for (const f of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(suffix))
    .sort()) {
    if (!only || only.some((o) => f.startsWith(o))) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      console.log(`vscode[${suite}]: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else if (passes === 0) reject(new Error('no extension-host test ran'));
      else resolve();
    });
  });
}
