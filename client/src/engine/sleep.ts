// The one abortable wait of the client (log follow polling, Harbor scan polling). Its abort listener is removed when
// the wait ends either way, so a long poll loop on one signal does not pile up a listener per round.

/** Waits `ms`; resolves true when the time passed, false as soon as `signal` aborts (at once if it already has). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
