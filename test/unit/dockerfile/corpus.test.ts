// The corpus: real-world-style Dockerfiles (Go/Node/Python/Java/Rust/.NET/Ruby/PHP/Elixir builds, Debian and Alpine
// installs, heredocs, Windows escape and PowerShell) with their expected diagnostics in expected.json
// ("<line>:<code>" with default settings). Buildable files must get no Error and at most two warnings.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validateDockerfile } from '../../../server/src/dockerfile/diagnostics';

const DIR = path.resolve(__dirname, '../../fixtures/dockerfile-corpus');
const EXPECTED = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, string[]>;
/** Files written to be rejected by the builder. */
const BROKEN = new Set([
  'bad-flags',
  'broken-typos',
  'directives-bad',
  'instruction-before-from',
  'onbuild-invalid',
  'unterminated-heredoc',
  'wrong-copy-from',
]);
/** Buildable files written to show many bad practices at once. */
const DELIBERATELY_POOR = new Set(['legacy-style']);

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort();

describe('Dockerfile corpus', () => {
  it('has at least 50 Dockerfiles, each with expectations', () => {
    assert.ok(files.length >= 50, `${files.length} files`);
    assert.deepEqual(
      files.filter((f) => !(f in EXPECTED)),
      [],
    );
    assert.deepEqual(
      Object.keys(EXPECTED).filter((f) => !files.includes(f)),
      [],
    );
  });

  for (const file of files) {
    it(file, () => {
      const diags = validateDockerfile(readFileSync(path.join(DIR, file), 'utf8'), {
        onRuleError: (_f, e) => {
          throw e;
        },
      });
      const got = [...new Set(diags.map((d) => `${d.range.start.line + 1}:${String(d.code)}`))];
      assert.deepEqual(
        got,
        EXPECTED[file],
        diags.map((d) => `${d.range.start.line + 1}: ${String(d.code)} ${d.message}`).join('\n'),
      );
      const name = file.replace(/\.Dockerfile$/, '');
      const errors = diags.filter((d) => d.severity === DiagnosticSeverity.Error);
      if (BROKEN.has(name)) assert.ok(errors.length > 0, 'a broken file must get an Error');
      else {
        assert.deepEqual(
          errors.map((d) => d.message),
          [],
          'a buildable file gets no Error',
        );
        if (!DELIBERATELY_POOR.has(name))
          assert.ok(
            diags.filter((d) => d.severity === DiagnosticSeverity.Warning).length <= 2,
            'few warnings on a buildable file',
          );
      }
    });
  }
});
