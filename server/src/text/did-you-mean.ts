// "Did you mean …?" for every language: one edit distance and one notion of "close enough", so a typo gets the
// same suggestion whether it sits in a Dockerfile flag, a Compose key or a stage name.

/** Levenshtein distance; stops early (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    // Every index below is within 0..b.length, all filled above.
    let diag = prev[0]!;
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      const cost = Math.min(tmp + 1, prev[j - 1]! + 1, diag + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      prev[j] = cost;
      if (cost < rowMin) rowMin = cost;
      diag = tmp;
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `word` (case-insensitively), when it is close enough to be a plausible typo: one edit
 * for words of up to 3 characters, two up to 6, three beyond. Never `word` itself.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestDist = limit + 1;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), limit);
    if (d < bestDist && c !== word) {
      bestDist = d;
      best = c;
    }
  }
  return best;
}
