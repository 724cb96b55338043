// A sortable, filterable table as data and HTML, for the vulnerability and SBOM views: which rows show under a
// sort, a text filter and on/off switches, and the escaped HTML of the header and body. Pure: no vscode, so the
// whole behaviour of the views is tested in plain Node; table-panel.ts only carries messages to and from a webview.
import { escapeHtml } from '../webview-page';

export interface TableColumn<T> {
  id: string;
  title: string;
  /** The cell's text. */
  text: (row: T) => string;
  /** What the column sorts by, when not its text (severity by rank, CVSS as a number). */
  sortKey?: (row: T) => number | string;
  /** Links shown in the cell instead of its text (only http and https are kept). */
  links?: (row: T) => string[];
  /** Sorts descending first (CVSS: highest first). */
  descendingFirst?: boolean;
  /** A class for the cell, from its value (severity colours); letters, digits and dashes only. */
  cellClass?: (row: T) => string;
}

export interface TableSwitch<T> {
  id: string;
  label: string;
  /** Rows kept while the switch is on. */
  keep: (row: T) => boolean;
}

export interface TableState {
  sort?: string;
  descending: boolean;
  filter: string;
  switches: Record<string, boolean>;
}

export interface TableSpec<T> {
  columns: TableColumn<T>[];
  switches?: TableSwitch<T>[];
  /** The order before any column is chosen. */
  initialOrder?: (a: T, b: T) => number;
}

/** A message from the webview: a header clicked, the filter typed, a switch flipped. */
export type TableMessage =
  | { type: 'sort'; column: string }
  | { type: 'filter'; text: string }
  | { type: 'switch'; id: string; on: boolean };

export function initialState(): TableState {
  return { descending: false, filter: '', switches: {} };
}

/** The state after a message; clicking the sorted column again reverses it. Unknown columns change nothing. */
export function nextState<T>(spec: TableSpec<T>, state: TableState, m: TableMessage): TableState {
  switch (m.type) {
    case 'sort': {
      const col = spec.columns.find((c) => c.id === m.column);
      if (!col) return state;
      const descending = state.sort === m.column ? !state.descending : !!col.descendingFirst;
      return { ...state, sort: m.column, descending };
    }
    case 'filter':
      return { ...state, filter: m.text.slice(0, 200) };
    case 'switch':
      return spec.switches?.some((s) => s.id === m.id)
        ? { ...state, switches: { ...state.switches, [m.id]: m.on } }
        : state;
  }
}

/** The rows shown: switched-on filters, then every word of the filter text in some cell, then the sort. */
export function visibleRows<T>(spec: TableSpec<T>, rows: T[], state: TableState): T[] {
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const on = (spec.switches ?? []).filter((s) => state.switches[s.id]);
  const kept = rows.filter((r) => {
    if (!on.every((s) => s.keep(r))) return false;
    if (!words.length) return true;
    const hay = spec.columns.map((c) => c.text(r).toLowerCase()).join('\u0000');
    return words.every((w) => hay.includes(w));
  });
  const col = spec.columns.find((c) => c.id === state.sort);
  if (!col) return spec.initialOrder ? [...kept].sort(spec.initialOrder) : kept;
  const key = col.sortKey ?? col.text;
  const sign = state.descending ? -1 : 1;
  // Stable: equal keys keep the initial order.
  const base = spec.initialOrder ? [...kept].sort(spec.initialOrder) : kept;
  return base
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => sign * compare(a.k, b.k) || a.i - b.i)
    .map((x) => x.r);
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** http(s) URLs only: a scanner's link is data, and anything else (javascript:, command:) is dropped. */
export function safeLink(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function headerHtml<T>(spec: TableSpec<T>, state: TableState): string {
  return spec.columns
    .map((c) => {
      const sorted = state.sort === c.id;
      const aria = sorted ? (state.descending ? 'descending' : 'ascending') : 'none';
      const arrow = sorted ? (state.descending ? ' ▼' : ' ▲') : '';
      return `<th scope="col" aria-sort="${aria}"><button type="button" data-sort="${escapeHtml(c.id)}">${escapeHtml(c.title)}${arrow}</button></th>`;
    })
    .join('');
}

export function bodyHtml<T>(spec: TableSpec<T>, rows: T[]): string {
  return rows
    .map((r) => {
      const cells = spec.columns.map((c) => {
        if (c.links) {
          const links = c.links(r).flatMap((l) => {
            const safe = safeLink(l);
            return safe
              ? [`<a href="${escapeHtml(safe)}" data-open="${escapeHtml(safe)}">${escapeHtml(shortLink(safe))}</a>`]
              : [];
          });
          return `<td>${links.join('<br>')}</td>`;
        }
        const text = c.text(r);
        const extra = c.cellClass?.(r).replace(/[^A-Za-z0-9-]/g, '');
        return `<td class="col-${escapeHtml(c.id)}${extra ? ` ${extra}` : ''}" title="${escapeHtml(text)}">${escapeHtml(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
}

/** A link as the table shows it: its host and the end of its path. */
function shortLink(url: string): string {
  const u = new URL(url);
  const tail = u.pathname.split('/').filter(Boolean).pop();
  return tail ? `${u.host}/…/${tail}` : u.host;
}
