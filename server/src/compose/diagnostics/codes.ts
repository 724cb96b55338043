// Stable diagnostic codes of the Compose service, their default severities, and the `data` shapes attached for
// code actions. Codes never change once released; users set severities with `berth.compose.rules` ({ code: level }).
import type { Range } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../../lsp/settings';
import type { YamlPath } from '../parse/document';
import type { RefKind } from '../spec/types';

export const COMPOSE_RULES = {
  'yaml-syntax': 'error',
  'duplicate-key': 'error',
  'unresolved-alias': 'error',
  'alias-bomb': 'error',
  'nesting-too-deep': 'warning',
  'unknown-key': 'error',
  'wrong-type': 'error',
  'invalid-value': 'error',
  'invalid-name': 'error',
  'invalid-interpolation': 'error',
  'unset-required-variable': 'warning',
  'undefined-service': 'error',
  'depends-on-cycle': 'error',
  'undefined-network': 'error',
  'undefined-volume': 'error',
  'undefined-config': 'error',
  'undefined-secret': 'error',
  'undefined-model': 'error',
  'unused-definition': 'hint',
  'missing-extends-file': 'error',
  'missing-build-context': 'error',
  'missing-dockerfile': 'error',
  'missing-env-file': 'error',
  'missing-include': 'error',
  'unreadable-file': 'error',
  'unknown-build-target': 'error',
  'undeclared-build-arg': 'warning',
  'no-image-or-build': 'error',
  'port-conflict': 'error',
  'container-name-scaled': 'error',
  'obsolete-version': 'warning',
  'deprecated-key': 'warning',
} as const satisfies Record<string, Exclude<RuleSeverity, 'off'>>;

export type ComposeCode = keyof typeof COMPOSE_RULES;

/** `unknown-key`: the key and, when one is close enough, the key meant (quick fix: rename the key). */
export interface UnknownKeyData {
  key: string;
  path: YamlPath;
  suggestion?: string;
}
/** `invalid-value` on an enum: the closest allowed value (quick fix: replace the value). */
export interface InvalidValueData {
  value: string;
  suggestion?: string;
  allowed?: string[];
}
/** `undefined-*` and `undefined-service`: what is missing (quick fix: define it / add a stub service). */
export interface UndefinedData {
  kind: RefKind;
  name: string;
}
/** `unused-definition`: the top-level thing nobody uses. */
export interface UnusedData {
  kind: RefKind;
  name: string;
}
/** `obsolete-version`: the whole `version:` line(s) to delete (quick fix: remove). */
export interface ObsoleteVersionData {
  removeRange: Range;
}
/** `deprecated-key`: the key and what replaces it. */
export interface DeprecatedKeyData {
  key: string;
  replacement: string;
}
/** `undeclared-build-arg` / `unknown-build-target`: the Dockerfile and what it declares. */
export interface DockerfileData {
  dockerfileUri: string;
  declared: string[];
  suggestion?: string;
}

/** A finding before severities are applied. */
export interface Problem {
  code: ComposeCode;
  message: string;
  range: Range;
  data?:
    | UnknownKeyData
    | InvalidValueData
    | UndefinedData
    | UnusedData
    | ObsoleteVersionData
    | DeprecatedKeyData
    | DockerfileData;
  /** Marks the range faded (unnecessary) or struck through (deprecated) in editors. */
  tag?: 'unnecessary' | 'deprecated';
}
