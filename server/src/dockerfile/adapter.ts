// Maps the Dockerfile language service onto the LSP adapter contract: diagnostics here, editing features in editing.ts.
import type { LanguageAdapter } from '../lsp/adapter';
import { dockerfileEditing } from './editing';
import { validateDockerfile } from './service';

export const dockerfileAdapter: LanguageAdapter = {
  languageIds: ['dockerfile'],
  diagnostics: (doc) => validateDockerfile(doc.getText()),
  ...dockerfileEditing,
};
