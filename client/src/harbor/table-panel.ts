// A webview panel showing one table (table.ts): a strict Content-Security-Policy (nothing remote, one nonce for the
// inline style and script), theme colours only, and no state in the page: every header click, filter keystroke or
// switch is a message, and the extension answers with the new header and rows. Links open through the extension
// (http and https only); export buttons run the caller's export with the rows as shown.
import * as vscode from 'vscode';
import {
  bodyHtml,
  headerHtml,
  initialState,
  nextState,
  safeLink,
  visibleRows,
  type TableMessage,
  type TableSpec,
  type TableState,
} from './table';
import { escapeHtml, newNonce, webviewPage } from '../webview-page';

export interface TableExport<T> {
  id: string;
  label: string;
  run: (rows: T[]) => Promise<unknown>;
}

/** What the tests see of an open panel: its page, its state, the rows shown, and a way to act as the page does. */
export interface TableHandle {
  title: string;
  html(): string;
  state(): TableState;
  shown(): unknown[];
  /** Handles a message as if the page had sent it; resolves when its answer was posted. */
  receive(message: unknown): Promise<unknown>;
  disposed(): boolean;
}

let last: TableHandle | undefined;
export function lastTablePanel(): TableHandle | undefined {
  return last;
}

export function openTablePanel<T>(opts: {
  viewType: string;
  title: string;
  summary: string;
  spec: TableSpec<T>;
  rows: T[];
  exports: TableExport<T>[];
  empty: string;
}): TableHandle {
  const panel = vscode.window.createWebviewPanel(opts.viewType, opts.title, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [],
  });
  let state = initialState();
  let disposed = false;
  const shown = () => visibleRows(opts.spec, opts.rows, state);
  const countText = (n: number) =>
    n === opts.rows.length ? vscode.l10n.t('{0} rows', n) : vscode.l10n.t('{0} of {1} rows', n, opts.rows.length);
  const render = async () => {
    const rows = shown();
    await panel.webview.postMessage({
      type: 'render',
      head: headerHtml(opts.spec, state),
      body: rows.length ? bodyHtml(opts.spec, rows) : emptyRow(opts.spec.columns.length, opts.empty),
      count: countText(rows.length),
    });
  };
  const receive = async (m: unknown): Promise<unknown> => {
    if (!m || typeof m !== 'object') return undefined;
    const msg = m as Record<string, unknown>;
    if (msg.type === 'export') {
      const ex = opts.exports.find((e) => e.id === msg.id);
      return ex?.run(shown());
    }
    if (msg.type === 'open' && typeof msg.url === 'string') {
      const safe = safeLink(msg.url);
      return safe ? vscode.env.openExternal(vscode.Uri.parse(safe)) : undefined;
    }
    const table = asTableMessage(msg);
    if (!table) return undefined;
    state = nextState(opts.spec, state, table);
    await render();
    return shown().length;
  };
  panel.webview.onDidReceiveMessage((m: unknown) => void receive(m));
  panel.onDidDispose(() => (disposed = true));
  const rows = shown();
  panel.webview.html = pageHtml({
    nonce: newNonce(),
    title: opts.title,
    summary: opts.summary,
    head: headerHtml(opts.spec, state),
    body: rows.length ? bodyHtml(opts.spec, rows) : emptyRow(opts.spec.columns.length, opts.empty),
    count: countText(rows.length),
    switches: (opts.spec.switches ?? []).map((s) => ({ id: s.id, label: s.label })),
    exports: opts.exports.map((e) => ({ id: e.id, label: e.label })),
  });
  last = {
    title: opts.title,
    html: () => panel.webview.html,
    state: () => state,
    shown,
    receive,
    disposed: () => disposed,
  };
  return last;
}

function asTableMessage(m: Record<string, unknown>): TableMessage | undefined {
  if (m.type === 'sort' && typeof m.column === 'string') return { type: 'sort', column: m.column };
  if (m.type === 'filter' && typeof m.text === 'string') return { type: 'filter', text: m.text };
  if (m.type === 'switch' && typeof m.id === 'string' && typeof m.on === 'boolean')
    return { type: 'switch', id: m.id, on: m.on };
  return undefined;
}

function emptyRow(columns: number, text: string): string {
  return `<tr><td colspan="${columns}" class="empty">${escapeHtml(text)}</td></tr>`;
}

function pageHtml(p: {
  nonce: string;
  title: string;
  summary: string;
  head: string;
  body: string;
  count: string;
  switches: Array<{ id: string; label: string }>;
  exports: Array<{ id: string; label: string }>;
}): string {
  const n = p.nonce;
  const switches = p.switches
    .map((s) => `<label><input type="checkbox" data-switch="${escapeHtml(s.id)}"> ${escapeHtml(s.label)}</label>`)
    .join(' ');
  const exports = p.exports
    .map(
      (e) => `<button type="button" class="export" data-export="${escapeHtml(e.id)}">${escapeHtml(e.label)}</button>`,
    )
    .join(' ');
  return webviewPage({
    lang: vscode.env.language,
    csp: `default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';`,
    title: p.title,
    head: `<style nonce="${n}">
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 12px 12px; }
header { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; z-index: 1; }
.summary { margin: 0 0 8px; color: var(--vscode-descriptionForeground); }
.controls { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
input[type=search] { min-width: 16em; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; }
input[type=search]:focus, button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
button.export { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 3px 10px; cursor: pointer; }
button.export:hover { background: var(--vscode-button-secondaryHoverBackground); }
#count { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; border-bottom: 1px solid var(--vscode-panel-border); padding: 4px 8px; white-space: nowrap; }
th button { all: unset; cursor: pointer; font-weight: 600; }
td { padding: 3px 8px; border-bottom: 1px solid var(--vscode-editorGroup-border); vertical-align: top; }
td.col-description { max-width: 32em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
tr:hover td { background: var(--vscode-list-hoverBackground); }
td.empty { color: var(--vscode-descriptionForeground); font-style: italic; }
a { color: var(--vscode-textLink-foreground); }
.sev-Critical, .sev-High { color: var(--vscode-errorForeground); font-weight: 600; }
.sev-Medium { color: var(--vscode-editorWarning-foreground); }
</style>`,
    body: `<header>
<p class="summary">${escapeHtml(p.summary)}</p>
<div class="controls">
<input type="search" id="filter" placeholder="${escapeHtml(vscode.l10n.t('Filter'))}" aria-label="${escapeHtml(vscode.l10n.t('Filter'))}">
${switches}
<span id="count" aria-live="polite">${escapeHtml(p.count)}</span>
${exports}
</div>
</header>
<table>
<thead><tr id="head">${p.head}</tr></thead>
<tbody id="body">${p.body}</tbody>
</table>
<script nonce="${n}">
(function () {
  const vscode = acquireVsCodeApi();
  const head = document.getElementById('head');
  const body = document.getElementById('body');
  const count = document.getElementById('count');
  head.addEventListener('click', (e) => {
    const b = e.target.closest('[data-sort]');
    if (b) vscode.postMessage({ type: 'sort', column: b.dataset.sort });
  });
  let timer;
  document.getElementById('filter').addEventListener('input', (e) => {
    clearTimeout(timer);
    const text = e.target.value;
    timer = setTimeout(() => vscode.postMessage({ type: 'filter', text }), 150);
  });
  for (const c of document.querySelectorAll('[data-switch]'))
    c.addEventListener('change', () => vscode.postMessage({ type: 'switch', id: c.dataset.switch, on: c.checked }));
  for (const b of document.querySelectorAll('[data-export]'))
    b.addEventListener('click', () => vscode.postMessage({ type: 'export', id: b.dataset.export }));
  body.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-open]');
    if (!a) return;
    e.preventDefault();
    vscode.postMessage({ type: 'open', url: a.dataset.open });
  });
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || m.type !== 'render') return;
    head.innerHTML = m.head;
    body.innerHTML = m.body;
    count.textContent = m.count;
  });
})();
</script>`,
  });
}
