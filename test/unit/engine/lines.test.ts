// The shared line splitter: lines across chunks, \r\n, multi-byte characters across Buffer chunks, and a stream that
// never sends a newline (a `\r` progress bar) costing linear time with a bounded remainder.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LineSplitter } from '../../../client/src/engine/lines';

const collect = (max?: number) => {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l), { maxLineLength: max });
  return { s, lines };
};

describe('line splitter', () => {
  it('joins a line split across chunks and splits several lines in one chunk', () => {
    const { s, lines } = collect();
    s.push('ab');
    s.push('c');
    s.push('d\nef\ng');
    assert.deepEqual(lines, ['abcd', 'ef']);
    s.push('h\n');
    assert.deepEqual(lines, ['abcd', 'ef', 'gh']);
    assert.equal(s.remainderLength, 0);
  });

  it('strips \\r\\n, also when \\r and \\n arrive in different chunks; keeps empty lines', () => {
    const { s, lines } = collect();
    s.push('one\r\ntwo\r');
    s.push('\n\r\nthree');
    s.end();
    assert.deepEqual(lines, ['one', 'two', '', 'three']);
  });

  it('emits the unfinished rest at the end, and nothing when there is none', () => {
    const { s, lines } = collect();
    s.push('a\nb');
    s.end();
    s.end();
    assert.deepEqual(lines, ['a', 'b']);
  });

  it('keeps a UTF-8 character whose bytes arrive in two Buffer chunks', () => {
    const { s, lines } = collect();
    const bytes = Buffer.from('größe\n', 'utf8');
    s.push(bytes.subarray(0, 3)); // 'g', 'r' and the first byte of 'ö'
    s.push(bytes.subarray(3));
    assert.deepEqual(lines, ['größe']);
  });

  it('bounds the remainder: a line longer than the limit comes out in pieces of the limit', () => {
    const { s, lines } = collect(10);
    s.push('0123456');
    s.push('789abcdef');
    assert.deepEqual(lines, ['0123456789']);
    assert.equal(s.remainderLength, 6);
    s.push('\n');
    assert.deepEqual(lines, ['0123456789', 'abcdef']);
  });

  it('reads 10 MB without a newline in 1 KiB pieces in linear time, holding at most 1 MiB', () => {
    const { s, lines } = collect();
    const piece = `${'x'.repeat(1023)}\r`;
    let most = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < 10 * 1024; i++) {
      s.push(piece);
      most = Math.max(most, s.remainderLength);
    }
    s.end();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(most <= 1024 * 1024, `remainder grew to ${most}`);
    assert.equal(lines.length, 10, 'ten lines of 1 MiB each');
    assert.ok(lines.every((l) => l.length <= 1024 * 1024));
    assert.equal(
      lines.reduce((n, l) => n + l.length, 0),
      10 * 1024 * 1024 - 1,
      'all of it, less the trailing \\r',
    );
    // Re-splitting the growing remainder per chunk takes minutes for this; the splitter takes milliseconds.
    assert.ok(ms < 3000, `took ${ms} ms`);
  });
});
