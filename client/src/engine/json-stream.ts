// The engine's long requests (pull, push, load, import) answer 200 at once and then stream JSON lines, in which a
// failure is a line carrying `error`/`errorDetail`, not an HTTP status. One follower reads them all to the end:
// the first error line is the failure, every other line goes to the caller, and Cancel destroys the stream.
import type Docker from 'dockerode';

/** What every line of such a stream may carry: the failure fields. */
export interface JsonStreamLine {
  error?: string;
  errorDetail?: { message?: string };
}

export interface FollowOptions<L> {
  /** Each line that is not an error line. */
  onLine?: (line: L) => void;
  /** Cancel: the stream is destroyed and the follow rejects with `cancelled()`. */
  signal?: AbortSignal;
  cancelled?: () => Error;
}

export interface StreamEnd {
  /** The stream itself broke (dockerode's error). */
  error: Error | null;
  /** The engine's words on its first error line. */
  failure: string | undefined;
}

/** Reads `stream` to its end; resolves with how it ended, rejects only on Cancel. */
export function followJsonStream<L extends object>(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  o: FollowOptions<L> = {},
): Promise<StreamEnd> {
  return new Promise<StreamEnd>((resolve, reject) => {
    let failure: string | undefined;
    const onAbort = () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      reject(o.cancelled?.() ?? new Error('cancelled'));
    };
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        o.signal?.removeEventListener('abort', onAbort);
        if (!o.signal?.aborted) resolve({ error, failure });
      },
      (line: L & JsonStreamLine) => {
        if (line.error || line.errorDetail) failure ??= line.errorDetail?.message ?? line.error ?? 'unknown error';
        else o.onLine?.(line);
      },
    );
  });
}

/** The engine's own words in a failed request (its JSON message), else the error's message. */
export function engineText(e: unknown): string {
  return String((e as { json?: { message?: string } }).json?.message ?? (e as Error).message);
}
