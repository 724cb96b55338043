// How a rule's configured level (`berth.*.rules`, `.hadolint.yaml`) is shown to the editor, for every language.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleSeverity } from './settings';

export const DIAGNOSTIC_SEVERITY: Readonly<Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
