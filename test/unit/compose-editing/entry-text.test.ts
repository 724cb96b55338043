// The hover snippet of a definition (compose/hover.ts entryText) reads only the lines of the entry. It must give what
// reading the whole text line by line gives; that plain reading is written out here as the specification.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { entryText } from '../../../server/src/compose/hover';
import { propertyParams, propertyRuns } from '../../support/property-seed';

function entryTextByLines(text: string, offset: number, maxLines = 20): string {
  const lines = text.split('\n');
  let line = text.slice(0, offset).split('\n').length - 1;
  const indent = (s: string) => s.length - s.trimStart().length;
  const first = lines[line] ?? '';
  const base = indent(first);
  const out = [first.slice(base)];
  while (++line < lines.length && out.length < maxLines) {
    const l = lines[line] ?? '';
    if (l.trim() && indent(l) <= base) break;
    out.push(l.slice(Math.min(base, indent(l))));
  }
  while (out.length > 1 && !out.at(-1)?.trim()) out.pop();
  if (out.length === maxLines) out.push('…');
  return out.join('\n');
}

describe('compose hover: a definition’s snippet', () => {
  it('is the entry’s lines, dedented, up to 20 and an ellipsis', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n\n  db:\n    image: postgres\n';
    assert.equal(entryText(text, text.indexOf('web')), 'web:\n  image: nginx\n  ports:\n    - "80:80"');
    assert.equal(entryText(text, text.indexOf('db:')), 'db:\n  image: postgres');
    const long = 'x:\n' + Array.from({ length: 30 }, (_, i) => `  k${i}: ${i}`).join('\n');
    assert.equal(entryText(long, 0).split('\n').length, 21);
    assert.equal(entryText(long, 0).split('\n').at(-1), '…');
  });

  it('equals the whole-text reading on generated texts, at every offset drawn', () => {
    // Lines of spaces, tabs, keys and blanks, with or without a final newline: the shapes where line ends matter.
    const line = fc.tuple(fc.nat({ max: 6 }), fc.constantFrom('', 'a:', 'b: 1', '- c', ' ', '\t', '#', 'd:\r'));
    const text = fc
      .tuple(fc.array(line, { maxLength: 40 }), fc.boolean())
      .map(([ls, end]) => ls.map(([n, s]) => ' '.repeat(n) + s).join('\n') + (end ? '\n' : ''));
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 1, max: 25 }), (t, at, max) => {
        const offset = t.length ? at % (t.length + 1) : 0;
        assert.equal(entryText(t, offset, max), entryTextByLines(t, offset, max));
      }),
      propertyParams({ numRuns: propertyRuns(2000) }),
    );
  });
});
