// Remembers a pure function's answers by their string argument. The Compose checks run on every version of a file
// and ask the same questions each time (a port mapping's meaning, a path resolved against a folder): answering from a
// Map costs a hash of a short string, where parsing or URI resolution allocates for every service on every keystroke.
// A plain Map rather than an LRU: the keys are the values a workspace's files contain, so a bound that starts over
// when reached keeps memory flat without bookkeeping on each hit.

const DEFAULT_LIMIT = 4096;

/** `compute` answered from memory; answers must not be mutated by callers (they are shared). */
export function memoByString<T>(compute: (key: string) => T, limit = DEFAULT_LIMIT): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    const hit = answers.get(key);
    if (hit !== undefined || answers.has(key)) return hit as T;
    if (answers.size >= limit) answers.clear();
    const value = compute(key);
    answers.set(key, value);
    return value;
  };
}
