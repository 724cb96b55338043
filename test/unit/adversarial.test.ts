// Every shape of hostile input (test/support/adversarial.ts), at seeded random sizes, through every feature the
// client asks for when a file opens: nothing may throw, and nothing may hang. The cap is generous on purpose (a
// request on these sizes takes milliseconds): only a hang or an exponential path can reach it. The real budget,
// growth as the size doubles, is bench/adversarial's.
//   BERTH_SEED=N to replay a failure (test/support/property-seed.ts); BERTH_PROPERTY_RUNS to change the run count.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams, propertyRuns, propertySeed } from '../support/property-seed';
import { SHAPES, everyFeature } from '../support/adversarial';
import { cpuMsSince } from './support/cpu-time';

/**
 * A whole open (all features, 12 positions) on one shape at one size; far above any healthy run (the slowest shape
 * takes about 2 s on a quiet machine and near 6 s when other work loads both cores), and far below a hang.
 */
const CAP_MS = 15_000;

describe('hostile input, every feature', () => {
  it(
    `answers every shape at random sizes without throwing or stalling (seed ${propertySeed})`,
    { timeout: 300_000 },
    async () => {
      const failures: string[] = [];
      await fc
        .assert(
          fc.asyncProperty(
            fc.constantFrom(...SHAPES),
            fc.double({ min: 0.02, max: 0.35, noNaN: true }),
            async (shape, fraction) => {
              // Sizes up to about a third of the bench size: enough to expose super-linear paths, quick when healthy.
              const n = Math.max(1, Math.round(shape.benchSize * fraction));
              const since = process.cpuUsage();
              try {
                await everyFeature(shape, n);
              } catch (e) {
                failures.push(`${shape.name} n=${n}: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
                return false;
              }
              const ms = cpuMsSince(since);
              if (ms > CAP_MS) {
                failures.push(`${shape.name} n=${n}: ${ms.toFixed(0)} ms`);
                return false;
              }
              return true;
            },
          ),
          propertyParams({ numRuns: propertyRuns(60), endOnFailure: true }),
        )
        .catch((e: Error) => {
          // The first lines of fast-check's report (the replay hint, the run count and the seed), then what failed:
          // the counterexample itself is a whole shape, too long to print.
          throw new Error(`${e.message.split('\n').slice(0, 3).join('\n')}\n${failures.join('\n')}`);
        });
    },
  );

  it('covers every family the issue names', () => {
    const names = SHAPES.map((s) => s.name).join(' ');
    for (const family of [
      'nested',
      'alias',
      'arg',
      'doublestar',
      'heredoc',
      'hadolint',
      'long-line',
      'binary',
      'many-stages',
      'many-services',
      'deep-flow',
      'depends-ring',
      'merge',
      'onbuild',
    ]) {
      assert.ok(names.includes(family), `no shape for ${family}`);
    }
  });
});
