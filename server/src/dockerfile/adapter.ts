// Maps the Dockerfile language service onto the LSP adapter contract: diagnostics here, editing features in editing.ts.
import { URI, Utils } from 'vscode-uri';
import type { AdapterContext, LanguageAdapter } from '../lsp/adapter';
import { dockerfileDiagnostics } from './diagnostics';
import { forgetDockerfileModel, getDockerfileModel } from './document';
import { dockerfileEditing } from './editing';

/**
 * The ignore file of the build context, assumed to be the Dockerfile's folder: `<name>.dockerignore` next to the
 * Dockerfile wins over `.dockerignore`, as in BuildKit.
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
  const own = ctx.readFile(Utils.joinPath(dir, `${Utils.basename(parsed)}.dockerignore`).toString());
  return own ?? ctx.readFile(Utils.joinPath(dir, '.dockerignore').toString());
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
