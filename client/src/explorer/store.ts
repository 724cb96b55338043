// The explorer's cached engine data: engine events → this store → tree models → VS Code trees (one way). The lists
// are private: the store alone fetches, replaces and forgets them; everyone else reads them and hears of changes.
// A refresh fetches each list once, however many views need it (images and volumes need the container list for
// their in-use markers). No `vscode` here: the engine layer tests drive it with plain Node.
import { EventEmitter } from 'node:events';
import type { ContainerSummary, Engine, ImageSummary, NetworkSummary, VolumeSummary } from '../engine/engine';
import { toEngineError, type EngineError } from '../engine/errors';
import type { BurstChanges, ResourceKind } from '../engine/events';
import { ALL_VIEWS, LISTS_OF_VIEW, viewsChangedBy, type ViewKind } from './views';

export interface ExplorerData {
  containers?: ContainerSummary[];
  images?: ImageSummary[];
  volumes?: VolumeSummary[];
  networks?: NetworkSummary[];
}

type ListKind = ResourceKind & keyof ExplorerData;

export class ExplorerStore {
  private lists: ExplorerData = {};
  private failure?: EngineError;
  private readonly emitter = new EventEmitter();
  private inflight = new Map<ListKind, Promise<void>>();

  constructor(private readonly engine: () => Promise<Engine>) {}

  /** The lists as last read (absent until first loaded). */
  get data(): Readonly<ExplorerData> {
    return this.lists;
  }

  /** Set while the engine cannot be reached; every view shows it instead of its content. */
  get error(): EngineError | undefined {
    return this.failure;
  }

  /** Drops every list (another engine is about to be used); the next refresh reads them afresh. */
  forget(): void {
    this.lists = {};
    this.inflight.clear();
  }

  /** Called with the views whose data changed (or that must show/hide the error). */
  onDidChange(listener: (views: ViewKind[]) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** Whether a view's data has been loaded at least once. */
  loaded(view: ViewKind): boolean {
    return LISTS_OF_VIEW[view].every((k) => this.lists[k] !== undefined);
  }

  /** Re-reads what the given views show. Never throws: a failure becomes `error` and every view shows it. */
  async refresh(views: readonly ViewKind[]): Promise<void> {
    const lists = new Set<ListKind>(views.flatMap((v) => LISTS_OF_VIEW[v]));
    let engine: Engine;
    try {
      engine = await this.engine();
    } catch (e) {
      this.fail(e);
      return;
    }
    const fetches = new Map([...lists].map((k) => [k, this.fetch(engine, k)] as const));
    if (this.failure) {
      // Recovering: every view drops the error at once, when everything is back.
      try {
        await Promise.all(fetches.values());
      } catch (e) {
        this.fail(e);
        return;
      }
      this.failure = undefined;
      this.emitter.emit('change', [...ALL_VIEWS]);
      return;
    }
    // Each view appears as soon as its own lists are in: a slow list must not hold back the others (Podman 4.3's
    // compat network list took minutes next to 1,000 containers; Berth now reads Podman's own list instead).
    let failed = false;
    await Promise.all(
      views.map(async (view) => {
        try {
          await Promise.all(LISTS_OF_VIEW[view].map((k) => fetches.get(k)));
        } catch (e) {
          if (!failed) {
            failed = true;
            this.fail(e);
          }
          return;
        }
        if (!failed) this.emitter.emit('change', [view]);
      }),
    );
  }

  /**
   * Applies what the event hub reports, for the views `wanted` accepts: a burst re-reads only the lists it made
   * stale, and containers by id (a filtered list is a few ms where the full list of 1,000 containers costs the
   * engine hundreds); a resync (no `changes`) re-reads every wanted view.
   */
  async apply(changes: BurstChanges | undefined, wanted: (view: ViewKind) => boolean = () => true): Promise<void> {
    const views = (changes ? viewsChangedBy(changes) : ALL_VIEWS).filter(wanted);
    if (!views.length) return;
    if (!changes || this.failure || !this.lists.containers) return this.refresh(views);
    let engine: Engine;
    try {
      engine = await this.engine();
      const work: Array<Promise<void>> = [];
      for (const k of changes.lists) if (this.lists[k] !== undefined) work.push(this.fetch(engine, k));
      if (changes.containerIds && !changes.lists.includes('containers')) {
        work.push(
          changes.containerIds.length > 200
            ? this.fetch(engine, 'containers')
            : this.fetch(engine, 'containers', changes.containerIds, changes.containerActions),
        );
      }
      await Promise.all(work);
    } catch (e) {
      this.fail(e);
      return;
    }
    this.emitter.emit('change', [...views]);
  }

  /** Shows a failure in every view (e.g. reported by the event stream while reconnecting). */
  fail(e: unknown): void {
    const error = toEngineError(e, 'engine');
    const same = this.failure?.message === error.message;
    this.failure = error;
    // Reconnect attempts repeat the same failure: redraw only when what the views say changes.
    if (!same) this.emitter.emit('change', [...ALL_VIEWS]);
  }

  // Concurrent refreshes of the same list share one request, but a request that started before a newer event
  // must not be the last word: a refresh arriving while one is in flight chains a new fetch after it.
  private fetch(
    engine: Engine,
    kind: ListKind,
    containerIds?: string[],
    actions?: Record<string, string>,
  ): Promise<void> {
    const prev = this.inflight.get(kind);
    // Lists dropped by forget() while this request was out are not written back.
    const into = this.lists;
    const run = (prev ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        switch (kind) {
          case 'containers':
            if (containerIds && into.containers) {
              const fresh = await settledContainers(engine, containerIds, actions ?? {});
              const stale = new Set(containerIds);
              // Removed containers are simply absent from the answer.
              into.containers = [...into.containers.filter((c) => !stale.has(c.Id)), ...fresh];
            } else {
              into.containers = await engine.listContainers();
            }
            break;
          case 'images':
            into.images = await engine.listImages();
            break;
          case 'volumes':
            into.volumes = await engine.listVolumes();
            break;
          case 'networks':
            into.networks = await engine.listNetworks();
            break;
        }
      });
    this.inflight.set(kind, run);
    void run
      .finally(() => {
        if (this.inflight.get(kind) === run) this.inflight.delete(kind);
      })
      .catch(() => undefined);
    return run;
  }
}

// The engine emits some events (e.g. "die") before the list it answers from is updated: a by-id read right after the
// event can still say "running". Re-read (briefly) until each container matches what its last event implies.
const EXPECTED_STATE: Record<string, string | null> = {
  start: 'running',
  restart: 'running',
  unpause: 'running',
  pause: 'paused',
  die: 'exited',
  stop: 'exited',
  create: 'created',
  destroy: null,
};

async function settledContainers(
  engine: Engine,
  ids: string[],
  actions: Record<string, string>,
): Promise<ContainerSummary[]> {
  for (let attempt = 0; ; attempt++) {
    const fresh = await engine.listContainers({ ids });
    const byId = new Map(fresh.map((c) => [c.Id, c]));
    const settled = ids.every((id) => {
      const want = EXPECTED_STATE[actions[id] ?? ''];
      if (want === undefined) return true;
      return want === null
        ? !byId.has(id)
        : byId.get(id)?.State === want || (want === 'exited' && byId.get(id)?.State === 'restarting');
    });
    if (settled || attempt >= 8) return fresh;
    await new Promise((r) => setTimeout(r, 15 * (attempt + 1)));
  }
}
