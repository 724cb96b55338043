// Compose editing features (completion, hover, navigation, symbols, links, code actions, code lenses) mapped
// onto the LSP adapter contract. Diagnostics live in adapter.ts. Each feature is a pure module of its own;
// this file only builds what they need from the AdapterContext (files, settings, engine images).
import type { AdapterContext, LanguageAdapter } from '../lsp/adapter';
import { dockerfileSummary } from '../dockerfile/parse/document';
import { completeCompose, composeCompletionDocumentation, type CompletionSources } from './completion';
import { indexFile, type ProjectIndex } from './project-index';
import { projectIndexOf } from './project-cache';
import { CodeActionKind } from 'vscode-languageserver-types';
import { codeActions, fixAll } from './actions';
import { composeDiagnostics } from './diagnostics';
import { codeLenses } from './lens';
import { documentLinks } from './links';
import { getComposeModel, parseCompose, type ComposeModel } from './parse/document';
import { documentSymbols } from './symbols';
import { hoverCompose } from './hover';
import { definition, extendsDefinition, highlights, prepareRename, references, rename } from './navigation';
import { loadVariables, resolvePath } from './env';
import { fileActions } from './actions-files';
import { URI, Utils } from 'vscode-uri';

/** The project (this file, its override/COMPOSE_FILE siblings and includes) around a model. */
export function projectOf(model: ComposeModel, ctx: AdapterContext): ProjectIndex {
  return projectIndexOf(model, ctx, ctx.settings().compose.envFiles);
}

function completionSources(model: ComposeModel, ctx: AdapterContext): CompletionSources {
  let project: ProjectIndex | undefined;
  return {
    names: (kind) => {
      project ??= projectOf(model, ctx);
      return [
        ...new Set(
          project.files
            .flatMap((f) => f.index.definitions)
            .filter((d) => d.kind === kind)
            .map((d) => d.name),
        ),
      ];
    },
    servicesOf: (uri) => {
      const text = ctx.readFile(uri);
      return text === undefined
        ? []
        : indexFile(parseCompose(text, uri))
            .definitions.filter((d) => d.kind === 'service')
            .map((d) => d.name);
    },
    dockerfileStages: (uri) => {
      const text = ctx.readFile(uri);
      return text === undefined ? [] : dockerfileSummary(text).stages.flatMap((s) => (s.name ? [s.name] : []));
    },
    listDir: (uri) => ctx.listDir(uri),
    engineImages: () => ctx.engineImages(),
    variables: () =>
      [...loadVariables(model.uri, ctx, ctx.settings().compose.envFiles, false)].map(([name, v]) => ({
        name,
        source: Utils.basename(URI.parse(v.source)),
      })),
  };
}

export const composeEditing: Omit<Partial<LanguageAdapter>, 'languageIds' | 'diagnostics'> = {
  completion: (doc, p, ctx) => {
    const model = getComposeModel(doc);
    return completeCompose(model, model.offsetAt(p.position), completionSources(model, ctx));
  },
  completionDocumentation: composeCompletionDocumentation,
  hover: (doc, p, ctx) => {
    const model = getComposeModel(doc);
    return hoverCompose(model, model.offsetAt(p.position), {
      project: () => projectOf(model, ctx),
      variables: () => loadVariables(model.uri, ctx, ctx.settings().compose.envFiles),
    });
  },
  definition: (doc, p, ctx) => {
    const model = getComposeModel(doc);
    const found = definition(projectOf(model, ctx), doc.uri, p.position);
    return found.length ? found : extendsDefinition(model, model.offsetAt(p.position), (uri) => ctx.readFile(uri));
  },
  references: (doc, p, ctx) =>
    references(projectOf(getComposeModel(doc), ctx), doc.uri, p.position, p.context.includeDeclaration),
  documentHighlight: (doc, p, ctx) => highlights(projectOf(getComposeModel(doc), ctx), doc.uri, p.position),
  prepareRename: (doc, p, ctx) => prepareRename(projectOf(getComposeModel(doc), ctx), doc.uri, p.position),
  rename: (doc, p, ctx) => rename(projectOf(getComposeModel(doc), ctx), doc.uri, p.position, p.newName),
  documentSymbol: (doc) => documentSymbols(getComposeModel(doc)),
  documentLink: (doc) => documentLinks(getComposeModel(doc)),
  codeAction: (doc, p, ctx) => {
    const model = getComposeModel(doc);
    const only = p.context.only;
    if (only?.some((k) => k === CodeActionKind.Source || k.startsWith(CodeActionKind.SourceFixAll))) {
      // Fix-all (e.g. on save) covers the whole file, whatever range the editor sent.
      const settings = ctx.settings().compose;
      return fixAll(model, composeDiagnostics(model, ctx, { rules: settings.rules, envFiles: settings.envFiles }));
    }
    const envFiles = ctx.settings().compose.envFiles;
    const envFileUri = resolvePath(model.uri, envFiles.at(-1) ?? '.env');
    return [
      ...codeActions(model, p.context.diagnostics),
      ...fileActions(model, p.context.diagnostics, { envFileUri, readFile: (u) => ctx.readFile(u) }),
    ];
  },
  codeLens: (doc) => codeLenses(getComposeModel(doc)),
};
