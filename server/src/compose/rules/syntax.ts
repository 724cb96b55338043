// YAML-level findings: the parser's errors (with its ranges), duplicate keys, aliases to unknown anchors, alias bombs.
import * as l10n from '@vscode/l10n';
import type { ComposeCode } from '../diagnostics/codes';
import type { Rule } from './context';

const BY_PARSER_CODE: Record<string, ComposeCode> = {
  DUPLICATE_KEY: 'duplicate-key',
  BAD_ALIAS: 'unresolved-alias',
  NESTING_TOO_DEEP: 'nesting-too-deep',
};

export const syntaxRule: Rule = (ctx) => {
  for (const issue of ctx.model.issues) {
    // Our custom tags are registered, so any remaining tag warning is a genuine unknown tag: keep it as a YAML issue.
    const unresolvedAlias = /alias/i.test(issue.message) && /unresolved|not found|undefined/i.test(issue.message);
    const code = BY_PARSER_CODE[issue.code] ?? (unresolvedAlias ? 'unresolved-alias' : 'yaml-syntax');
    const message =
      code === 'duplicate-key'
        ? l10n.t('Duplicate key: a later value silently replaces the earlier one; keep only one.')
        : issue.message;
    ctx.report({ code, message, range: issue.range });
  }
  if (ctx.model.aliasBomb) {
    ctx.report({
      code: 'alias-bomb',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: l10n.t('Aliases expand to an excessive size (an "alias bomb"); deeper checks were skipped.'),
    });
  }
};
