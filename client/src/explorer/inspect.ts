// Inspect output as a read-only JSON document (a virtual document: nothing is written to disk). The editor's
// Refresh action re-reads it from the engine.
import * as vscode from 'vscode';
import type { ExplorerController } from './controller';
import type { RefKind } from './model/nodes';

export const INSPECT_SCHEME = 'berth-inspect';
type InspectKind = 'container' | 'image' | 'volume' | 'network';

export class InspectDocuments implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly controller: () => Promise<ExplorerController>) {}

  static uri(kind: InspectKind, id: string, name: string): vscode.Uri {
    const safe = name.replace(/[\\/:*?"<>|#%]/g, '_');
    return vscode.Uri.from({
      scheme: INSPECT_SCHEME,
      path: `/${kind}/${safe}.json`,
      query: new URLSearchParams({ id }).toString(),
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const kind = uri.path.split('/')[1] as InspectKind;
    const id = new URLSearchParams(uri.query).get('id') ?? '';
    try {
      const engine = await (await this.controller()).engine();
      return `${JSON.stringify(await engine.inspect(kind, id), null, 2)}\n`;
    } catch (e) {
      return `${JSON.stringify({ error: (e as Error).message }, null, 2)}\n`;
    }
  }

  refresh(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }

  async open(kind: RefKind, id: string, name: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(InspectDocuments.uri(kind as InspectKind, id, name));
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: true });
  }
}
