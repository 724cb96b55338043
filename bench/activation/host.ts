// Runs inside the extension host of a fresh VS Code window (see run.ts): opens the workspace's Dockerfile, as a user
// would, and measures what the user waits for. Writes the figures as JSON to BERTH_ACTIVATION_OUT.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import { markStartup } from '../../client/src/language/startup-timeline';

const TIMEOUT_MS = 60_000;

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<BerthApi>('berth.berth');
  if (!ext) throw new Error('Berth is not installed in this extension host');
  const activeBeforeOpen = ext.isActive;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the bench needs a workspace folder');
  const uri = vscode.Uri.joinPath(folder, 'Dockerfile');
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source?.startsWith('berth'));

  const t0 = performance.now();
  markStartup('bench: openTextDocument called', performance.timeOrigin + t0);
  const firstDiagnostics = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no Berth diagnostics in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && ours().length > 0) {
        clearTimeout(timer);
        sub.dispose();
        markStartup('bench: first Berth diagnostics seen');
        resolve(performance.now() - t0);
      }
    });
  });
  const since = () => performance.now() - t0;
  const doc = await vscode.workspace.openTextDocument(uri);
  const openedMs = since();
  // Opening the document activates Berth (onLanguage:dockerfile) and starts its language server; each step is timed
  // on its own, since showing the editor can take longer than all of them on a busy machine.
  const shown = Promise.resolve(vscode.window.showTextDocument(doc)).then(since);
  const api = await ext.activate();
  const activatedMs = since();
  const serverStarted = api.language.ensureStarted().then(since); // resolves once initialize is answered
  const [shownMs, serverStartedMs] = await Promise.all([shown, serverStarted]);
  const diagnosticsMs = await firstDiagnostics;
  const figures = {
    activeBeforeOpen,
    lines: doc.lineCount,
    openedMs,
    shownMs,
    activatedMs,
    serverStartedMs,
    activateMs: api.activationMs,
    loadAndActivateMs: api.loadAndActivationMs,
    firstDiagnosticsMs: diagnosticsMs,
    diagnostics: ours().length,
  };
  const out = process.env.BERTH_ACTIVATION_OUT;
  if (out) writeFileSync(out, JSON.stringify(figures));
  console.log(`activation-bench: ${JSON.stringify(figures)}`);
}
