// When diagnostics are computed and published: the edited document at once (coalesced per event-loop turn), the
// others that read it a little later. "At once" is setImmediate: it still coalesces the changes of one event-loop
// turn, without the 1 ms floor Node puts under setTimeout(…, 0).
// A fresh server's checks run in V8's interpreter until its compiler has seen enough of them: on a 600-line Dockerfile
// the first twenty checks cost ten times what a check costs after sixty. So once a document's diagnostics are out and
// the editor is idle, the server checks it again in the background, a bounded number of times per server (not per
// document), and throws the results away: the user's first keystrokes then meet compiled code (warm-up.ts). A language
// whose keystrokes take another path than a full check runs that path instead, on a copy (LanguageAdapter.warmUp).
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AdapterContext, LanguageAdapter } from './adapter';
import { languageOf } from './languages';
import { WarmUp, type WarmUpRun } from './warm-up';

/** How long a document that reads an edited one waits before it is re-checked (typing goes on meanwhile). */
const DEPENDENT_DELAY_MS = 150;

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, { cancel(): void }>();
  private readonly warmUp = new WarmUp((uri) => this.checkInBackground(uri));
  private warmUpCopies = 0;
  /** Called after each publish (the server writes its compile cache after the first). */
  onPublished: () => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly adapterFor: (doc: TextDocument | undefined) => LanguageAdapter | undefined,
    private readonly ctx: AdapterContext,
  ) {}

  /** Checks the document on open and after each change, and clears its diagnostics when it closes. */
  listen(adapters: readonly LanguageAdapter[]): void {
    this.documents.onDidOpen((e) => this.schedule(e.document.uri, 0));
    this.documents.onDidChangeContent((e) => {
      this.schedule(e.document.uri, 0);
      this.revalidateDependents(e.document);
    });
    this.documents.onDidClose((e) => {
      this.cancel(e.document.uri);
      for (const a of adapters) a.forget?.(e.document.uri);
      void this.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  }

  /** A feature request arrived: background warming waits for the next quiet moment (warm-up.ts). */
  noteRequest(): void {
    this.warmUp.request();
  }

  /** Re-checks every open document (settings or files on disk changed). */
  revalidateAll(): void {
    for (const d of this.documents.all()) this.schedule(d.uri, 0);
  }

  /** Re-checks one open document (results computed off the keystroke path, such as ShellCheck's, have arrived). */
  revalidate(uri: string): void {
    if (this.documents.get(uri)) this.schedule(uri, 0);
  }

  private cancel(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
  }

  private schedule(uri: string, delayMs: number): void {
    this.warmUp.pause();
    this.pending.get(uri)?.cancel();
    const run = () => {
      this.pending.delete(uri);
      void this.validate(uri);
    };
    if (delayMs === 0) {
      const h = setImmediate(run);
      this.pending.set(uri, { cancel: () => clearImmediate(h) });
    } else {
      const h = setTimeout(run, delayMs);
      this.pending.set(uri, { cancel: () => clearTimeout(h) });
    }
  }

  /** After an edit, re-checks the other open documents whose language reads the edited one's. */
  private revalidateDependents(changed: TextDocument): void {
    const language = languageOf(changed);
    for (const d of this.documents.all()) {
      if (d.uri !== changed.uri && this.adapterFor(d)?.dependsOn?.includes(language))
        this.schedule(d.uri, DEPENDENT_DELAY_MS);
    }
  }

  private async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    const adapter = this.adapterFor(doc);
    if (!doc || !adapter) return;
    const version = doc.version;
    let diagnostics;
    try {
      diagnostics = await adapter.diagnostics(doc, this.ctx);
    } catch (e) {
      this.connection.console.error(`diagnostics failed for ${uri}: ${e instanceof Error ? e.stack : String(e)}`);
      return;
    }
    if (this.documents.get(uri)?.version === version) {
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
      this.onPublished();
      if (this.pending.size === 0) this.warmUp.idle(uri);
    }
  }

  /** A check whose result nobody reads (warm-up); false when there is nothing to check or other work waits. */
  private async checkInBackground(uri: string): Promise<WarmUpRun> {
    const doc = this.documents.get(uri);
    const adapter = this.adapterFor(doc);
    if (!doc || !adapter || this.pending.size > 0) return false;
    if (adapter.warmUp) {
      try {
        return adapter.warmUp(doc, this.ctx) === 'setup' ? 'setup' : true;
      } catch {
        return false; // validate() reports a failing check when the document is really checked
      }
    }
    // A copy under a version no client sends (negative, new each time): the language's model cache misses, so the
    // parser warms up too, and the real version's model is rebuilt on its next use.
    const copy = TextDocument.create(doc.uri, doc.languageId, -++this.warmUpCopies, doc.getText());
    try {
      await adapter.diagnostics(copy, this.ctx);
      return true;
    } catch {
      return false; // validate() reports the failure when the document is really checked
    }
  }
}
