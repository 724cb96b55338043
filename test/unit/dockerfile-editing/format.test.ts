import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../server/src/dockerfile/parse/document';
import { formatEdits, onTypeEdits } from '../../../server/src/dockerfile/format';
import { applyEdits } from './cursor';

const spaces = { tabSize: 4, insertSpaces: true };
const fmt = (text: string, from?: number, to?: number) =>
  applyEdits(text, formatEdits(parseDockerfile(text), spaces, from, to));

describe('Dockerfile formatting', () => {
  it('upper-cases keywords and AS, indents continuations, trims, and leaves heredoc bodies alone', () => {
    const text = [
      '  from alpine as build   ',
      '   # a comment',
      'run apk add \\',
      'curl \\',
      '\t\t  git',
      'copy <<EOF /etc/x',
      '  keep   ',
      '\tthis',
      'EOF',
      'onbuild run true',
      '   ',
    ].join('\n');
    assert.equal(
      fmt(text),
      [
        'FROM alpine AS build',
        '# a comment',
        'RUN apk add \\',
        '    curl \\',
        '    git',
        'COPY <<EOF /etc/x',
        '  keep   ',
        '\tthis',
        'EOF',
        'ONBUILD RUN true',
        '',
      ].join('\n'),
    );
  });

  it('is idempotent, and formats only the requested range', () => {
    const once = fmt('from a\nrun x \\\n y\nrun z');
    assert.equal(fmt(once), once);
    assert.equal(fmt('from a\nrun x\nrun y', 1, 1), 'from a\nRUN x\nrun y');
  });

  it('uses tabs when asked, and the backtick escape', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n  && echo ok';
    assert.equal(
      applyEdits(text, formatEdits(parseDockerfile(text), { tabSize: 4, insertSpaces: false })),
      text.replace('\n  && echo', '\n\t&& echo'),
    );
  });

  it('indents the new line after Enter on a continued line, and upper-cases the keyword on the escape character', () => {
    const text = 'FROM alpine\nRUN apk add \\\n';
    const edits = onTypeEdits(parseDockerfile(text), { line: 2, character: 0 }, '\n', spaces);
    assert.equal(applyEdits(text, edits), 'FROM alpine\nRUN apk add \\\n    ');
    assert.deepEqual(
      onTypeEdits(parseDockerfile('FROM alpine\nRUN true\n'), { line: 2, character: 0 }, '\n', spaces),
      [],
    );
    const esc = 'FROM alpine\nrun apk add \\';
    assert.equal(
      applyEdits(esc, onTypeEdits(parseDockerfile(esc), { line: 1, character: 13 }, '\\', spaces)),
      'FROM alpine\nRUN apk add \\',
    );
  });
});
