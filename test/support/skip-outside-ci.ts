// The one rule for a test that cannot run here (a tool, a reference file or a second engine is missing): in CI it
// fails, because a skipped test proves nothing; elsewhere it is skipped, and says so in a banner no one can miss.
// scripts/run-layer.mjs applies the same rule to whole layers.

/** CI as the layers read it: set, and not the word "false". */
export const IN_CI = !!process.env.CI && process.env.CI !== 'false';

/**
 * Fails (throws) in CI; elsewhere prints a loud SKIPPED banner. With a test context, that test is then marked as
 * skipped; without one (a whole file or suite), the caller skips what cannot run.
 */
export function skipOutsideCi(what: string, reason: string, t?: { skip(message: string): void }): void {
  if (IN_CI) throw new Error(`${what}: ${reason} (CI=true: this may not be skipped)`);
  console.error(`\n!!! SKIPPED ${what}: ${reason}\n!!! (allowed only because CI is unset; in CI this fails)\n`);
  t?.skip(reason);
}
