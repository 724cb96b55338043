// What runs inside a container (GET /containers/{id}/top, `docker top` with ps options) and the signals a user
// sends it (POST /containers/{id}/kill?signal=…). The table is the engine's: its titles depend on the ps options.
import type Docker from 'dockerode';
import { toEngineError } from './errors';

export interface ProcessTable {
  titles: string[];
  processes: string[][];
}

/** The signals offered first; any other name or number can be typed (the engine checks it). */
export const COMMON_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGKILL'] as const;

/** A signal as the engine takes it: a name with or without SIG, or a number. Undefined when it is neither. */
export function normaliseSignal(text: string): string | undefined {
  const t = text.trim().toUpperCase();
  if (/^\d{1,2}$/.test(t)) return t;
  if (/^(SIG)?[A-Z][A-Z0-9+-]*$/.test(t)) return t.startsWith('SIG') ? t : `SIG${t}`;
  return undefined;
}

export async function containerTop(
  docker: Docker,
  id: string,
  o: { psArgs?: string; signal?: AbortSignal; endpoint?: string } = {},
): Promise<ProcessTable> {
  try {
    const r = (await docker.getContainer(id).top({
      ...(o.psArgs?.trim() ? { ps_args: o.psArgs.trim() } : {}),
      abortSignal: o.signal,
    } as object)) as { Titles?: string[] | null; Processes?: string[][] | null };
    return splitColumns({ titles: r.Titles ?? [], processes: r.Processes ?? [] });
  } catch (e) {
    throw toEngineError(e, o.endpoint ?? 'engine');
  }
}

/**
 * Podman (4.x) answers `top` without ps options, or with ps-style ones ("-eo pid,comm", which it runs with the
 * container's own ps), as one title and one cell per row, still holding ps's aligned columns: they are split here
 * on whitespace, the last column (the command, which has spaces of its own) taking the rest of the row.
 */
export function splitColumns(t: ProcessTable): ProcessTable {
  const [only] = t.titles;
  if (t.titles.length !== 1 || !only || !/\S\s+\S/.test(only.trim())) return t;
  const titles = only.trim().split(/\s+/);
  const split = (row: string) => {
    const cells: string[] = [];
    let rest = row.trim();
    while (cells.length < titles.length - 1) {
      const m = /^(\S+)\s*(.*)$/s.exec(rest);
      if (!m) break;
      cells.push(m[1]!);
      rest = m[2] ?? '';
    }
    return [...cells, rest];
  };
  return { titles, processes: t.processes.map((r) => split(r.join(' '))) };
}

/** The table as aligned text columns; the last column (the command) is never padded. */
export function formatProcessTable(t: ProcessTable): string {
  const rows = [t.titles, ...t.processes];
  const widths = t.titles.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
