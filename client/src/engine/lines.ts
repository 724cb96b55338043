// One line splitter for every stream Berth reads line by line (engine events, logs, build progress). It keeps the
// unfinished remainder as a list of pieces and looks for a newline only in each new chunk, so a stream that never
// sends one (`\r` progress bars) costs linear time, not a re-split of an ever-growing string per chunk. The
// remainder is bounded: past maxLineLength characters it is emitted as a line and collection starts over.
import { StringDecoder } from 'node:string_decoder';

/** One JSON line of the engine's pull and push progress streams (`POST /images/create`, `/images/{name}/push`). */
export interface ProgressStreamLine {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  /** Push only: the pushed tag, its digest and size. */
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/** Default bound of an unfinished line (characters). */
export const MAX_LINE_LENGTH = 1024 * 1024;

export interface LineSplitterOptions {
  /** A remainder longer than this (characters) is emitted as a line of its own. */
  maxLineLength?: number;
}

export class LineSplitter {
  private pieces: string[] = [];
  private pendingLength = 0;
  private readonly max: number;
  /** Decodes Buffer chunks, keeping a multi-byte character split across two chunks whole. */
  private decoder = new StringDecoder('utf8');

  constructor(
    private readonly onLine: (line: string) => void,
    o: LineSplitterOptions = {},
  ) {
    this.max = Math.max(1, o.maxLineLength ?? MAX_LINE_LENGTH);
  }

  /** Characters held for the line not finished yet. */
  get remainderLength(): number {
    return this.pendingLength;
  }

  /** Feeds a chunk; calls onLine for every line it completes (without the `\n` or `\r\n`). */
  push(chunk: string | Buffer): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (this.pieces.length) {
        this.pieces.push(piece);
        this.emit(this.pieces.join(''));
        this.pieces = [];
        this.pendingLength = 0;
      } else this.emit(piece);
    }
    if (start < text.length) this.keep(text.slice(start));
  }

  /** The stream ended: emits what is left (if anything) as a last line. */
  end(): void {
    const tail = this.decoder.end();
    if (tail) this.keep(tail);
    if (!this.pieces.length) return;
    const line = this.pieces.join('');
    this.pieces = [];
    this.pendingLength = 0;
    if (line) this.emit(line);
  }

  private keep(text: string): void {
    this.pieces.push(text);
    this.pendingLength += text.length;
    while (this.pendingLength > this.max) {
      const all = this.pieces.join('');
      this.onLine(all.slice(0, this.max));
      const rest = all.slice(this.max);
      this.pieces = rest ? [rest] : [];
      this.pendingLength = rest.length;
    }
  }

  private emit(line: string): void {
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
