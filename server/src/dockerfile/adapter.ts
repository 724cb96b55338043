// Maps the Dockerfile language service onto the LSP adapter contract.
import type { LanguageAdapter } from '../lsp/adapter';
import { validateDockerfile } from './service';

export const dockerfileAdapter: LanguageAdapter = {
  languageIds: ['dockerfile'],
  diagnostics: (doc) => validateDockerfile(doc.getText()),
};
