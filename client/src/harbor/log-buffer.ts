// The last lines of the Harbor output log, kept for logText() (the tests' assertion surface). A ring of fixed size,
// so a long session keeps at most `max` lines instead of every line forever. No vscode import: unit-testable.

export const HARBOR_LOG_LINES = 5000;

export class LineRing {
  private readonly ring: string[] = [];
  /** Index of the oldest line once the ring is full. */
  private start = 0;

  constructor(readonly max = HARBOR_LOG_LINES) {}

  get length(): number {
    return this.ring.length;
  }

  push(line: string): void {
    if (this.ring.length < this.max) {
      this.ring.push(line);
      return;
    }
    this.ring[this.start] = line;
    this.start = (this.start + 1) % this.max;
  }

  /** Oldest first. */
  lines(): string[] {
    return [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
  }
}
