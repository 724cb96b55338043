import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { IgnoreMatcher } from '../../../server/src/dockerignore/matcher';
import { TOKEN_TYPES } from '../../../server/src/lsp/adapter';
import {
  dockerignoreDiagnostics,
  dockerignoreTokens,
  parseDockerignore,
  patternProblem,
} from '../../../server/src/dockerignore/service';

/** Decodes LSP's relative token data into [line, char, text-type] triples for readable assertions. */
function decode(text: string, data: number[]): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0,
    char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push(`${lines[line].slice(char, char + data[i + 2])}:${TOKEN_TYPES[data[i + 3]]}`);
  }
  return out;
}

describe('.dockerignore', () => {
  const text = '# build output\n**/*.log\n  !keep/*.log  \nsrc/[a-c]?.tmp\n';

  it('tells comments, patterns and exceptions apart, with the pattern columns', () => {
    const lines = parseDockerignore(text);
    assert.deepEqual(
      lines.map((l) => [l.line, l.kind, l.bang, l.text]),
      [
        [0, 'comment', undefined, '# build output'],
        [1, 'pattern', undefined, '**/*.log'],
        [2, 'pattern', 2, 'keep/*.log'],
        [3, 'pattern', undefined, 'src/[a-c]?.tmp'],
      ],
    );
    assert.equal(text.split('\n')[2].slice(lines[2].start, lines[2].end), 'keep/*.log');
  });

  it('gives tokens for comments, the exception mark, wildcards, classes and literal parts', () => {
    assert.deepEqual(decode(text, dockerignoreTokens(parseDockerignore(text)).data), [
      '# build output:comment',
      '**:regexp',
      '/:string',
      '*:regexp',
      '.log:string',
      '!:operator',
      'keep/:string',
      '*:regexp',
      '.log:string',
      'src/:string',
      '[a-c]:regexp',
      '?:regexp',
      '.tmp:string',
    ]);
  });

  it('flags patterns the builder cannot compile, and only those', () => {
    assert.match(patternProblem('src/[abc')!.message, /never closed/);
    assert.match(patternProblem('trailing\\')!.message, /cannot end/);
    assert.match(patternProblem('[z-a]')!.message, /runs backwards/);
    // `[!]` is a class holding "!" for the builder (Go's regexp negates with ^ only); `a[/../b` is cleaned to `b`.
    for (const ok of ['**/*.go', '[!x]y', 'a\\[b', 'node_modules', '*.[ch]', '[!]', '[]a]', 'a[/../b', '[a-a]'])
      assert.equal(patternProblem(ok), undefined, ok);
    // The editor's verdict is the build context's: a pattern is flagged exactly when the matcher cannot compile it.
    for (const p of ['[!]', '[z-a]', 'x[', 'a\\', 'a[/../b', '[^]', '[]', '**/[a-c]/x'])
      assert.equal(patternProblem(p) !== undefined, new IgnoreMatcher([p]).invalid.length > 0, p);
    const d = dockerignoreDiagnostics(parseDockerignore('ok/*\nbad/[x\n!\n'));
    assert.deepEqual(
      d.map((x) => [x.code, x.range.start.line, x.range.start.character]),
      [
        ['InvalidIgnorePattern', 1, 4],
        ['EmptyException', 2, 0],
      ],
    );
  });
});
