// Maps the Compose language service onto the LSP adapter contract.
import type { LanguageAdapter } from '../lsp/adapter';
import { validateCompose } from './service';

export const composeAdapter: LanguageAdapter = {
  languageIds: ['dockercompose'],
  diagnostics: (doc) => validateCompose(doc.getText()),
};
