// focusBlock answers a cursor inside an entry from offsets alone (focusInEntry), without splitting the file into lines;
// that answer must be the one the line-based focusBlockByLines gives, on any text and at any cursor.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../support/property-seed';
import { realisticCompose } from '../../../bench/support/realistic';
import { focusBlock, focusBlockByLines } from '../../../server/src/compose/cursor';

const MARKER = '__berth_cursor__';
const BASES = [
  realisticCompose(4).text,
  'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n  db:\n    image: postgres\n',
  '# a comment first\n\nservices:\n\n  # between\n  web:\n    build:\n      context: .\n  - odd\nvolumes:\n  data:\n',
];
// Pieces that change what focusBlock reads: line breaks, indentation, comments, items, block and flow openers, CRs,
// tabs and other whitespace.
const PIECES = ['\n', '  ', '    ', '#', '- ', '|', '[', '{', '"', '\r', '\t', 'x: 1', ':', '---', '\u00a0', ''];

describe('focusBlock inside an entry', () => {
  it('answers as the line-based focus does, on mutated files and at every kind of cursor', () => {
    const edit = fc.record({ at: fc.nat(), del: fc.nat(6), ins: fc.constantFrom(...PIECES) });
    fc.assert(
      fc.property(
        fc.nat(BASES.length - 1),
        fc.array(edit, { maxLength: 6 }),
        fc.nat(),
        fc.boolean(),
        (base, edits, cursor, replacesKey) => {
          let text = BASES[base]!;
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.ins + text.slice(at + e.del);
          }
          const at = cursor % (text.length + 1);
          const patched = text.slice(0, at) + MARKER + text.slice(at);
          const markerAt = patched.indexOf(MARKER);
          assert.equal(focusBlock(patched, markerAt, replacesKey), focusBlockByLines(patched, markerAt, replacesKey));
        },
      ),
      propertyParams({ numRuns: 3000 }),
    );
  });
});
