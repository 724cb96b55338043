// Property tests: random compose-like YAML and mutations of the corpus never make the service throw, and each file
// is diagnosed in under 50 ms.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../support/property-seed';
import { stringify } from 'yaml';
import { composeDiagnostics } from '../../../server/src/compose/diagnostics';
import { indexProject } from '../../../server/src/compose/project-index';
import { nodeAt, parseCompose } from '../../../server/src/compose/parse/document';
import { cpuMsSince } from '../support/cpu-time';
import { corpusFiles, memoryFiles } from './helpers';

const files = memoryFiles({ Dockerfile: 'FROM alpine AS build\nARG X\n', '.env': 'A=1\nB=\n' });
const KEYS = [
  'services',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'include',
  'name',
  'version',
  'x-a',
  'image',
  'build',
  'ports',
  'depends_on',
  'restart',
  'environment',
  'volumes_from',
  'links',
  'extends',
  'network_mode',
  'healthcheck',
  'deploy',
  'env_file',
  'context',
  'target',
  'args',
  'condition',
  'test',
  'replicas',
  'cpus',
  'mem_limit',
  'container_name',
  'profiles',
  '<<',
  'web',
  'db',
  'file',
  'service',
  'source',
];
const SCALARS = fc.oneof(
  fc.constantFrom(
    '80:80',
    '${A}',
    '${B:?x}',
    '${',
    '$$',
    'web',
    'db',
    './x',
    'service:web',
    'on-failure:3',
    '1.5',
    '-1',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    SCALARS,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 }),
  ),
})).node;

/** Parse + diagnostics + index time; the best of three runs, so a GC pause or a busy shared CPU is not counted. */
function diagnoseTimed(text: string): number {
  let best = Infinity;
  for (let run = 0; run < 3 && best >= 50; run++) {
    const since = process.cpuUsage();
    const model = parseCompose(text, 'file:///project/compose.yaml');
    composeDiagnostics(model, files, { withProcessEnv: false });
    indexProject(model, files, [], false);
    nodeAt(model, Math.floor(text.length / 2));
    best = Math.min(best, cpuMsSince(since));
  }
  return best;
}

describe('compose property tests', () => {
  it('random compose-shaped documents never throw and take < 50 ms', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }), (doc) => {
        const ms = diagnoseTimed(stringify(doc));
        assert.ok(ms < 50, `${ms.toFixed(1)} ms`);
      }),
      propertyParams({ numRuns: 300 }),
    );
  });

  it('mutated corpus files (characters deleted, inserted, lines swapped) never throw and take < 50 ms', () => {
    const texts = [...corpusFiles('valid'), ...corpusFiles('broken')].map((f) => readFileSync(f, 'utf8'));
    const mutation = fc.tuple(
      fc.nat(texts.length - 1),
      fc.array(
        fc.tuple(
          fc.constantFrom('delete', 'insert', 'swap'),
          fc.nat(),
          fc.constantFrom(':', '-', ' ', '\n', '"', '&a', '*a', '<<: ', '${', '[', '{', '!reset ', '\t'),
        ),
        { minLength: 1, maxLength: 6 },
      ),
    );
    fc.assert(
      fc.property(mutation, ([which, edits]) => {
        let text = texts[which];
        for (const [op, at, piece] of edits) {
          const i = at % (text.length + 1);
          if (op === 'delete') text = text.slice(0, i) + text.slice(i + 3);
          else if (op === 'insert') text = text.slice(0, i) + piece + text.slice(i);
          else {
            const lines = text.split('\n');
            const j = at % lines.length;
            const k = (j + 1) % lines.length;
            [lines[j], lines[k]] = [lines[k], lines[j]];
            text = lines.join('\n');
          }
        }
        const ms = diagnoseTimed(text);
        assert.ok(ms < 50, `${ms.toFixed(1)} ms`);
      }),
      propertyParams({ numRuns: 400 }),
    );
  });

  it('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        diagnoseTimed(text);
      }),
      propertyParams({ numRuns: 300 }),
    );
  });
});
