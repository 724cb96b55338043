// Archive files between disk and engine. Writing an engine's byte stream (a saved image, an exported container) to a
// file so that Cancel or a failure leaves nothing half-written: the bytes go to a hidden partial file beside the
// target, which replaces the target only once the stream ended well, and is deleted otherwise. A target that existed
// before stays untouched until then. Reading one for upload (a load, an import) reports bytes read of its size.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { byteCounter } from './byte-counter';

export interface StreamToFileOptions {
  signal?: AbortSignal;
  /** Bytes written so far, as they arrive. */
  onBytes?: (written: number) => void;
}

/** The partial file's name: hidden, beside the target (so the final rename stays on one filesystem). */
export function partialPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`);
}

/** Resolves with the bytes written once `target` holds the whole stream; on failure or abort, no file is left. */
export async function streamToFile(
  stream: NodeJS.ReadableStream,
  target: string,
  opts: StreamToFileOptions = {},
): Promise<number> {
  const partial = partialPath(target);
  let written = 0;
  const count = byteCounter((n) => opts.onBytes?.((written = n)));
  try {
    await pipeline(stream, count, createWriteStream(partial, { flags: 'wx' }), { signal: opts.signal });
    await rename(partial, target);
    return written;
  } catch (e) {
    (stream as unknown as { destroy?: () => void }).destroy?.();
    await rm(partial, { force: true });
    throw e;
  }
}

/** A file read for upload to the engine (a load, an import), reporting bytes read of its whole size. */
export async function readWithProgress(
  file: string,
  onProgress: ((p: { bytes: number; total: number }) => void) | undefined,
): Promise<Readable> {
  const total = (await stat(file)).size;
  return createReadStream(file).pipe(byteCounter((bytes) => onProgress?.({ bytes, total })));
}
