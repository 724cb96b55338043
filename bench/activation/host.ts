// Runs inside the extension host of a fresh VS Code window (see run.ts): opens a Dockerfile, as a user would, and
// measures what the user waits for. Writes the figures as JSON to BERTH_ACTIVATION_OUT. BERTH_BENCH_DOCKERFILE names
// the file (the workspace's, or one outside it); BERTH_BENCH_OPEN_AFTER_MS waits that long before opening it.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import { markStartup } from '../../client/src/language/startup-timeline';

const TIMEOUT_MS = 60_000;

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<BerthApi>('berth.berth');
  if (!ext) throw new Error('Berth is not installed in this extension host');
  const activeBeforeOpen = ext.isActive;
  const file = process.env.BERTH_BENCH_DOCKERFILE;
  if (!file) throw new Error('BERTH_BENCH_DOCKERFILE is not set');
  const uri = vscode.Uri.file(file);
  await new Promise((r) => setTimeout(r, Number(process.env.BERTH_BENCH_OPEN_AFTER_MS ?? 0)));
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
  // The moment VS Code hands the document to the extension host: the earliest Berth can know of it.
  const arrived = new Promise<number>((resolve) => {
    const sub = vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.toString() !== uri.toString()) return;
      sub.dispose();
      markStartup('bench: document arrived in the extension host');
      resolve(since());
    });
  });
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
    startedBy: api.language.startedBy(),
    arrivedMs: await arrived,
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
