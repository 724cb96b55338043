// Maps the Compose language service onto the LSP adapter contract: diagnostics here, editing features in editing.ts.
import type { LanguageAdapter } from '../lsp/adapter';
import { composeDiagnostics } from './diagnostics';
import { ServiceReuse } from './diagnostics/reuse';
import { composeEditing } from './editing';
import { forgetComposeModel, getComposeModel } from './parse/document';
import { forgetComposeWarmUp, warmUpComposeEdit } from './warm-up-edit';

/** Per open document: the findings of its previous version, reused for the services an edit did not touch. */
const reuse = new Map<string, ServiceReuse>();

export const composeAdapter: LanguageAdapter = {
  languageIds: ['dockercompose'],
  dependsOn: ['dockercompose', 'dockerfile'], // override/include files; build.target and build.args
  diagnostics: (doc, ctx) => {
    const { compose } = ctx.settings();
    let previous = reuse.get(doc.uri);
    if (!previous) reuse.set(doc.uri, (previous = new ServiceReuse()));
    return composeDiagnostics(getComposeModel(doc), ctx, {
      rules: compose.rules,
      envFiles: compose.envFiles,
      reuse: previous,
    });
  },
  warmUp: warmUpComposeEdit,
  forget: (uri) => {
    reuse.delete(uri);
    forgetComposeModel(uri);
    forgetComposeWarmUp(uri);
  },
  ...composeEditing,
};
