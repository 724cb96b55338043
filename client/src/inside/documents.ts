// Read-only documents of what is inside a container, on Berth's own `berth-inside` scheme:
//   berth-inside:/container/<id>/<path>   a file as the container has it (archive API, running or stopped)
//   berth-inside:/image/<id>/<path>       the same path as the container's image has it (empty when absent)
//   berth-inside:/processes/<id>?<ps>     `top` with ps options, re-read on Refresh
// Each is read when VS Code asks, so a diff of the two sides is always the engine's current answer.
import * as vscode from 'vscode';
import type { ExplorerController } from '../explorer/controller';
import { formatProcessTable } from '../engine/processes';

export const INSIDE_SCHEME = 'berth-inside';

type Side = 'container' | 'image' | 'processes';

export function insideUri(side: Side, containerId: string, path = '', query = '', label?: string): vscode.Uri {
  // The fragment carries a name to show (the container's), never read back.
  return vscode.Uri.from({
    scheme: INSIDE_SCHEME,
    path: `/${side}/${containerId}${path}`,
    query,
    fragment: label ?? '',
  });
}

export function parseInsideUri(uri: vscode.Uri): { side: Side; id: string; path: string } | undefined {
  const m = /^\/(container|image|processes)\/([^/]+)(\/.*)?$/.exec(uri.path);
  return m ? { side: m[1] as Side, id: m[2]!, path: m[3] ?? '' } : undefined;
}

/** Text the editor can show: a file with NUL bytes in its first 8 kB is binary, and is described, not shown. */
function asText(bytes: Buffer, path: string): string {
  if (bytes.subarray(0, 8192).includes(0))
    return vscode.l10n.t('{0} is a binary file of {1} bytes; download it to open it.', path, bytes.length);
  return bytes.toString('utf8');
}

export class InsideDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly controller: () => Promise<ExplorerController>) {}

  /** Reads the document again (Refresh on a process list). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const what = parseInsideUri(uri);
    if (!what) return '';
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    const engine = await (await this.controller()).engine();
    try {
      switch (what.side) {
        case 'container':
          return asText(await engine.readChangedFile(what.id, what.path, { signal: ac.signal }), what.path);
        case 'image': {
          const bytes = await engine.readImageFile(what.id, what.path, { signal: ac.signal });
          return bytes ? asText(bytes, what.path) : '';
        }
        case 'processes': {
          const table = await engine.containerTop(what.id, { psArgs: uri.query, signal: ac.signal });
          const when = new Date().toLocaleTimeString();
          const heading = vscode.l10n.t(
            'Processes of {0} (ps {1}), read at {2}. Refresh re-reads them.',
            uri.fragment || what.id.slice(0, 12),
            uri.query || '-ef',
            when,
          );
          return `${heading}\n\n${formatProcessTable(table)}\n`;
        }
      }
    } catch (e) {
      // The message says what went wrong (removed container, a folder, permission); the document shows it.
      return vscode.l10n.t('Could not read {0}: {1}', what.path || what.id, (e as Error).message);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
