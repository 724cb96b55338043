// Maps the .dockerignore service onto the LSP adapter contract.
import { ModelCache, type LanguageAdapter } from '../lsp/adapter';
import { dockerignoreDiagnostics, dockerignoreTokens, parseDockerignore, type IgnoreLine } from './service';

const models = new ModelCache<IgnoreLine[]>((doc) => parseDockerignore(doc.getText()));

export const dockerignoreAdapter: LanguageAdapter = {
  languageIds: ['ignore-docker'],
  diagnostics: (doc) => dockerignoreDiagnostics(models.get(doc)),
  semanticTokens: (doc) => dockerignoreTokens(models.get(doc)),
  forget: (uri) => models.forget(uri),
};
