// Quick fixes that touch other files: add a required but unset variable to the environment file, and create a
// missing env file. Both produce workspace edits the editor applies (and can undo), never writes of our own.
import * as l10n from '@vscode/l10n';
import {
  CodeActionKind,
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { scanInterpolations } from './parse/interpolation';
import { pathTarget } from './links';
import type { ComposeModel } from './parse/document';

/** Where fixes may look: the environment file variables go to, and the text of files (undefined when missing). */
export interface FileFixContext {
  envFileUri: string;
  readFile(uri: string): string | undefined;
}

/** Appends `text` to a file, creating it first when it does not exist. */
function appendTo(uri: string, existing: string | undefined, text: string): WorkspaceEdit {
  if (existing === undefined) {
    return {
      documentChanges: [
        CreateFile.create(uri, { ignoreIfExists: true }),
        TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, null), [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text },
        ]),
      ],
    };
  }
  const lines = existing.split('\n');
  const end = { line: lines.length - 1, character: (lines.at(-1) ?? '').length };
  const lead = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return { changes: { [uri]: [{ range: { start: end, end }, newText: `${lead}${text}` }] } };
}

export function fileActions(
  model: ComposeModel,
  diagnostics: readonly Diagnostic[],
  files: FileFixContext,
): CodeAction[] {
  const out: CodeAction[] = [];
  const envName = Utils.basename(URI.parse(files.envFileUri));
  for (const d of diagnostics) {
    if (d.source !== 'berth') continue;
    const text = model.text.slice(model.offsetAt(d.range.start), model.offsetAt(d.range.end));
    if (d.code === 'unset-required-variable') {
      const name = scanInterpolations(text).items[0]?.name;
      if (!name) continue;
      out.push({
        title: l10n.t('Add {0} to {1}', name, envName),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: appendTo(files.envFileUri, files.readFile(files.envFileUri), `${name}=\n`),
      });
    } else if (d.code === 'missing-env-file') {
      const target = pathTarget(model.uri, text.replace(/^["']|["']$/g, ''));
      if (!target) continue;
      out.push({
        title: l10n.t('Create {0}', Utils.basename(URI.parse(target))),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { documentChanges: [CreateFile.create(target, { ignoreIfExists: true })] },
      });
    }
  }
  return out;
}
