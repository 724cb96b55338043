// The explorer's runtime: which views are visible, their per-workspace options, the event hub that runs only
// while a view is visible, and the store the tree providers read. Created on first need (a view becomes visible
// or a command runs), never at activation.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { EventHub } from '../engine/events';
import { getEngineManager, type EngineManager } from '../engine/manager';
import type { BerthLanguageClient } from '../language/client';
import { buildViewTree, type AllViewOptions, type ExplorerNode } from './model/index';
import type { SortKey } from './model/nodes';
import { realTags, splitRepoTag } from '../image-reference';
import { ExplorerStore } from './store';
import { ALL_VIEWS, type ViewKind } from './views';
import { trustedSetting } from '../trust';

export interface PersistedViewOptions {
  sort?: SortKey;
  filter?: string;
  showDangling?: boolean;
  showBuiltIn?: boolean;
  onlyWorkspaceProjects?: boolean;
}

const OVERRIDE_KEY = 'berth.engine.override';

export class ExplorerController implements vscode.Disposable {
  readonly manager: EngineManager;
  readonly store: ExplorerStore;
  readonly hub: EventHub;
  private readonly visible = new Set<ViewKind>();
  private readonly changeEmitter = new vscode.EventEmitter<ViewKind[]>();
  /** Fires with the views whose nodes must be rebuilt. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposers: Array<() => void> = [];
  private lastImagesKey = '';
  private readonly platforms = new Map<string, string | null>();
  private readingPlatforms = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly language: BerthLanguageClient | undefined,
  ) {
    this.manager = getEngineManager();
    // A repository's own berth.engine.host applies only once the folder is trusted (restrictedConfigurations + this).
    this.manager.configure({ settingHost: () => trustedSetting<string>('berth.engine', 'host', '') || undefined });
    const saved = context.workspaceState.get<string>(OVERRIDE_KEY);
    if (saved) void this.manager.use(saved).catch(() => undefined);
    this.store = new ExplorerStore(() => this.manager.get());
    this.hub = new EventHub({
      engine: (fresh) => (fresh ? this.manager.reconnect() : this.manager.get()),
      refresh: (_reason, changes) => void this.store.apply(changes, (v) => this.visible.has(v) || this.store.loaded(v)),
      unreachable: (e) => {
        this.manager.markUnreachable(e);
        this.store.fail(e);
      },
    });
    this.disposers.push(
      this.store.onDidChange((views) => {
        if (views.includes('images')) this.publishImages();
        this.changeEmitter.fire(views);
      }),
    );
    this.disposers.push(
      this.manager.onDidChangeState((s) => {
        // A switch of engine (status bar) or recovery: everything shown is stale.
        if (s.kind === 'connected' && this.visible.size) void this.store.refresh([...this.visible]);
      }),
    );
  }

  engine(): Promise<Engine> {
    return this.manager.get();
  }

  /** Tree view visibility: the event stream runs while at least one view is visible. */
  setVisible(view: ViewKind, visible: boolean): void {
    if (visible) this.visible.add(view);
    else this.visible.delete(view);
    if (this.visible.size) this.hub.start();
    else this.hub.stop();
  }

  isVisible(view: ViewKind): boolean {
    return this.visible.has(view);
  }

  /** Root nodes for a view, loading its data on first call. */
  async roots(view: ViewKind): Promise<ExplorerNode[]> {
    if (!this.store.loaded(view) && !this.store.error) await this.store.refresh([view]);
    return buildViewTree(view, this.store.data, this.viewOptions(view), this.store.error?.message) ?? [];
  }

  /** Manual Refresh / Retry: reconnect when the engine was unreachable, re-read every view that has been shown. */
  async refresh(): Promise<void> {
    if (this.manager.current.kind === 'unreachable' || this.store.error) {
      await this.manager.reconnect().catch(() => undefined);
      if (this.visible.size) this.hub.restart();
    }
    await this.store.refresh(ALL_VIEWS.filter((v) => this.visible.has(v) || this.store.loaded(v)));
  }

  /** Switches engines for this workspace (undefined = normal resolution). */
  async useEngine(hostOrContext: string | undefined): Promise<void> {
    await this.context.workspaceState.update(OVERRIDE_KEY, hostOrContext);
    this.hub.stop();
    this.store.forget();
    await this.manager.use(hostOrContext).catch((e) => this.store.fail(e));
    if (this.visible.size) this.hub.start();
    await this.refresh();
  }

  persisted(view: ViewKind): PersistedViewOptions {
    return this.context.workspaceState.get<PersistedViewOptions>(`berth.explorer.${view}`) ?? {};
  }

  async updateOptions(view: ViewKind, patch: PersistedViewOptions): Promise<void> {
    await this.context.workspaceState.update(`berth.explorer.${view}`, { ...this.persisted(view), ...patch });
    this.changeEmitter.fire([view]);
  }

  viewOptions(view: ViewKind): AllViewOptions {
    const p = this.persisted(view);
    const folders = p.onlyWorkspaceProjects
      ? (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)
      : undefined;
    return {
      sort: p.sort,
      filter: p.filter,
      showDangling: p.showDangling,
      showBuiltIn: p.showBuiltIn,
      workspaceFolders: folders,
    };
  }

  /** Tells the language server which images exist locally (FROM / image: completion, and their platforms for
   * InvalidBaseImagePlatform), only when what it would say changed. Platforms come from one inspect per image id,
   * remembered, since an id's platform never changes; they follow in a second message once read. */
  private publishImages(): void {
    if (!this.language || !this.store.data.images) return;
    const images = this.store.data.images;
    const groups = new Map<string, { repository: string; tags: Set<string>; platform?: string }>();
    for (const img of images) {
      const platform = this.platforms.get(img.Id) ?? undefined;
      for (const ref of realTags(img)) {
        const [repository, tag] = splitRepoTag(ref);
        const key = `${repository}\u0000${platform ?? ''}`;
        (groups.get(key) ?? groups.set(key, { repository, tags: new Set(), platform }).get(key)!).tags.add(tag);
      }
    }
    const list = [...groups.values()]
      .map((g) => ({ repository: g.repository, tags: [...g.tags].sort(), platform: g.platform }))
      .sort((a, b) => a.repository.localeCompare(b.repository) || (a.platform ?? '').localeCompare(b.platform ?? ''));
    const engine = this.manager.current.kind === 'connected' ? this.manager.current.engine : undefined;
    const enginePlatform = engine?.platform;
    const key = JSON.stringify([enginePlatform, list]);
    if (key !== this.lastImagesKey) {
      this.lastImagesKey = key;
      this.language.sendEngineImages(list, enginePlatform);
    }
    const unread = images.filter((i) => !this.platforms.has(i.Id) && realTags(i).length > 0).slice(0, 100);
    if (engine && unread.length && !this.readingPlatforms) {
      this.readingPlatforms = true;
      void Promise.all(
        unread.map((i) =>
          engine
            .imagePlatform(i.Id)
            .then((p) => this.platforms.set(i.Id, p ?? null))
            .catch(() => this.platforms.set(i.Id, null)),
        ),
      ).finally(() => {
        this.readingPlatforms = false;
        this.publishImages();
      });
    }
  }

  dispose(): void {
    this.hub.stop();
    for (const d of this.disposers) d();
    this.changeEmitter.dispose();
  }
}
