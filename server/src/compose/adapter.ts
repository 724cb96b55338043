// Maps the Compose language service onto the LSP adapter contract: diagnostics here, editing features in editing.ts.
import type { LanguageAdapter } from '../lsp/adapter';
import { composeEditing } from './editing';
import { validateCompose } from './service';

export const composeAdapter: LanguageAdapter = {
  languageIds: ['dockercompose'],
  diagnostics: (doc) => validateCompose(doc.getText()),
  ...composeEditing,
};
