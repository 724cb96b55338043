// hadolint's own configuration file, `.hadolint.yaml` / `.hadolint.yml`, read the way hadolint reads it, so a project
// that already tunes hadolint gets the same rules from Berth: `ignored`, `override` severities, `trustedRegistries`
// (DL3026), `label-schema` and `strict-labels` (DL3049–DL3058), `failure-threshold` (for `berth lint`) and
// `disable-ignore-pragma`. Parsing is a pure function of the file's text; finding the file takes a reader.
import * as l10n from '@vscode/l10n';
import { parse as parseYaml } from 'yaml';
import type { RuleSeverity } from '../../lsp/settings';

/** hadolint's label types (`label-schema: { maintainer: text, org.opencontainers.image.url: url }`). */
export type LabelType = 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';
const LABEL_TYPES = new Set<LabelType>(['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email']);

/** hadolint's severities; `style` has no LSP peer and shows as a hint, `ignore`/`none` turn a rule off. */
export type HadolintSeverity = 'error' | 'warning' | 'info' | 'style' | 'ignore';

/** What the DL rules themselves read from the configuration. */
export interface HadolintRuleOptions {
  /** Registries FROM, COPY --from and RUN --mount from= may use (DL3026); empty: any. `*.corp.com`, `corp.*` match. */
  trustedRegistries: string[];
  /** Labels every stage must set, by type (DL3049, DL3051–DL3058). */
  labelSchema: Record<string, LabelType>;
  /** Labels outside the schema are reported (DL3050). */
  strictLabels: boolean;
}

export interface HadolintConfig {
  rules: HadolintRuleOptions;
  /** Severity per rule code, from `ignored` (off) and `override`. */
  severities: Record<string, RuleSeverity>;
  /** `failure-threshold`: the lowest severity that fails `berth lint` (hadolint's default: info). */
  failureThreshold?: HadolintSeverity;
  /** `disable-ignore-pragma: true`: `# hadolint ignore=` comments are not honoured. */
  disableIgnorePragma: boolean;
  /** What in the file could not be used, for a log line (hadolint itself refuses the whole file). */
  problems: string[];
}

export const EMPTY_HADOLINT_CONFIG: HadolintConfig = {
  rules: { trustedRegistries: [], labelSchema: {}, strictLabels: false },
  severities: {},
  disableIgnorePragma: false,
  problems: [],
};

const SEVERITY_NAMES: Record<string, HadolintSeverity> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'style',
  ignore: 'ignore',
  none: 'ignore',
};

/** hadolint's severity as Berth shows it. */
export function berthSeverity(s: HadolintSeverity): RuleSeverity {
  return s === 'style' ? 'hint' : s === 'ignore' ? 'off' : s;
}

/** Reads the text of a `.hadolint.yaml`. Never throws: what cannot be used is listed in `problems`. */
export function parseHadolintConfig(text: string): HadolintConfig {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: false, maxAliasCount: 100 });
  } catch (e) {
    return {
      ...EMPTY_HADOLINT_CONFIG,
      problems: [l10n.t('not valid YAML: {0}', e instanceof Error ? e.message : String(e))],
    };
  }
  if (doc === null || doc === undefined) return EMPTY_HADOLINT_CONFIG;
  if (typeof doc !== 'object' || Array.isArray(doc))
    return { ...EMPTY_HADOLINT_CONFIG, problems: [l10n.t('the file is not a mapping of settings')] };
  const m = doc as Record<string, unknown>;
  const strings = (key: string, v: unknown): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      problems.push(l10n.t('{0} should be a list', key));
      return [];
    }
    return v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String);
  };
  const severities: Record<string, RuleSeverity> = {};
  const override = m.override;
  if (override && typeof override === 'object' && !Array.isArray(override)) {
    for (const [level, codes] of Object.entries(override as Record<string, unknown>)) {
      const s = SEVERITY_NAMES[level];
      if (!s) {
        problems.push(l10n.t('override.{0} is not error, warning, info or style', level));
        continue;
      }
      for (const code of strings(`override.${level}`, codes)) severities[code] = berthSeverity(s);
    }
  } else if (override !== undefined && override !== null) problems.push(l10n.t('override should be a mapping'));
  // `ignored` wins over `override`, as in hadolint (ignored rules are dropped before severities matter).
  for (const code of strings('ignored', m.ignored)) severities[code] = 'off';

  const labelSchema: Record<string, LabelType> = {};
  const schema = m['label-schema'];
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
    for (const [label, type] of Object.entries(schema as Record<string, unknown>)) {
      if (typeof type === 'string' && LABEL_TYPES.has(type as LabelType)) labelSchema[label] = type as LabelType;
      else
        problems.push(
          l10n.t('label-schema.{0}: "{1}" is not one of {2}', label, String(type), [...LABEL_TYPES].join(', ')),
        );
    }
  } else if (schema !== undefined && schema !== null) problems.push(l10n.t('label-schema should be a mapping'));

  let failureThreshold: HadolintSeverity | undefined;
  const threshold = m['failure-threshold'];
  if (typeof threshold === 'string' && SEVERITY_NAMES[threshold]) failureThreshold = SEVERITY_NAMES[threshold];
  else if (threshold !== undefined && threshold !== null)
    problems.push(l10n.t('failure-threshold "{0}" is not error, warning, info, style or none', String(threshold)));

  return {
    rules: {
      trustedRegistries: strings('trustedRegistries', m.trustedRegistries),
      labelSchema,
      strictLabels: m['strict-labels'] === true,
    },
    severities,
    failureThreshold,
    disableIgnorePragma: m['disable-ignore-pragma'] === true,
    problems,
  };
}

export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'] as const;

/**
 * The `.hadolint.yaml` that applies to a Dockerfile: the nearest one in its folder or a folder above, up to and
 * including `stopAt` (the workspace folder) when given, else up to the first folder holding `.git` (a repository's
 * root) or the file system's root. Works on `file:` URIs; `read` returns a file's text or undefined.
 */
export function findHadolintConfig(
  dockerfileUri: string,
  read: (uri: string) => string | undefined,
  isRepositoryRoot: (folderUri: string) => boolean,
  stopAt?: string,
): { uri: string; text: string } | undefined {
  if (!dockerfileUri.startsWith('file://')) return undefined;
  let folder = dockerfileUri.slice(0, dockerfileUri.lastIndexOf('/'));
  const stop = stopAt?.replace(/\/+$/, '');
  for (let depth = 0; depth < 64 && folder.length > 'file://'.length - 1; depth++) {
    for (const name of HADOLINT_CONFIG_NAMES) {
      const uri = `${folder}/${name}`;
      const text = read(uri);
      if (text !== undefined) return { uri, text };
    }
    if (folder === stop || isRepositoryRoot(folder)) return undefined;
    const up = folder.lastIndexOf('/');
    if (up < 'file://'.length) return undefined;
    folder = folder.slice(0, up);
  }
  return undefined;
}

let lastText: string | undefined;
let lastConfig: HadolintConfig = EMPTY_HADOLINT_CONFIG;

/**
 * The configuration that applies to a Dockerfile (EMPTY_HADOLINT_CONFIG when there is none). Diagnostics ask on every
 * edit, so the parse of an unchanged file is reused; `exists` tells whether a path exists (for the `.git` boundary).
 */
export function hadolintConfigFor(
  dockerfileUri: string,
  read: (uri: string) => string | undefined,
  exists: (uri: string) => boolean,
  stopAt?: string,
): HadolintConfig {
  const found = findHadolintConfig(dockerfileUri, read, (folder) => exists(`${folder}/.git`), stopAt);
  if (!found) return EMPTY_HADOLINT_CONFIG;
  if (found.text !== lastText) {
    lastText = found.text;
    lastConfig = parseHadolintConfig(found.text);
  }
  return lastConfig;
}

/** The diagnostics options a configuration contributes; `berth.dockerfile.rules` settings win over the file's. */
export function hadolintDiagnosticsOptions(
  config: HadolintConfig,
  settingsRules: Record<string, RuleSeverity>,
): {
  rules: Record<string, RuleSeverity>;
  hadolint: HadolintRuleOptions;
  ignorePragmasDisabled: boolean;
} {
  return {
    rules: { ...config.severities, ...settingsRules },
    hadolint: config.rules,
    ignorePragmasDisabled: config.disableIgnorePragma,
  };
}
