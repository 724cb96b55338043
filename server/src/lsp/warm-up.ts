// Background re-checks that bring a fresh server's checking code through V8's tiers (interpreter, baseline, optimised)
// while the editor is idle, rather than during the user's first keystrokes. Each run re-checks the last document
// published and discards the result. Runs happen only after a quiet moment without a change or a request (a hover
// while the user reads), one at a time with a gap for incoming messages, and stop for good once the server has spent
// its budget of runs or of CPU time on them. A keystroke or request that arrives during a run waits for the run to
// end, so a run over maxRunMs ends warming for that document. A language whose edits take another path than a full
// check (Compose: one service re-read, the others' findings replayed) warms that path on a copy of its own
// (LanguageAdapter.warmUp): the copy's first runs are setup (parse, first full check), which may cost up to
// SETUP_FACTOR times maxRunMs once, and its later runs edits of a few ms each.

/** How many times maxRunMs a setup run may cost (once per copy) before warming that document ends. */
const SETUP_FACTOR = 4;

/** What a check did: nothing (false: nothing to check now, or other work waits), a run, or a setup run. */
export type WarmUpRun = boolean | 'setup';

export interface WarmUpOptions {
  /** Quiet time after a publish before warming starts: longer than typing's gaps, so a run rarely meets a keystroke. */
  idleMs: number;
  /** Gap between two runs, so that a request or an edit that arrives is read between them. */
  gapMs: number;
  /** Runs per server: about where a 600-line Dockerfile's check stops getting cheaper. */
  runs: number;
  /** CPU per server, whichever ends first (a large Compose project's checks cost more each). */
  cpuBudgetMs: number;
  /** CPU one run may cost: a document whose run costs more is not warmed again. */
  maxRunMs: number;
}

const DEFAULTS: WarmUpOptions = {
  idleMs: 1000,
  gapMs: 5,
  runs: 60,
  cpuBudgetMs: 1500,
  maxRunMs: 150,
};

export class WarmUp {
  private runs = 0;
  private cpuMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by pause(): a run that finds it changed stops rather than schedules the next. */
  private generation = 0;
  /** Documents whose run cost more than maxRunMs. */
  private readonly tooCostly = new Set<string>();
  /** The document idle() was last given: a request re-arms warming on it. */
  private lastUri: string | undefined;

  private readonly o: WarmUpOptions;

  /** `check(uri)` runs one warm-up step on a document and says what it did (WarmUpRun). */
  constructor(
    private readonly check: (uri: string) => Promise<WarmUpRun>,
    options: Partial<WarmUpOptions> = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
  }

  /** Runs done so far. */
  get count(): number {
    return this.runs;
  }

  /** Whether the budget is spent (then nothing is ever scheduled again). */
  get done(): boolean {
    return this.runs >= this.o.runs || this.cpuMs >= this.o.cpuBudgetMs;
  }

  /** `uri` was just checked and published, and nothing else waits: warm on it once the editor stays quiet. */
  idle(uri: string): void {
    this.pause();
    this.lastUri = uri;
    if (!this.done && !this.tooCostly.has(uri)) this.timer = setTimeout(() => void this.run(uri), this.o.idleMs);
  }

  /**
   * A request arrived (hover, completion…): the user is at work, and a run would hold up their next request. Warming
   * stops, and starts again after a quiet moment, as after a publish. A run under way still ends first: a check
   * cannot be interrupted.
   */
  request(): void {
    if (this.lastUri !== undefined && !this.done) this.idle(this.lastUri);
  }

  /** Work arrived (an edit, a re-check): no warm-up run until the next idle(). */
  pause(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(uri: string): Promise<void> {
    this.timer = undefined;
    const generation = this.generation;
    const before = process.cpuUsage();
    const checked = await this.check(uri);
    const used = process.cpuUsage(before);
    if (!checked) return;
    this.runs++;
    const runMs = (used.user + used.system) / 1000;
    this.cpuMs += runMs;
    if (runMs > this.o.maxRunMs * (checked === 'setup' ? SETUP_FACTOR : 1)) {
      this.tooCostly.add(uri);
      return;
    }
    // Work that arrived while the check ran (pause()) ends this series; the next idle() starts another.
    if (!this.done && generation === this.generation) this.timer = setTimeout(() => void this.run(uri), this.o.gapMs);
  }
}
