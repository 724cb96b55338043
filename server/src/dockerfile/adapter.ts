// Maps the Dockerfile language service onto the LSP adapter contract: diagnostics here, editing features in editing.ts.
import { URI, Utils } from 'vscode-uri';
import { dockerfileFolder } from './folder';
import type { AdapterContext, LanguageAdapter } from '../lsp/adapter';
import { ignoreFileCandidates } from '../dockerignore/context-ignore';
import type { DockerfileInfo } from '../protocol';
import { dockerfileBuildInfo } from './build-info';
import { dockerfileDiagnostics } from './diagnostics';
import { hadolintConfigFor, hadolintDiagnosticsOptions } from './rules/hadolint-config';
import { forgetShellCheck, shellcheckRules } from './shellcheck-runner';
import { forgetDockerfileModel, getDockerfileModel, parseDockerfile } from './parse/document';
import { dockerfileEditing } from './editing';

/**
 * The ignore file of the build context, assumed to be the Dockerfile's folder (which one wins: context-ignore.ts).
 */
export function dockerignoreFor(uri: string, ctx: AdapterContext): string | undefined {
  for (const candidate of ignoreFileUris(uri)) {
    const text = ctx.readFile(candidate);
    if (text !== undefined) return text;
  }
  return undefined;
}

// The ignore files' URIs of the last Dockerfiles asked about: each keystroke asks again, and parsing and joining
// URIs cost as much as a rule family.
const ignoreUris = new Map<string, string[]>();
function ignoreFileUris(uri: string): string[] {
  let uris = ignoreUris.get(uri);
  if (!uris) {
    const dir = dockerfileFolder(uri);
    uris = dir
      ? ignoreFileCandidates(Utils.basename(URI.parse(uri))).map((n) => Utils.joinPath(dir, n).toString())
      : [];
    if (ignoreUris.size >= 64) ignoreUris.clear();
    ignoreUris.set(uri, uris);
  }
  return uris;
}

export const dockerfileAdapter: LanguageAdapter = {
  languageIds: ['dockerfile'],
  dependsOn: ['ignore-docker'], // CopyIgnoredFile reads the context's .dockerignore
  diagnostics: (doc, ctx) => {
    const model = getDockerfileModel(doc);
    const settings = ctx.settings().dockerfile;
    // A .hadolint.yaml beside the Dockerfile or above it tunes the DL rules; berth.dockerfile.rules still wins.
    const hadolint = hadolintConfigFor(doc.uri, ctx.readFile, ctx.exists);
    return dockerfileDiagnostics(model, {
      ...hadolintDiagnosticsOptions(hadolint, settings.rules),
      dockerignore: dockerignoreFor(doc.uri, ctx),
      localImages: { images: ctx.engineImages(), enginePlatform: ctx.enginePlatform?.() },
      extraRules: shellcheckRules(doc.uri, model, settings.shellcheck?.enabled !== false),
    });
  },
  forget: (uri) => {
    forgetDockerfileModel(uri);
    forgetShellCheck(uri);
  },
  ...dockerfileEditing,
};

/** The stages and ARGs of a Dockerfile for the Build command: the open document's model, else the file on disk's. */
export function dockerfileInfo(uri: string, ctx: AdapterContext): DockerfileInfo | null {
  const open = ctx.openDocuments().find((d) => d.uri === uri);
  if (open) return dockerfileBuildInfo(getDockerfileModel(open));
  const text = ctx.readFile(uri);
  return text === undefined ? null : dockerfileBuildInfo(parseDockerfile(text));
}
