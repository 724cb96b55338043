// The layer rules in eslint.config.mjs reject what they exist to reject: each case lints a line of code as if it
// stood in a given file of the project, with the project's own configuration, and expects the named rule to fire
// (or not). Guards against a rule that silently matches nothing after a pattern or folder changes.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.message);
}

const cases: Array<[file: string, code: string, expected: RegExp | undefined]> = [
  // Server language code stays transport-free.
  ['server/src/compose/x.ts', "import { createConnection } from 'vscode-languageserver/node';", /transport-free/],
  ['server/src/dockerfile/x.ts', "import { ResponseError } from 'vscode-languageserver';", /transport-free/],
  ['server/src/dockerignore/x.ts', "import type { Range } from 'vscode-languageserver-types';", undefined],
  ['server/src/lsp/x.ts', "import { TextDocuments } from 'vscode-languageserver';", undefined],
  // A language's parse layer never imports its features.
  ['server/src/dockerfile/parse/x.ts', "import { complete } from '../completion';", /parse layer is below/],
  ['server/src/dockerfile/parse/x.ts', "import { RULES } from '../rules/catalog';", /parse layer is below/],
  ['server/src/compose/parse/fast-yaml/x.ts', "import { hover } from '../../hover';", /parse layer is below/],
  ['server/src/compose/parse/fast-yaml/x.ts', "import { parseDocument } from '../document';", undefined],
  ['server/src/dockerfile/parse/x.ts', "import { parse } from './parser';", undefined],
  ['server/src/dockerfile/parse/x.ts', "import { ModelCache } from '../../lsp/adapter';", undefined],
  [
    'server/src/dockerfile/parse/x.ts',
    "import { createConnection } from 'vscode-languageserver/node';",
    /transport-free/,
  ],
  // The engine layer is below the views and commands.
  ['client/src/engine/x.ts', "import * as vscode from 'vscode';", /plain Node/],
  ['client/src/engine/x.ts', "import { log } from '../harbor/log';", /below the views/],
  ['client/src/engine/x.ts', "import { ExplorerStore } from '../explorer/store';", /below the views/],
  ['client/src/engine/x.ts', "import { engine } from '../commands/shared';", /below the views/],
  ['client/src/engine/x.ts', "import Docker from 'dockerode';", undefined],
  // Views and commands reach the engine only through Engine.
  ['client/src/commands/x.ts', "import type Docker from 'dockerode';", /Only client\/src\/engine talks to dockerode/],
  [
    'client/src/harbor/x.ts',
    'export const d = (e: { docker: unknown }) => e.docker;',
    /dockerode is for client\/src\/engine/,
  ],
  [
    'client/src/explorer/x.ts',
    'export const f = (engine: { call(x: unknown): unknown }) => engine.call(0);',
    /engine\.call/,
  ],
  // The client reads the server only through server/src/common.
  [
    'client/src/commands/x.ts',
    "import { projectFileUris } from '../../../server/src/compose/env';",
    /server\/src\/common/,
  ],
  [
    'client/src/engine/x.ts',
    "import { readIgnoreFile } from '../../../server/src/dockerignore/matcher';",
    /server\/src\/common/,
  ],
  ['client/src/language/x.ts', "import { ENGINE_IMAGES_NOTIFICATION } from '../../../server/src/common';", undefined],
];

describe('layer rules', () => {
  before(() => {
    // The cases are imagined files, which the type-aware rules cannot type (no program holds them): those rules are
    // turned off here, and the layer rules, which read the syntax alone, run as configured.
    eslint = new ESLint({
      cwd: root,
      overrideConfig: {
        files: ['**/*.ts'],
        languageOptions: { parserOptions: { projectService: false } },
        rules: {
          '@typescript-eslint/no-floating-promises': 'off',
          '@typescript-eslint/no-misused-promises': 'off',
          '@typescript-eslint/switch-exhaustiveness-check': 'off',
        },
      },
    });
  });
  for (const [file, code, expected] of cases) {
    it(`${file}: ${code}`, async () => {
      const found = await problems(file, code);
      if (expected)
        assert.ok(
          found.some((m) => expected.test(m)),
          `expected ${expected}, got ${JSON.stringify(found)}`,
        );
      else assert.deepEqual(found, []);
    });
  }
});
