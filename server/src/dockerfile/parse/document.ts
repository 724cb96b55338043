// Entry point of the Dockerfile model for every feature: one model per document version, shared.
//   getDockerfileModel(doc)  — the cached model of an open document (LSP features use this).
//   parseDockerfile(text)    — a fresh model from text (e.g. the Compose service reading a Dockerfile from disk).
//   dockerfileSummary(text)  — just stages and declared ARG names, for cross-file checks (compose build.target/args).
// The model shape is documented in model.ts.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelCache } from '../../lsp/adapter';
import type { DockerfileModel } from './model';
import { buildModel } from './semantic';

export type {
  DockerfileModel,
  Stage,
  Instruction,
  Declaration,
  VariableRef,
  Flag,
  Heredoc,
  Word,
  KeyValue,
  Directive,
  Comment,
} from './model';
export { PREDEFINED_ARGS, KNOWN_INSTRUCTIONS } from './model';

export function parseDockerfile(text: string): DockerfileModel {
  return buildModel(text);
}

/** The latest model of each open document; the next version's model is built from it (semantic.ts buildModel). */
const models = new ModelCache<DockerfileModel>((doc, previous) => buildModel(doc.getText(), previous));

export function getDockerfileModel(doc: TextDocument): DockerfileModel {
  return models.get(doc);
}

/** Drops the cached model of a closed document. */
export function forgetDockerfileModel(uri: string): void {
  models.forget(uri);
}

export interface DockerfileSummary {
  /** Stages in order: index, name (as written, undefined when unnamed), base image or stage. */
  stages: { index: number; name?: string; base: string }[];
  /** Every ARG name declared anywhere (global or in a stage), once each, in order of first declaration. */
  argNames: string[];
  /** ARG names declared before the first FROM. */
  globalArgNames: string[];
}

export function dockerfileSummary(text: string): DockerfileSummary {
  const m = buildModel(text);
  const argNames: string[] = [];
  for (const d of m.declarations) if (d.kind === 'ARG' && !argNames.includes(d.name)) argNames.push(d.name);
  return {
    stages: m.stages.map((s) => ({ index: s.index, name: s.name, base: s.base })),
    argNames,
    globalArgNames: [...new Set(m.globalArgs.map((d) => d.name))],
  };
}
