import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../support/property-seed';
import { parseDocument } from 'yaml';
import { completionContext, focusBlock } from '../../../server/src/compose/cursor';

const FILE = `# a project
name: shop
x-base: &base
  restart: always
services:
  web:
    <<: *base
    image: nginx
    ports:
      - "80:80"
      - target: 443

    networks: [front,
      back]
    command: |
      echo one
      echo two
  # a comment at the services level
  db:
    image: postgres
    environment:
      A: 1
networks:
  front:
  back:
include:
  - a.yaml
  - path: b.yaml
`;

describe('compose cursor context', () => {
  it('finds the same context from the focused block as from the whole file, at every offset', () => {
    for (let offset = 0; offset <= FILE.length; offset++) {
      const focused = completionContext(FILE, offset);
      const whole = completionContext(FILE, offset, false);
      assert.deepEqual(
        focused && { ...focused, presentKeys: [...focused.presentKeys] },
        whole && { ...whole, presentKeys: [...whole.presentKeys] },
        `offset ${offset}: ${JSON.stringify(FILE.slice(offset - 10, offset))}|`,
      );
    }
  });
  it('finds the same context from the focused block as from the whole file when the root is not a map', () => {
    // Found by the property below, whose 21st input under BERTH_SEED=1690775285 starts the file with `|`: a leading
    // `|` makes the whole file one block scalar.
    for (const root of ['|\n', '>-\n', '[\n', '"\n']) {
      const text = root + FILE;
      for (let offset = root.length; offset <= text.length; offset += 3) {
        const focused = completionContext(text, offset);
        const whole = completionContext(text, offset, false);
        assert.deepEqual(
          focused && { ...focused, presentKeys: [...focused.presentKeys] },
          whole && { ...whole, presentKeys: [...whole.presentKeys] },
          `${JSON.stringify(root)} at ${offset}`,
        );
      }
    }
  });
  it('finds the same context on mutated text that is still valid YAML, and never throws on the rest', () => {
    const edit = fc.record({
      at: fc.nat(FILE.length),
      del: fc.nat(8),
      ins: fc.constantFrom(
        '',
        ':',
        '- ',
        '{',
        '[',
        '"',
        '\n',
        '\n  ',
        '\n      x: 1',
        '\n  y: 2',
        'z',
        ' ',
        '#',
        '|\n',
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.nat(), (edits, seed) => {
        let text = FILE;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
        }
        const valid = parseDocument(text).errors.length === 0;
        for (let offset = seed % 5; offset <= text.length; offset += 5) {
          if (!valid) {
            completionContext(text, offset);
            continue;
          }
          const focused = completionContext(text, offset);
          const whole = completionContext(text, offset, false);
          assert.deepEqual(
            focused && { ...focused, presentKeys: [...focused.presentKeys] },
            whole && { ...whole, presentKeys: [...whole.presentKeys] },
          );
        }
      }),
      propertyParams({ numRuns: 40 }),
    );
  });
  it('focuses on one service, or the whole section for list items, or the whole file at the top level', () => {
    const inDb = FILE.indexOf('postgres');
    assert.equal(focusBlock(FILE, inDb), 'services:\n  db:\n    image: postgres\n    environment:\n      A: 1');
    assert.ok(focusBlock(FILE, FILE.indexOf('b.yaml')).startsWith('include:\n  - a.yaml'));
    assert.equal(focusBlock(FILE, FILE.indexOf('shop')), FILE);
    // A top-level key being typed: the outline of top-level keys is enough (and keeps large files fast)...
    const plain =
      'name: shop\nx-base: &base\n  restart: always\nservices:\n  web:\n    image: nginx\nnetworks:\n  front:\n';
    const typing = plain.replace('x-base:', '__berth_cursor__:');
    assert.equal(
      focusBlock(typing, typing.indexOf('__berth_cursor__'), true),
      'name:\n__berth_cursor__: &base\nservices:\nnetworks:',
    );
    // ...but not where a block scalar or a multi-line flow collection could carry lines past indentation (FILE has both).
    const odd = FILE.replace('x-base:', '__berth_cursor__:');
    assert.equal(focusBlock(odd, odd.indexOf('__berth_cursor__'), true), odd);
  });
});
