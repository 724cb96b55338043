// The fast YAML path against the `yaml` package, as a differential test: whatever text it takes, it must build the
// same document (nodes, values, types, anchors, tags, ranges, line starts). Texts outside its subset must fall back.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../support/property-seed';
import { stringify } from 'yaml';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { compare, firstDifference } from './fast-yaml/differential';
import { corpusFiles } from './helpers';

/** Asserts agreement; returns whether the fast path took the text (so a property can show it was exercised). */
function assertSame(text: string, mustBeFast = false): boolean {
  const r = compare(text);
  if (mustBeFast) assert.ok(r.fast, `the fast path gave up on:\n${text}`);
  assert.ok(r.equal, `fast path differs from yaml for:\n${text}\n${firstDifference(r.expected, r.actual)}`);
  return r.fast;
}

/**
 * Runs a property and checks that at least `share` of its texts went through the fast path. Shares are set several
 * standard deviations below what the generators give (edits ~16%, stringify ~46%, lines ~11%), so they never flake.
 */
function assertExercised(name: string, share: number, run: (check: (text: string) => void) => void): void {
  let total = 0;
  let fast = 0;
  run((text) => {
    total++;
    if (assertSame(text)) fast++;
  });
  assert.ok(fast >= total * share, `${name}: only ${fast} of ${total} texts took the fast path`);
}

// Each of these must take the fast path and agree with `yaml`: together they cover what the fast path claims to know.
const FAST = [
  'a: 1 # c\nb:\n  - x\n  - y: z\n    w: "q"\nc: [1, {d: e}]\n\nd: |\n  hi\n  there\n\ne: &an\n  f: g\nh:\n  <<: *an\n',
  'a:\nb: &x v # c\nc: !reset []\nf:\n  - \n  -\n  - &y q\ng: ~\n# end\n',
  's:\n  w:\n    i: x\n# c0\n  d:\n    i: y\n  # c2\n\n',
  's:\n  a: 1\n    # deep\n  # mid\n# low\nt: 2\n',
  'a: b\n  # c\n\n  # d\ne: f',
  'a:\n- x\n- y\nb:\n  - k: 1\n    j: 2\n  -\n    m: n\n',
  'a: |-\n  x\n\n  y\n\n\nb: >\n  p\n  q\n\n  r\nc: |+\n  k\n\n',
  'a: [x , "y" ,z]\nb: {p: 1, q: [2]}\nc: []\nd: [*x]\n',
  'x: 0x1F\ny: 1.50\nz: .inf\nw: 0o17\nv: -3\nu: TRUE\nt: Null\ns: 1e3\n',
  'a: "\\x41\\u00e9\\n\\"\\\\"\nb: \'it\'\'s\'\n"quoted key": 1\n',
  'x-common: &common\n  restart: always\n  <<: [*a, *b]\nservices:\n  web:\n    <<: *common\n    ports: !override\n      - 80:80\n',
  'services: # all of them\n  web:\n    image: nginx # pinned\n\n\n    command: ["nginx", "-g", "daemon off;"]\n',
];

// Each of these must fall back (they are outside the subset, or wrong): the `yaml` parser reports or handles them.
const FALLBACK = [
  'a:\n\tb: 1\n',
  'a: 1\r\nb: 2\r\n',
  '---\na: 1\n',
  'a: 1\n...\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: b\n  c\n',
  'a: "b\n  c"\n',
  'a: 1\na: 2\n',
  '? a\n: b\n',
  'a: b: c\n',
  '- a\n',
  'a: [b,\n  c]\n',
  'a: |2\n   x\n',
  'a: >\n  x\n    y\n',
  'a: !!str 1\n',
  'a:\n  # c\nb: 1\n',
  'a: &x\nb: 1\n',
  'a: &x 1\nb:\n  <<: &a *x\n',
  'a: &x:\n  b: 1\n',
  `${'k'.repeat(1025)}: 1\n`,
  `"${'k'.repeat(1030)}": 1\n`,
  'a: "\\q"\n',
  'a: [b, c,]\n',
  'a: [b: c]\n',
  'a:\n  - - x\n',
  '   a: 1\n',
  'a: @x\n',
];

describe('fast YAML path', () => {
  it('builds the same document as yaml for the cases it claims', () => {
    for (const t of FAST) assertSame(t, true);
  });

  it('gives up on text outside its subset, and the model then comes from yaml', () => {
    for (const t of FALLBACK) {
      assert.equal(compare(t).fast, false, `should fall back:\n${t}`);
      assert.ok(parseCompose(t).doc, t);
    }
  });

  it('agrees with yaml on every corpus file and example, and takes all the valid ones', () => {
    const examples = path.resolve(__dirname, '../../../examples');
    const texts = [
      ...corpusFiles('valid'),
      ...corpusFiles('broken'),
      ...readdirSync(examples)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => path.join(examples, f)),
    ];
    for (const f of texts) assertSame(readFileSync(f, 'utf8'));
    for (const f of corpusFiles('valid'))
      assert.ok(compare(readFileSync(f, 'utf8')).fast, `the fast path gave up on valid ${f}`);
  });

  it('agrees with yaml on the corpus with random edits (inserted, deleted and re-indented text)', () => {
    const sources = corpusFiles('valid').map((f) => readFileSync(f, 'utf8'));
    const edit = fc.tuple(
      fc.nat(),
      fc.nat(),
      fc.constantFrom('insert', 'delete', 'indent', 'dedent', 'duplicate'),
      fc.constantFrom(
        ' ',
        '  ',
        '\n',
        '#',
        '# c\n',
        ':',
        ': ',
        '- ',
        '-',
        '"',
        "'",
        '[',
        ']',
        '{',
        '}',
        ',',
        '&a ',
        '*a',
        '!reset ',
        '|',
        '>-',
        '\\',
        'x',
        '0x1',
        '~',
        '<<: *a\n',
      ),
    );
    assertExercised('edits', 0.1, (check) =>
      fc.assert(
        fc.property(fc.nat(sources.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (which, edits) => {
          let text = sources[which];
          for (const [a, b, kind, piece] of edits) {
            const at = a % (text.length + 1);
            const lineStart = text.lastIndexOf('\n', at - 1) + 1;
            if (kind === 'insert') text = text.slice(0, at) + piece + text.slice(at);
            else if (kind === 'delete') text = text.slice(0, at) + text.slice(at + 1 + (b % 8));
            else if (kind === 'indent') text = text.slice(0, lineStart) + '  ' + text.slice(lineStart);
            else if (kind === 'dedent') text = text.slice(0, lineStart) + text.slice(lineStart).replace(/^ {1,2}/, '');
            else {
              const end = text.indexOf('\n', at);
              text =
                text.slice(0, end < 0 ? text.length : end + 1) +
                text.slice(lineStart, end < 0 ? text.length : end + 1) +
                text.slice(end < 0 ? text.length : end + 1);
            }
          }
          check(text);
        }),
        propertyParams({ numRuns: 1500 }),
      ),
    );
  });

  it('agrees with yaml on random documents written by yaml.stringify in several styles', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        '80:80',
        '${A:-b}',
        'yes',
        'on',
        '0o17',
        '0x1F',
        '1e3',
        '.5',
        'a # b',
        'a: b',
        '- x',
        '"q"',
        "it's",
        'multi\nline\n',
        ' lead',
        'trail ',
      ),
    );
    const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    const style = fc.record({
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      flowLevel: fc.constantFrom(1, 2),
      blockQuote: fc.constantFrom(true, false, 'literal', 'folded'),
    });
    assertExercised('stringify', 0.3, (check) =>
      fc.assert(
        fc.property(
          fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tree, { minKeys: 1, maxKeys: 6 }),
          style,
          (doc, s) => {
            check(
              stringify(doc, {
                indent: s.indent,
                indentSeq: s.indentSeq,
                flowCollectionPadding: s.flowLevel > 1,
                blockQuote: s.blockQuote as never,
                lineWidth: 0,
              }),
            );
          },
        ),
        propertyParams({ numRuns: 1500 }),
      ),
    );
  });

  it('agrees with yaml on random compose-like lines with comments, blank lines and anchors at any indentation', () => {
    const line = fc.tuple(
      fc.nat(4),
      fc.constantFrom(
        'k: v',
        'k:',
        '- v',
        '-',
        '- k: v',
        'k: &a',
        'k: *a',
        '<<: *a',
        'k: [a, "b"]',
        'k: {a: 1}',
        '# note',
        '',
        'k: |',
        'k: >-',
        'text line',
        'k: !reset',
        'k: "x" # c',
        "k: 'y'",
        'k: 1.0',
        'k: ${A}',
        '  # deep',
        'k: !override [1]',
        '- [a]',
        'k2: v2',
        'k3:',
        '- k2: v2',
      ),
    );
    assertExercised('lines', 0.07, (check) =>
      fc.assert(
        fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), (lines) => {
          // The first line is a top-level key, as in every compose file.
          check(['services:', ...lines.map(([indent, l]) => (l ? ' '.repeat(indent * 2) + l : ''))].join('\n') + '\n');
        }),
        propertyParams({ numRuns: 3000 }),
      ),
    );
  });
});
