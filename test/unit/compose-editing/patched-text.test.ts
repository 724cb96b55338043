// Completion reads the focused lines through PatchedText, a text with the cursor's marker put in without copying the
// file: it must read exactly as the patched string does, and focusInEntry must answer the same on either.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../support/property-seed';
import { realisticCompose } from '../../../bench/support/realistic';
import { focusInEntry, PatchedText } from '../../../server/src/compose/cursor';

const MARKER = '__berth_cursor__';
const BASES = [
  realisticCompose(3).text,
  'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n  db:\n    image: postgres\n',
  '\n\nservices:\n\n  # between\n  web:\n    build:\n      context: .\n  - odd\nvolumes:\n  data:\n',
  '',
  '\n',
];
const PIECES = ['\n', '  ', '    ', '#', '- ', '|', '[', ':', 'x: 1', ''];
const INSERTS = [MARKER, `${MARKER}:`, '', 'a'];

describe('PatchedText', () => {
  it('reads as the patched string, and focusInEntry answers the same on both', () => {
    const edit = fc.record({ at: fc.nat(), del: fc.nat(6), ins: fc.constantFrom(...PIECES) });
    fc.assert(
      fc.property(
        fc.nat(BASES.length - 1),
        fc.array(edit, { maxLength: 5 }),
        fc.nat(),
        fc.nat(8),
        fc.constantFrom(...INSERTS),
        (base, edits, cursor, del, insert) => {
          let text = BASES[base]!;
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.ins + text.slice(at + e.del);
          }
          const from = cursor % (text.length + 1);
          const to = Math.min(text.length, from + del);
          const view = new PatchedText(text, from, to, insert);
          const real = text.slice(0, from) + insert + text.slice(to);
          assert.equal(view.toString(), real);
          assert.equal(view.length, real.length);
          for (let p = -2; p <= real.length + 2; p++) {
            assert.equal(view.charAt(p), real.charAt(p), `charAt ${p}`);
            assert.equal(Number.isNaN(view.charCodeAt(p)), Number.isNaN(real.charCodeAt(p)), `charCodeAt ${p}`);
            if (!Number.isNaN(real.charCodeAt(p))) assert.equal(view.charCodeAt(p), real.charCodeAt(p));
            for (const s of ['\n', '-', MARKER[0]!]) {
              assert.equal(view.indexOf(s, p), real.indexOf(s, p), `indexOf ${JSON.stringify(s)} ${p}`);
              assert.equal(view.lastIndexOf(s, p), real.lastIndexOf(s, p), `lastIndexOf ${JSON.stringify(s)} ${p}`);
            }
            assert.equal(view.startsWith('-', p), real.startsWith('-', p));
            assert.equal(view.slice(p, p + 7), real.slice(Math.max(0, p), Math.max(0, p + 7)));
          }
          assert.equal(view.slice(from), real.slice(from));
          if (insert.startsWith(MARKER)) assert.equal(focusInEntry(view, from), focusInEntry(real, from));
        },
      ),
      propertyParams({ numRuns: 1500 }),
    );
  });
});
