// Dockerfile editing features (completion, hover, navigation, symbols, folding, tokens, links, formatting, code actions)
// mapped onto the LSP adapter contract. Diagnostics live in adapter.ts. Every feature reads the shared cached model.
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { Utils } from 'vscode-uri';
import { dockerfileFolder } from './folder';
import type { AdapterContext, LanguageAdapter } from '../lsp/adapter';
import { codeActions, fixAllAction } from './actions';
import { complete, dockerfileCompletionDocumentation } from './completion';
import { getDockerfileModel } from './parse/document';
import { foldingRanges } from './folding';
import { formatEdits, onTypeEdits } from './format';
import { hover } from './hover';
import { documentLinks } from './links';
import { definitionOf, occurrences, prepareRename, renameEdits, targetAt } from './navigation';
import { signatureHelp } from './signature';
import { documentSymbols } from './symbols';
import { semanticTokens } from './tokens';

/** Lists a folder of the build context (the Dockerfile's folder), for COPY/ADD source completion. */
function contextLister(
  uri: string,
  ctx: AdapterContext,
): ((dir: string) => { name: string; isDirectory: boolean }[]) | undefined {
  const folder = dockerfileFolder(uri);
  if (!folder) return undefined;
  return (dir) => ctx.listDir((dir ? Utils.joinPath(folder, dir) : folder).toString());
}

export const dockerfileEditing: Omit<Partial<LanguageAdapter>, 'languageIds' | 'diagnostics'> = {
  completion: (doc, p, ctx) => ({
    isIncomplete: false,
    items: complete(getDockerfileModel(doc), p.position, {
      engineImages: () => ctx.engineImages(),
      listContext: contextLister(doc.uri, ctx),
    }),
  }),
  completionDocumentation: dockerfileCompletionDocumentation,
  hover: (doc, p, ctx) => hover(getDockerfileModel(doc), p.position, ctx.engineImages()),
  definition: (doc, p) => {
    const model = getDockerfileModel(doc);
    const t = targetAt(model, p.position);
    return t ? definitionOf(model, t).map((range) => ({ uri: doc.uri, range })) : null;
  },
  references: (doc, p) => {
    const model = getDockerfileModel(doc);
    const t = targetAt(model, p.position);
    if (!t) return null;
    return occurrences(model, t)
      .filter((o) => p.context.includeDeclaration || !o.declaration)
      .map((o) => ({ uri: doc.uri, range: o.range }));
  },
  documentHighlight: (doc, p) => {
    const model = getDockerfileModel(doc);
    const t = targetAt(model, p.position);
    return t ? occurrences(model, t).map((o) => ({ range: o.range, kind: o.declaration ? 3 : 2 })) : null;
  },
  prepareRename: (doc, p) => {
    const r = prepareRename(getDockerfileModel(doc), p.position);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return r;
  },
  rename: (doc, p) => {
    const r = renameEdits(getDockerfileModel(doc), p.position, p.newName);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return { changes: { [doc.uri]: r } };
  },
  documentSymbol: (doc) => documentSymbols(getDockerfileModel(doc)),
  foldingRange: (doc) => foldingRanges(getDockerfileModel(doc)),
  semanticTokens: (doc) => semanticTokens(getDockerfileModel(doc)),
  signatureHelp: (doc, p) => signatureHelp(getDockerfileModel(doc), p.position),
  documentLink: (doc, _p, ctx) =>
    documentLinks(getDockerfileModel(doc), { uri: doc.uri, exists: (u) => ctx.exists(u) }),
  formatting: (doc, p) => formatEdits(getDockerfileModel(doc), p.options),
  rangeFormatting: (doc, p) =>
    formatEdits(
      getDockerfileModel(doc),
      p.options,
      p.range.start.line,
      p.range.end.character === 0 && p.range.end.line > p.range.start.line ? p.range.end.line - 1 : p.range.end.line,
    ),
  onTypeFormatting: (doc, p) => onTypeEdits(getDockerfileModel(doc), p.position, p.ch, p.options),
  codeAction: (doc, p, ctx) => {
    const model = getDockerfileModel(doc);
    const env = { uri: doc.uri, engineImages: () => ctx.engineImages() };
    const only = p.context.only;
    const wantsFixAll = !only || only.some((k) => k === 'source' || k.startsWith('source.fixAll'));
    const fixAll = wantsFixAll ? fixAllAction(model, p.context.diagnostics, env) : undefined;
    const quick =
      !only || only.some((k) => k.startsWith('quickfix')) ? codeActions(model, p.context.diagnostics, env) : [];
    return fixAll ? [...quick, fixAll] : quick;
  },
};
