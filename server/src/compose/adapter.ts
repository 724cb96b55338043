// Maps the Compose language service onto the LSP adapter contract: diagnostics here, editing features in editing.ts.
import type { LanguageAdapter } from '../lsp/adapter';
import { composeDiagnostics } from './diagnostics';
import { composeEditing } from './editing';
import { forgetComposeModel, getComposeModel } from './parse';

export const composeAdapter: LanguageAdapter = {
  languageIds: ['dockercompose'],
  dependsOn: ['dockercompose', 'dockerfile'], // override/include files; build.target and build.args
  diagnostics: (doc, ctx) => {
    const { compose } = ctx.settings();
    return composeDiagnostics(getComposeModel(doc), ctx, { rules: compose.rules, envFiles: compose.envFiles });
  },
  forget: forgetComposeModel,
  ...composeEditing,
};
