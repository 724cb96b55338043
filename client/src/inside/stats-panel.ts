// The live stats panel: CPU %, memory, network and block I/O rates and PIDs of one container, a Compose project or
// all running containers, drawn as charts of the last few minutes by media/stats-panel.js. The extension host owns
// the streams (one GET /containers/{id}/stats per shown container) and keeps the history, so the webview can be
// thrown away when hidden: every stream closes when the panel is hidden or closed and reopens when it is shown.
// A container that starts in the scope while the panel shows (a project scaled up, a service restarted) joins it when
// the explorer's store hears of it from the engine's events.
import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';
import type { ExplorerController } from '../explorer/controller';
import { rates, type ContainerStats } from '../engine/stats';
import { newNonce, webviewPage } from '../webview-page';

/** What the panel shows: resolved again each time it is shown (a project's or the engine's running containers). */
export interface StatsScope {
  title: string;
  key: string;
  containers(): Promise<Array<{ id: string; name: string }>>;
}

/** One point of a chart, as the webview draws it. */
export interface StatsPoint {
  t: number;
  cpu: number;
  mem: number;
  limit: number;
  rx: number;
  tx: number;
  read: number;
  write: number;
  pids: number;
}

/** Five minutes at one sample a second. */
export const HISTORY_POINTS = 300;

const panels = new Set<StatsPanel>();

/** The open panels (the extension-host tests and the benchmark look at them). */
export function statsPanels(): ReadonlySet<StatsPanel> {
  return panels;
}

export class StatsPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly history = new Map<string, { name: string; points: StatsPoint[]; ended: boolean }>();
  private streams: AbortController | undefined;
  /** Containers with an open stream under `streams`. */
  private streaming = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Samples received since the panel opened (the tests wait on it). */
  samples = 0;

  static show(extensionUri: vscode.Uri, controller: () => Promise<ExplorerController>, scope: StatsScope): StatsPanel {
    for (const p of panels)
      if (p.scope.key === scope.key) {
        p.panel.reveal();
        return p;
      }
    return new StatsPanel(extensionUri, controller, scope);
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: () => Promise<ExplorerController>,
    readonly scope: StatsScope,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(
      'berth.stats',
      vscode.l10n.t('Stats: {0}', scope.title),
      vscode.ViewColumn.Active,
      { enableScripts: true, localResourceRoots: [media] },
    );
    this.panel.iconPath = vscode.Uri.joinPath(media, 'berth.svg');
    panels.add(this);
    this.subscriptions.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) void this.open();
        else this.close();
      }),
      this.panel.webview.onDidReceiveMessage((m: { type?: string }) => {
        if (m.type === 'ready') this.sendAll();
      }),
    );
    this.panel.webview.html = this.html();
    void this.open();
    void controller().then((c) => {
      if (!panels.has(this)) return;
      const sub = c.onDidChange((views) => {
        if (views.includes('containers') && this.streams) void this.follow(this.streams);
      });
      this.subscriptions.push(sub);
    });
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Opens one stream per container of the scope (unless already streaming). */
  private async open(): Promise<void> {
    if (this.streams) return;
    const streams = new AbortController();
    this.streams = streams;
    this.streaming = new Set();
    await this.follow(streams, true);
  }

  /** Streams each container of the scope that has no stream yet; `opening`: the panel was just shown. */
  private async follow(streams: AbortController, opening = false): Promise<void> {
    let engine;
    let containers: Array<{ id: string; name: string }>;
    try {
      engine = await (await this.controller()).engine();
      containers = await this.scope.containers();
    } catch (e) {
      // Nothing is streaming: showing the panel again tries again.
      if (opening && this.streams === streams) this.streams = undefined;
      void this.panel.webview.postMessage({ type: 'error', message: (e as Error).message });
      return;
    }
    if (streams.signal.aborted) return;
    const streaming = this.streaming;
    const joining = containers.filter((c) => !streaming.has(c.id));
    if (!joining.length && !opening) return;
    for (const c of joining) streaming.add(c.id);
    // Every stream of the panel listens to this one signal (a project or "all running" can be many containers).
    setMaxListeners(10 + 2 * streaming.size, streams.signal);
    for (const c of joining) {
      const h = this.history.get(c.id) ?? { name: c.name, points: [], ended: false };
      h.ended = false;
      this.history.set(c.id, h);
    }
    this.sendAll();
    if (!containers.length)
      void this.panel.webview.postMessage({ type: 'error', message: vscode.l10n.t('No running container to show.') });
    for (const c of joining) {
      let previous: ContainerStats | undefined;
      void engine
        .streamStats(
          c.id,
          (s) => {
            const h = this.history.get(c.id);
            if (!h) return;
            const r = previous ? rates(previous, s) : undefined;
            previous = s;
            // The first sample has no rate yet: it only sets the counters' starting point.
            if (!r) return;
            const point: StatsPoint = {
              t: s.at.getTime(),
              cpu: s.cpuPercent,
              mem: s.memoryBytes,
              limit: s.memoryLimitBytes,
              rx: r.netRxPerSec,
              tx: r.netTxPerSec,
              read: r.blockReadPerSec,
              write: r.blockWritePerSec,
              pids: s.pids,
            };
            h.points.push(point);
            if (h.points.length > HISTORY_POINTS) h.points.splice(0, h.points.length - HISTORY_POINTS);
            this.samples++;
            void this.panel.webview.postMessage({ type: 'sample', id: c.id, point });
          },
          { signal: streams.signal },
        )
        .catch((e: unknown) => {
          if (!streams.signal.aborted)
            void this.panel.webview.postMessage({ type: 'error', message: (e as Error).message });
        })
        .finally(() => {
          streaming.delete(c.id);
          const h = this.history.get(c.id);
          // A stream that ends by itself means the container stopped; an aborted one will reopen when shown.
          if (h && !streams.signal.aborted) {
            h.ended = true;
            void this.panel.webview.postMessage({ type: 'ended', id: c.id });
          }
        });
    }
  }

  /** Closes every stream (hidden or closed). */
  private close(): void {
    this.streams?.abort();
    this.streams = undefined;
  }

  private sendAll(): void {
    void this.panel.webview.postMessage({
      type: 'init',
      historyPoints: HISTORY_POINTS,
      containers: [...this.history.entries()].map(([id, h]) => ({
        id,
        name: h.name,
        ended: h.ended,
        points: h.points,
      })),
      labels: {
        cpu: vscode.l10n.t('CPU %'),
        mem: vscode.l10n.t('Memory'),
        net: vscode.l10n.t('Network (rx solid, tx dashed)'),
        block: vscode.l10n.t('Block I/O (read solid, write dashed)'),
        pids: vscode.l10n.t('PIDs'),
        stopped: vscode.l10n.t('stopped'),
        container: vscode.l10n.t('Container'),
        waiting: vscode.l10n.t('Waiting for the first samples…'),
      },
    });
  }

  private html(): string {
    const nonce = newNonce();
    const webview = this.panel.webview;
    const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', f));
    // Nothing remote: only this extension's script and stylesheet, the script by nonce.
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `img-src ${webview.cspSource} data:`,
    ].join('; ');
    return webviewPage({
      lang: vscode.env.language,
      csp,
      title: this.scope.title,
      head: `<link rel="stylesheet" href="${media('stats-panel.css').toString()}">`,
      body: `<div id="error" hidden></div>
<div id="charts"></div>
<table id="now"></table>
<script nonce="${nonce}" src="${media('stats-panel.js').toString()}"></script>`,
    });
  }

  dispose(): void {
    this.close();
    panels.delete(this);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.panel.dispose();
  }
}
