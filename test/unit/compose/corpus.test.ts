// The corpus: compose files mirroring real projects under test/fixtures/compose-corpus. Valid ones must get no Error
// and no Warning; broken ones (first line `# expect: code, …`) must get exactly those codes (hints included).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { composeDiagnostics } from '../../../server/src/compose/diagnostics';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { CORPUS, corpusFiles, diskFiles } from './helpers';

function diagnoseFile(file: string) {
  const text = readFileSync(file, 'utf8');
  return composeDiagnostics(parseCompose(text, pathToFileURL(file).toString()), diskFiles(), { withProcessEnv: false });
}

describe('compose corpus', () => {
  const valid = corpusFiles('valid');
  const broken = corpusFiles('broken');
  it('holds at least 40 compose files', () =>
    assert.ok(valid.length + broken.length >= 40, `${valid.length} + ${broken.length}`));
  for (const file of valid) {
    it(`valid: ${path.relative(CORPUS, file)} has no Error and no Warning`, () => {
      const findings = diagnoseFile(file)
        .filter((d) => d.severity! <= 2)
        .map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`);
      assert.deepEqual(findings, []);
    });
  }
  for (const file of broken) {
    const header = /^# expect: (.*)$/m.exec(readFileSync(file, 'utf8').split('\n')[0]);
    const expected = header
      ? header[1]
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .sort()
      : [];
    it(`broken: ${path.relative(CORPUS, file)} gets exactly ${expected.join(', ') || 'nothing'}`, () => {
      const got = diagnoseFile(file);
      assert.deepEqual(
        got.map((d) => String(d.code)).sort(),
        expected,
        got.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`).join('\n'),
      );
    });
  }
});

describe('examples/compose.yaml', () => {
  it('gets no Error and no Warning (with examples/.env and examples/Dockerfile)', () => {
    const file = path.resolve(__dirname, '../../../examples/compose.yaml');
    assert.deepEqual(
      diagnoseFile(file).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`),
      [],
    );
  });
});
