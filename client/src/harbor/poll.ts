// Waiting on Harbor's background jobs (a scan, an SBOM generation, a replication execution): Harbor has no push
// notification for them, so the state is read again every few seconds until it is final, the deadline passes, or
// the user cancels.
import * as l10n from '@vscode/l10n';
import { abortableSleep } from '../engine/sleep';
import { HarborError } from './errors';

export interface PollOptions {
  intervalMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Reads with `read` until `done` holds for what it returned, and returns that. Past the deadline (default ten
 * minutes) it throws a timeout whose message `stillRunning` words from the last read; Cancel throws `cancelled`.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  stillRunning: (last: T) => string,
  opts: PollOptions & { defaultTimeoutMs?: number },
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? opts.defaultTimeoutMs ?? 10 * 60_000);
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new HarborError('timeout', stillRunning(value));
    if (!(await abortableSleep(opts.intervalMs ?? 2000, opts.signal)))
      throw new HarborError('cancelled', l10n.t('Cancelled.'));
  }
}
