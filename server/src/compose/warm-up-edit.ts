// The edit path, run on a private copy of a document while the editor is idle (lsp/warm-up.ts). A keystroke in a large
// Compose file takes the incremental path: one service re-read (fast-yaml/reparse.ts), the other services' findings
// replayed (diagnostics/reuse.ts), the symbol index carried from the version before. Until V8 has compiled that path,
// over LSP an edit of a 200-service file cost 10-35 ms for its first 25 or so keystrokes, and 5-8 ms after. A full
// check of a copy, which warms the open's path, never runs it, and costs ten times an edit on a large file.
// So each warm-up step here makes the copy's next version: one space added at the end of a line in the middle of the
// file (inside a service in the files where speed matters), or taken away again, and checks it as an edit is checked.
// The copy keeps a model chain and findings of its own: nothing the document's own versions use is touched. It is
// made once, from the first document warmed, and kept while that document is open: the code it warms is the same
// whatever the document's text has become since.
import type { AdapterContext } from '../lsp/adapter';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { composeDiagnostics } from './diagnostics';
import { ServiceReuse } from './diagnostics/reuse';
import { parseCompose, type ComposeModel } from './parse/document';

interface Copy {
  /** The document the copy was made from (it is dropped when that closes). */
  uri: string;
  /** The copy's text: its versions alternate between this and this with one space added at `at`. */
  text: string;
  at: number;
  model: ComposeModel;
  reuse: ServiceReuse;
  /** Whether the copy has been checked once in full (its findings are then there to reuse). */
  checked: boolean;
  spaced: boolean;
}

/** One copy per server. */
let copy: Copy | undefined;

/** What the last step did, for tests: how many services its check reused and how many it checked. */
export const lastWarmUpStep = { reused: 0, checked: 0 };

/**
 * One step on the copy: the first makes it from `doc` and parses it, the second checks it in full (each a step of its
 * own, as a keystroke that arrives meanwhile waits for the step to end), and every later one checks its next version
 * as an edit would be checked.
 */
export function warmUpComposeEdit(doc: TextDocument, ctx: AdapterContext): 'setup' | 'edit' {
  lastWarmUpStep.reused = lastWarmUpStep.checked = 0;
  if (!copy) {
    const text = doc.getText();
    const model = parseCompose(text, doc.uri);
    copy = {
      uri: doc.uri,
      text,
      at: middleLineEnd(text),
      model,
      reuse: new ServiceReuse(),
      checked: false,
      spaced: false,
    };
    return 'setup';
  }
  const setup = !copy.checked;
  if (copy.checked) {
    copy.spaced = !copy.spaced;
    const next = copy.spaced ? copy.text.slice(0, copy.at) + ' ' + copy.text.slice(copy.at) : copy.text;
    copy.model = parseCompose(next, copy.uri, copy.model);
  }
  copy.checked = true;
  const { compose } = ctx.settings();
  composeDiagnostics(copy.model, ctx, { rules: compose.rules, envFiles: compose.envFiles, reuse: copy.reuse });
  lastWarmUpStep.reused = copy.reuse.reused;
  lastWarmUpStep.checked = copy.reuse.checked;
  return setup ? 'setup' : 'edit';
}

/** Drops the copy of a closed document. */
export function forgetComposeWarmUp(uri: string): void {
  if (copy?.uri === uri) copy = undefined;
}

/** The offset of the line break that ends the file's middle line (the text's end when it has none). */
function middleLineEnd(text: string): number {
  const end = text.indexOf('\n', text.length >> 1);
  return end < 0 ? text.length : end;
}
