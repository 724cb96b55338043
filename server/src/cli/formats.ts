// `berth lint`'s output formats: text (one line per problem, for people), json (Berth's own shape), sarif (SARIF
// 2.1.0, for code-scanning uploads) and github (workflow commands that annotate a pull request's diff).
// Paths are relative to the working folder, with forward slashes; lines and columns are 1-based in every format.
import * as l10n from '@vscode/l10n';
import { currentLocale } from '../l10n/locale';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { COMPOSE_RULES } from '../compose/diagnostics';
import { kebab, ruleHref, ruleInfo, rulesDocument } from '../dockerfile/rules/catalog';
import type { FileResult } from './lint';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface ToolInfo {
  name: string;
  version: string;
}

export function severityOf(d: Diagnostic): Severity {
  switch (d.severity) {
    case DiagnosticSeverity.Error:
      return 'error';
    case DiagnosticSeverity.Information:
      return 'info';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'warning';
  }
}

const relative = (cwd: string, file: string) => path.relative(cwd, file).split(path.sep).join('/');
const codeOf = (d: Diagnostic) => (d.code === undefined ? 'berth' : String(d.code));
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** Where a rule is explained: the diagnostic's own link, else the README's entry for it. */
function helpUri(d: Diagnostic, language: FileResult['language']): string {
  if (d.codeDescription?.href) return d.codeDescription.href;
  const code = codeOf(d);
  if (language === 'dockerfile') return ruleHref(code);
  return `${rulesDocument()}#${language}-${kebab(code)}`;
}

function defaultSeverity(code: string, language: FileResult['language'], d: Diagnostic): Severity {
  if (language === 'dockerfile') {
    const s = ruleInfo(code)?.severity;
    if (s && s !== 'off') return s;
  }
  if (language === 'compose' && code in COMPOSE_RULES) return COMPOSE_RULES[code as keyof typeof COMPOSE_RULES];
  return severityOf(d);
}

export interface Counts {
  files: number;
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function countOf(results: readonly FileResult[]): Counts {
  const counts: Counts = { files: results.length, error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) for (const d of r.diagnostics) counts[severityOf(d)]++;
  return counts;
}

function summary(c: Counts): string {
  const total = c.error + c.warning + c.info + c.hint;
  // English counts in singular and plural; a translation takes the plain template (Chinese has no plural).
  if (currentLocale() !== 'en')
    return l10n.t(
      '{0} problems ({1} errors, {2} warnings, {3} info, {4} hints) in {5} files',
      total,
      c.error,
      c.warning,
      c.info,
      c.hint,
      c.files,
    );
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info, ${plural(c.hint, 'hint')}) in ${plural(c.files, 'file')}`;
}

export function formatText(results: readonly FileResult[], cwd: string): string {
  const lines: string[] = [];
  for (const r of results) {
    const file = relative(cwd, r.file);
    if (r.refused) lines.push(`${file}: ${l10n.t('not checked: {0}', r.refused)}`);
    for (const d of r.diagnostics)
      lines.push(
        `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityOf(d)}: ${messageOf(d)} [${codeOf(d)}]`,
      );
  }
  lines.push(summary(countOf(results)));
  return `${lines.join('\n')}\n`;
}

export function formatJson(results: readonly FileResult[], cwd: string): string {
  const files = results.map((r) => ({
    path: relative(cwd, r.file),
    language: r.language,
    ...(r.refused ? { refused: r.refused } : {}),
    diagnostics: r.diagnostics.map((d) => ({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: severityOf(d),
      code: codeOf(d),
      message: messageOf(d),
      source: d.source,
      href: helpUri(d, r.language),
    })),
  }));
  return `${JSON.stringify({ version: 1, files, summary: countOf(results) }, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

export function formatSarif(results: readonly FileResult[], cwd: string, tool: ToolInfo): string {
  const rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] = [];
  const ruleIndex = new Map<string, number>();
  const sarifResults: unknown[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const code = codeOf(d);
      let index = ruleIndex.get(code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(code, index);
        rules.push({
          id: code,
          helpUri: helpUri(d, r.language),
          defaultConfiguration: { level: SARIF_LEVEL[defaultSeverity(code, r.language, d)] },
        });
      }
      sarifResults.push({
        ruleId: code,
        ruleIndex: index,
        level: SARIF_LEVEL[severityOf(d)],
        message: { text: messageOf(d) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(relative(cwd, r.file)), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...tool, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** GitHub's workflow-command escaping: the message escapes %, CR and LF; properties also `:` and `,`. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function formatGithub(results: readonly FileResult[], cwd: string): string {
  const lines: string[] = [];
  for (const r of results) {
    const file = escapeProperty(relative(cwd, r.file));
    if (r.refused) lines.push(`::warning file=${file}::${escapeData(l10n.t('not checked: {0}', r.refused))}`);
    for (const d of r.diagnostics) {
      const props = [
        `file=${file}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(`berth ${codeOf(d)}`)}`,
      ];
      lines.push(`::${GITHUB_COMMAND[severityOf(d)]} ${props.join(',')}::${escapeData(messageOf(d))}`);
    }
  }
  lines.push(summary(countOf(results)));
  return `${lines.join('\n')}\n`;
}
