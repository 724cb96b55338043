// Follow a container's logs, surviving restarts: when the engine ends the stream because the container stopped,
// we wait for it to run again and reopen the stream from the last line we saw (timestamps are always requested
// internally for that, and stripped again unless the user asked for them). Non-TTY output is demultiplexed.
import * as l10n from '@vscode/l10n';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { LineSplitter } from './lines';
import { abortableSleep } from './sleep';

export interface FollowLogsOptions {
  /** Lines from the end to start with ('all' or a number; default 'all'). */
  tail?: number | 'all';
  /** Only lines since this: UNIX seconds, or a duration like "10m" / "2h". */
  since?: number | string;
  timestamps?: boolean;
  signal: AbortSignal;
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Lifecycle notes for the terminal ("container stopped — waiting for a restart"). */
  onNote?: (text: string) => void;
  /** How often to check whether a stopped container runs again (ms). */
  pollMs?: number;
}

/** "10m", "2h", "30s", "1d" or UNIX seconds → UNIX seconds. */
export function sinceSeconds(since: number | string | undefined, now = Date.now()): number | undefined {
  if (since === undefined || since === '') return undefined;
  if (typeof since === 'number') return since;
  const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(since.trim());
  if (m)
    return Math.floor(now / 1000 - Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd']);
  const n = Number(since);
  if (Number.isFinite(n)) return n;
  const t = Date.parse(since);
  if (Number.isFinite(t)) return Math.floor(t / 1000);
  throw new Error(l10n.t('"{0}" is not a time: use a duration (10m, 2h) or a date.', since));
}

const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ?/;

/** RFC3339Nano timestamps compare as strings once the fraction has a fixed width. */
function tsKey(ts: string): string {
  const [sec, frac = ''] = ts.replace('Z', '').split('.');
  return `${sec}.${frac.padEnd(9, '0')}`;
}

function tsToSince(ts: string): string {
  const [sec, frac = '0'] = tsKey(ts).split('.');
  return `${Math.floor(Date.parse(`${sec}Z`) / 1000)}.${frac}`;
}

/**
 * Drops the lines a reopened stream repeats. The reopened stream starts at the last timestamp seen, inclusive, so
 * lines stamped before it were shown and, of the lines stamped exactly then, as many as were shown already.
 * Counting matters: Podman stamps lines to the second, so many lines (stdout and stderr alike) share one stamp.
 */
export class ReplayFilter {
  lastTs: string | undefined;
  /** Lines shown so far whose stamp equals lastTs. */
  private shownAtLast = 0;
  /** Lines stamped lastTs still to skip on the current stream. */
  private toSkip = 0;
  private floor: string | undefined;

  /** A new stream starts (since = lastTs). */
  reopen(): void {
    this.floor = this.lastTs && tsKey(this.lastTs);
    this.toSkip = this.shownAtLast;
  }

  accept(ts: string): boolean {
    const key = tsKey(ts);
    if (this.floor !== undefined) {
      if (key < this.floor) return false;
      if (key === this.floor && this.toSkip > 0) {
        this.toSkip--;
        return false;
      }
      this.floor = undefined; // past the replayed part: everything from here on is new
    }
    if (this.lastTs !== undefined && key === tsKey(this.lastTs)) this.shownAtLast++;
    else {
      this.lastTs = ts;
      this.shownAtLast = 1;
    }
    return true;
  }
}

/** Follows until the signal aborts or the container is removed. */
export async function followLogs(docker: Docker, containerId: string, opts: FollowLogsOptions): Promise<void> {
  const container = docker.getContainer(containerId);
  const replay = new ReplayFilter();
  let first = true;
  const since = sinceSeconds(opts.since);
  while (!opts.signal.aborted) {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await container.inspect();
    } catch {
      opts.onNote?.(l10n.t('The container is gone; the log stream ends here.'));
      return;
    }
    const tty = !!info.Config.Tty;
    const stream = (await container.logs({
      follow: true,
      stdout: true,
      stderr: true,
      timestamps: true,
      tail: first ? (opts.tail ?? 'all') : 'all',
      since: replay.lastTs ? tsToSince(replay.lastTs) : (since ?? 0),
      abortSignal: opts.signal,
    } as Docker.ContainerLogsOptions & { follow: true })) as unknown as NodeJS.ReadableStream;
    first = false;
    replay.reopen();
    await pumpLines(docker, stream, tty, opts, (ts) => replay.accept(ts));
    if (opts.signal.aborted) return;
    // The stream ended: the container stopped. Wait until it runs again (restart policy, user, compose) or is gone.
    opts.onNote?.(l10n.t('The container stopped; waiting for it to start again…'));
    for (;;) {
      if (!(await abortableSleep(opts.pollMs ?? 500, opts.signal))) return;
      const state = await container.inspect().then(
        (i) => i.State,
        () => undefined,
      );
      if (!state) {
        opts.onNote?.(l10n.t('The container was removed; the log stream ends here.'));
        return;
      }
      if (state.Running) {
        opts.onNote?.(l10n.t('The container started again.'));
        break;
      }
    }
  }
}

function pumpLines(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  tty: boolean,
  opts: FollowLogsOptions,
  accept: (ts: string) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const make = (which: 'stdout' | 'stderr') => {
      const lines = new LineSplitter((line) => {
        const m = TS.exec(line);
        if (m && !accept(m[1]!)) return; // the timestamp group always takes part in a match
        opts.onLine(m && !opts.timestamps ? line.slice(m[0].length) : line, which);
      });
      return { data: (d: Buffer) => lines.push(d), end: () => lines.end() };
    };
    const out = make('stdout');
    const err = make('stderr');
    if (tty) stream.on('data', out.data);
    else {
      const o = new PassThrough();
      const e = new PassThrough();
      o.on('data', out.data);
      e.on('data', err.data);
      docker.modem.demuxStream(stream, o, e);
    }
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      out.end();
      err.end();
      resolve();
    };
    stream.on('end', finish);
    stream.on('close', finish);
    stream.on('error', finish);
  });
}
