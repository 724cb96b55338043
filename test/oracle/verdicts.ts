// What every oracle file does with its verdicts, once: judging files a few at a time so the judge's processes do not
// swamp two cores, and the tally of agreements, disagreements an allowlist entry explains (counted by cause) and
// disagreements nothing explains (which fail the test). The seed of the mutations is test/support/property-seed.ts's.

/** `judge` on every case, at most `concurrency` at a time; results in the cases' order. */
export async function judgeAll<C, V>(
  cases: readonly C[],
  concurrency: number,
  judge: (c: C, index: number) => Promise<V>,
): Promise<V[]> {
  const out: V[] = new Array<V>(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      out[i] = await judge(cases[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

export interface Tally<V> {
  agreements: number;
  /** How many disagreements each allowlist cause explains. */
  byCause: Map<string, number>;
  unexplained: V[];
}

/**
 * Sorts verdicts into agreements and disagreements. `causesOf` names the allowlist causes that explain one
 * disagreement; a single undefined among them (a part nothing explains) makes the whole file unexplained.
 */
export function tally<V extends { berthError: boolean; oracleError: boolean }>(
  verdicts: readonly V[],
  causesOf: (v: V) => Array<string | undefined>,
): Tally<V> {
  const result: Tally<V> = { agreements: 0, byCause: new Map(), unexplained: [] };
  for (const v of verdicts) {
    if (v.berthError === v.oracleError) {
      result.agreements++;
      continue;
    }
    const causes = causesOf(v);
    if (causes.length && causes.every((c) => c !== undefined))
      for (const c of causes) result.byCause.set(c, (result.byCause.get(c) ?? 0) + 1);
    else result.unexplained.push(v);
  }
  return result;
}

/** The allowlisted causes, most frequent first, and the count of unexplained disagreements. */
export function logTally(t: Tally<unknown>): void {
  for (const [cause, n] of [...t.byCause].sort((x, y) => y[1] - x[1]))
    console.log(`[oracle]   allowlisted ${String(n).padStart(4)}  ${cause}`);
  if (t.unexplained.length) console.log(`[oracle]   UNEXPLAINED ${t.unexplained.length}`);
}
