// Activation once the window has started (package.json: onStartupFinished), in the runner's second launch: a folder
// with no container file and nothing open, so no other activation event applies. Runs before any suite that activates
// Berth itself (files load in name order). Why Berth activates there at all: a window whose first Dockerfile activates
// Berth waits for VS Code's activation (its extension context, from a window busy opening the editor) on top of the
// server's start, about a second instead of about 400 ms (bench/activation).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import { LANGUAGE_IDS } from '../../client/src/language/client';
import { EXTENSION_ID, until } from './support';

suite('activation in a window without container files', () => {
  test('Berth activates once the window has started, and starts no language server until a container file opens', async () => {
    const ext = vscode.extensions.getExtension<BerthApi>(EXTENSION_ID);
    assert.ok(ext, 'Berth is installed');
    assert.equal(
      vscode.workspace.textDocuments.some((d) => (LANGUAGE_IDS as readonly string[]).includes(d.languageId)),
      false,
      'no container file is open',
    );
    await until(() => ext.isActive, 'VS Code to activate Berth without being asked (onStartupFinished)', 30_000);
    const api = ext.exports;
    // The look for container files runs at activation: give it time to find none before asking about the server.
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(
      api.language.isRunning(),
      false,
      `the server did not start (asked by: ${[...api.language.askedBy()]})`,
    );
  });
});
