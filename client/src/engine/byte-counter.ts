// Bytes moved so far through a stream, for the progress of every transfer that has no progress of its own in the
// engine's answer: saving, loading, importing, exporting, and copying files into and out of containers.
import { Transform } from 'node:stream';

/** A pass-through that calls `onBytes` with the running total after each chunk. */
export function byteCounter(onBytes: ((total: number) => void) | undefined): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      onBytes?.(bytes);
      done(null, chunk);
    },
  });
}
