// Waiting in tests for something that happens asynchronously in a real system (an engine event, a terminal line,
// a tree refresh): poll until the probe yields a value, or fail saying what never happened.
export async function until<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Every node of a tree of explorer-like nodes, depth first. */
export function flattenNodes<N extends { children?: N[] }>(nodes: N[] | undefined): N[] {
  return (nodes ?? []).flatMap((n) => [n, ...flattenNodes(n.children)]);
}
