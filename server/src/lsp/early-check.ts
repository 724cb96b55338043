// The first check of the document whose opening started the server, made before the client sends that document.
// When the extension starts the server because a Dockerfile or compose file opened, it hands the thread that document
// (ServerThreadData). Between evaluating its bundle and receiving didOpen the thread would otherwise wait about 100 ms
// for vscode-languageclient to load and for the initialize round trip; it checks the document then. When didOpen
// brings the same text, with the same settings and language, and none of the files that check read has opened in the
// editor since, the scheduler publishes that result instead of checking again.
// Why the same result: the check read the disk at most a moment before, as the disk cache (disk-cache.ts) would let
// it; anything that re-checks every open document (settings, watched files, engine images, workspace folders)
// discards the early result, and so does any other didOpen of that URI.
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { OpeningDocument } from '../protocol';
import { markStartup } from '../startup-timeline';
import type { AdapterContext, LanguageAdapter } from './adapter';

interface EarlyResult {
  readonly doc: OpeningDocument;
  /** The settings and message language the check ran with (fingerprint). */
  readonly conditions: string;
  /** The files the check read or looked for through the context. */
  readonly read: ReadonlySet<string>;
  /** Whether the check asked for the open documents (then any other open document may matter). */
  readonly askedOpenDocuments: boolean;
  readonly diagnostics: Diagnostic[];
}

export class EarlyCheck {
  private result: EarlyResult | undefined;

  /** `conditions()` fingerprints what a check's result depends on besides text and files: settings and locale. */
  constructor(private readonly conditions: () => string) {}

  /** Checks `doc` now; false when no language checks it or the check failed (the real check will report it). */
  async run(doc: OpeningDocument, adapter: LanguageAdapter | undefined, ctx: AdapterContext): Promise<boolean> {
    if (!adapter) return false;
    const read = new Set<string>();
    let askedOpenDocuments = false;
    const recording: AdapterContext = {
      ...ctx,
      readFile: (uri) => (read.add(uri), ctx.readFile(uri)),
      refusal: (uri) => (read.add(uri), ctx.refusal?.(uri)),
      exists: (uri) => (read.add(uri), ctx.exists(uri)),
      listDir: (uri) => (read.add(uri), ctx.listDir(uri)),
      openDocuments: () => ((askedOpenDocuments = true), ctx.openDocuments()),
    };
    const conditions = this.conditions();
    // A version no client sends, as the warm-up's copies have: the language's caches keyed by version never hand
    // this check's model to the real document, whose text is only compared, never assumed.
    const copy = TextDocument.create(doc.uri, doc.languageId, -1, doc.text);
    try {
      const diagnostics = await adapter.diagnostics(copy, recording);
      this.result = { doc, conditions, read, askedOpenDocuments, diagnostics };
      markStartup('server: early check done');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The early result for `doc`, if it still holds: same URI, language, version and text, same conditions, and no
   * file it read is open now (`openUris`, the documents open in the editor). Taken once: later checks are real ones.
   */
  take(doc: TextDocument, openUris: readonly string[]): Diagnostic[] | undefined {
    const r = this.result;
    if (!r || r.doc.uri !== doc.uri) return undefined;
    this.result = undefined;
    const others = openUris.filter((u) => u !== doc.uri);
    const holds =
      r.doc.languageId === doc.languageId &&
      r.doc.version === doc.version &&
      r.conditions === this.conditions() &&
      !(r.askedOpenDocuments && others.length > 0) &&
      !others.some((u) => r.read.has(u)) &&
      r.doc.text === doc.getText();
    markStartup(holds ? 'server: early check used' : 'server: early check not used');
    return holds ? r.diagnostics : undefined;
  }

  /** Something every check depends on changed: the early result no longer stands for a real check. */
  discard(): void {
    this.result = undefined;
  }
}
