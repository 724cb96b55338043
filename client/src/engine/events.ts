// Live refresh from the engine's /events stream: what data an event makes stale, a debounce that turns a burst into
// one refresh, and a reconnect loop with backoff that resyncs everything once the engine answers again
// (e.g. after a daemon restart). Runs only while someone wants it (a view is visible); nothing polls.
import type { Readable } from 'node:stream';
import type { Engine } from './engine';
import { LineSplitter } from './lines';

/** The engine's lists that events make stale. Which views show them is the explorer's business (explorer/views.ts). */
export type ResourceKind = 'containers' | 'images' | 'volumes' | 'networks';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['containers', 'images', 'volumes', 'networks'];

export interface EngineEvent {
  Type?: string;
  Action?: string;
  /** Older engines: the status/action of container and image events. */
  status?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** What one event makes stale. */
export interface EventEffect {
  /** Lists to re-read whole. */
  lists: ResourceKind[];
  /** The container the event names must be re-read: its 'state' changed, or the set of containers ('membership'),
   *  on which other lists' in-use markers depend. */
  container?: 'state' | 'membership';
}

// Events that change nothing any list holds (exec, attach, resize, file copies, top…).
const IGNORED_CONTAINER_ACTIONS = /^(exec_|attach|detach|resize|top|archive-path|extract-to-dir|export|copy)/;
const NOTHING: EventEffect = { lists: [] };

/** The one table from engine events to the data they make stale. */
export function effectOf(ev: EngineEvent): EventEffect {
  const action = ev.Action ?? ev.status ?? '';
  switch (ev.Type) {
    case 'container':
      if (IGNORED_CONTAINER_ACTIONS.test(action)) return NOTHING;
      if (action === 'commit') return { lists: ['images'] };
      return { lists: [], container: action === 'create' || action === 'destroy' ? 'membership' : 'state' };
    case 'image':
      return action === 'save' || action === 'push' ? NOTHING : { lists: ['images'] };
    case 'volume':
      return { lists: ['volumes'] };
    case 'network':
      return { lists: ['networks'] };
    case 'daemon':
      return { lists: [...RESOURCE_KINDS] };
    default:
      return NOTHING;
  }
}

/** What a burst of events changed, so the store can re-read only that (a container by id, not all 1,000). */
export interface BurstChanges {
  /** Lists to re-read whole. */
  lists: ResourceKind[];
  /** Containers to re-read by id; undefined = no container event with an id in the burst. */
  containerIds?: string[];
  /** The last action seen per container id in the burst (start, die, destroy…). */
  containerActions?: Record<string, string>;
  /** A container was created or removed: lists that mark what containers use must be redrawn. */
  containerSetChanged?: boolean;
}

export interface EventHubOptions {
  /** Gives the engine; `fresh` = forget the last connection (after the stream broke). */
  engine: (fresh: boolean) => Promise<Engine>;
  /** Called once per debounced burst with what changed, and after every (re)connect with 'resync' (anything may
   *  have changed while nobody listened). */
  refresh: (reason: 'event' | 'resync', changes?: BurstChanges) => void;
  /** The engine could not be reached while reconnecting; the hub keeps trying. */
  unreachable?: (err: unknown) => void;
  /** Quiet time that ends a burst. */
  debounceMs?: number;
  /** A continuous stream of events still refreshes at least this often. */
  maxWaitMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** A stream must stay up this long before its end resets the backoff (an engine that accepts and closes at once
   *  would otherwise be reconnected to, and every view resynced, at the initial backoff forever). */
  stableMs?: number;
  /** Clock and timers (tests drive them by hand). */
  timers?: HubTimers;
}

export interface HubTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: HubTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

export class EventHub {
  private running = false;
  private stream?: Readable;
  private abort?: AbortController;
  private pendingLists = new Set<ResourceKind>();
  private pendingContainers = new Map<string, string>();
  private pendingSetChange = false;
  private debounceTimer?: unknown;
  private maxWaitTimer?: unknown;
  private retryTimer?: unknown;
  private backoff: number;
  /** When the current stream opened (timers.now()). */
  private connectedAt?: number;
  private readonly timers: HubTimers;
  private generation = 0;
  /** True while the stream is open. */
  connected = false;

  constructor(private readonly o: EventHubOptions) {
    this.backoff = o.backoffInitialMs ?? 250;
    this.timers = o.timers ?? realTimers;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts following events (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.open(false);
  }

  /** Stops following events and drops anything pending (idempotent). */
  stop(): void {
    this.running = false;
    this.generation++;
    this.closeStream();
    for (const t of [this.debounceTimer, this.maxWaitTimer, this.retryTimer]) if (t) this.timers.clearTimeout(t);
    this.debounceTimer = this.maxWaitTimer = this.retryTimer = undefined;
    this.clearPending();
  }

  private clearPending(): void {
    this.pendingLists.clear();
    this.pendingContainers.clear();
    this.pendingSetChange = false;
  }

  /** Reconnects now (manual Refresh / Retry), resetting the backoff. */
  restart(): void {
    this.stop();
    this.backoff = this.o.backoffInitialMs ?? 250;
    this.start();
  }

  private closeStream(): void {
    this.connected = false;
    this.abort?.abort();
    this.stream?.destroy();
    this.stream = this.abort = undefined;
  }

  private async open(fresh: boolean): Promise<void> {
    const gen = ++this.generation;
    try {
      const engine = await this.o.engine(fresh);
      if (gen !== this.generation) return;
      this.abort = new AbortController();
      const stream = await engine.events({ signal: this.abort.signal });
      if (gen !== this.generation) {
        stream.destroy();
        return;
      }
      this.stream = stream;
      this.connected = true;
      // The backoff is reset only once the stream has proved stable (see `broken` in follow), not on every answer.
      this.connectedAt = this.timers.now();
      this.follow(stream, gen);
      // Anything may have changed while we were not listening.
      this.o.refresh('resync');
    } catch (e) {
      if (gen !== this.generation) return;
      this.o.unreachable?.(e);
      this.scheduleReconnect(gen);
    }
  }

  private follow(stream: Readable, gen: number): void {
    const lines = new LineSplitter((raw) => {
      const line = raw.trim();
      if (!line) return;
      try {
        this.onEvent(JSON.parse(line) as EngineEvent);
      } catch {
        /* a torn line is skipped; the next resync covers it */
      }
    });
    stream.on('data', (chunk: string | Buffer) => lines.push(chunk));
    const broken = (): void => {
      if (gen !== this.generation || !this.running) return;
      if (this.connectedAt !== undefined && this.timers.now() - this.connectedAt >= (this.o.stableMs ?? 30_000))
        this.backoff = this.o.backoffInitialMs ?? 250;
      this.connectedAt = undefined;
      this.closeStream();
      this.scheduleReconnect(gen);
    };
    stream.on('end', broken);
    stream.on('close', broken);
    stream.on('error', broken);
  }

  private scheduleReconnect(gen: number): void {
    if (!this.running || gen !== this.generation || this.retryTimer) return;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.o.backoffMaxMs ?? 5000);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running && gen === this.generation) void this.open(true);
    }, wait);
  }

  private onEvent(ev: EngineEvent): void {
    const effect = effectOf(ev);
    if (!effect.lists.length && !effect.container) return;
    for (const l of effect.lists) this.pendingLists.add(l);
    if (effect.container) {
      if (ev.Actor?.ID) this.pendingContainers.set(ev.Actor.ID, ev.Action ?? ev.status ?? '');
      else this.pendingLists.add('containers');
      if (effect.container === 'membership') this.pendingSetChange = true;
    }
    const debounce = this.o.debounceMs ?? 40;
    if (this.debounceTimer) this.timers.clearTimeout(this.debounceTimer);
    this.debounceTimer = this.timers.setTimeout(() => this.flush(), debounce);
    this.maxWaitTimer ??= this.timers.setTimeout(() => this.flush(), this.o.maxWaitMs ?? 150);
  }

  private flush(): void {
    for (const t of [this.debounceTimer, this.maxWaitTimer]) if (t) this.timers.clearTimeout(t);
    this.debounceTimer = this.maxWaitTimer = undefined;
    if (!this.pendingLists.size && !this.pendingContainers.size) return;
    const changes: BurstChanges = {
      lists: [...this.pendingLists],
      containerIds: this.pendingContainers.size ? [...this.pendingContainers.keys()] : undefined,
      containerActions: this.pendingContainers.size ? Object.fromEntries(this.pendingContainers) : undefined,
      containerSetChanged: this.pendingSetChange || undefined,
    };
    this.clearPending();
    this.o.refresh('event', changes);
  }
}
