// Property tests draw their inputs from seeded generators, and a failing one names its seed, so that a failure can
// be replayed exactly: BERTH_SEED=<seed> runs every generator of a test file on the same inputs again. One seed per
// test process (node --test runs each file in a process of its own): BERTH_SEED's, else in CI (CI set) a fixed one,
// so that a commit's verdict does not depend on the draw, else a fresh one on each run, which is how new shapes are
// found; each shape a fresh seed finds becomes a fixed test or a fix.
// BERTH_PROPERTY_RUNS, read here too, overrides the run count of the properties that take propertyRuns().
import { randomInt } from 'node:crypto';
import fc from 'fast-check';

/** CI's seed: any fixed number does; changing it is a change of the tests, made in a commit of its own. */
const CI_SEED = 20261206;

function seedOfThisRun(): number {
  const given = process.env.BERTH_SEED;
  if (given === undefined || given.trim() === '') return process.env.CI ? CI_SEED : randomInt(2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`BERTH_SEED must be an integer, not "${given}"`);
  return seed;
}

/** The seed of every generator in this test process. */
export const propertySeed: number = seedOfThisRun();

/**
 * How many inputs a property draws: BERTH_PROPERTY_RUNS when set (to try a property harder, or faster), else the
 * count the test chose for it.
 */
export function propertyRuns(usual: number): number {
  const given = process.env.BERTH_PROPERTY_RUNS;
  if (given === undefined || given.trim() === '') return usual;
  const runs = Number(given);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`BERTH_PROPERTY_RUNS must be a positive integer, not "${given}"`);
  return runs;
}

/** How to run this file on the same inputs again; every failure message that depends on generated input says it. */
export const replayHint = `replay with BERTH_SEED=${propertySeed}`;

/**
 * Parameters for `fc.assert`: this run's seed, and a failure whose message opens with the replay hint, followed by
 * fast-check's own report (the shrunk counterexample). The property's error is the thrown error's `cause`.
 */
export function propertyParams<Ts>(
  params: Omit<fc.Parameters<Ts>, 'seed' | 'path' | 'reporter' | 'asyncReporter'> = {},
): fc.Parameters<Ts> {
  return {
    ...params,
    seed: propertySeed,
    reporter: (details) => {
      if (!details.failed) return;
      throw new Error(`Property failed, ${replayHint}\n${fc.defaultReportMessage(details)}`, {
        cause: details.errorInstance,
      });
    },
  };
}
