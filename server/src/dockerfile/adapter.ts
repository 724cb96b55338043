// Maps the Dockerfile language service onto the LSP adapter contract: diagnostics here, editing features in editing.ts.
import { URI, Utils } from 'vscode-uri';
import type { AdapterContext, LanguageAdapter } from '../lsp/adapter';
import { ignoreFileCandidates } from '../dockerignore/context-ignore';
import type { DockerfileInfo } from '../protocol';
import { dockerfileBuildInfo } from './build-info';
import { dockerfileDiagnostics } from './diagnostics';
import { forgetDockerfileModel, getDockerfileModel, parseDockerfile } from './document';
import { dockerfileEditing } from './editing';

/**
 * The ignore file of the build context, assumed to be the Dockerfile's folder (which one wins: context-ignore.ts).
 */
export function dockerignoreFor(uri: string, ctx: AdapterContext): string | undefined {
  let parsed: URI;
  try {
    parsed = URI.parse(uri);
  } catch {
    return undefined;
  }
  if (parsed.scheme !== 'file') return undefined;
  const dir = Utils.dirname(parsed);
  for (const name of ignoreFileCandidates(Utils.basename(parsed))) {
    const text = ctx.readFile(Utils.joinPath(dir, name).toString());
    if (text !== undefined) return text;
  }
  return undefined;
}

export const dockerfileAdapter: LanguageAdapter = {
  languageIds: ['dockerfile'],
  dependsOn: ['ignore-docker'], // CopyIgnoredFile reads the context's .dockerignore
  diagnostics: (doc, ctx) =>
    dockerfileDiagnostics(getDockerfileModel(doc), {
      rules: ctx.settings().dockerfile.rules,
      dockerignore: dockerignoreFor(doc.uri, ctx),
    }),
  forget: forgetDockerfileModel,
  ...dockerfileEditing,
};

/** The stages and ARGs of a Dockerfile for the Build command: the open document's model, else the file on disk's. */
export function dockerfileInfo(uri: string, ctx: AdapterContext): DockerfileInfo | null {
  const open = ctx.openDocuments().find((d) => d.uri === uri);
  if (open) return dockerfileBuildInfo(getDockerfileModel(open));
  const text = ctx.readFile(uri);
  return text === undefined ? null : dockerfileBuildInfo(parseDockerfile(text));
}
