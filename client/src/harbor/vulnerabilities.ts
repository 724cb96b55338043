// An artifact's vulnerability list as Berth exports it: one row per finding (CVE id, severity, package, installed
// and fixed version, CVSS, links), most severe first, optionally only the fixable ones, as JSON or CSV. Pure: no vscode.
import * as l10n from '@vscode/l10n';
import type { TableSpec } from './table';
import type { HarborVulnerability, HarborVulnerabilityReport } from './types';

export interface VulnerabilityRow {
  id: string;
  severity: string;
  package: string;
  installedVersion: string;
  fixedVersion: string;
  cvss: number | null;
  links: string[];
  description: string;
}

const SEVERITY_ORDER = ['Critical', 'High', 'Medium', 'Low', 'Negligible', 'Unknown', 'None'];
/** 0 for Critical, rising as severity falls; unknown words last. */
export const severityRank = (s: string) => {
  const i = SEVERITY_ORDER.indexOf(s);
  return i < 0 ? SEVERITY_ORDER.length : i;
};
const rank = severityRank;

/** Most severe first, then highest CVSS, then by id: the order a reader triages in. */
export function triageOrder(a: VulnerabilityRow, b: VulnerabilityRow): number {
  return rank(a.severity) - rank(b.severity) || (b.cvss ?? -1) - (a.cvss ?? -1) || a.id.localeCompare(b.id);
}

export function rowOf(v: HarborVulnerability): VulnerabilityRow {
  return {
    id: v.id,
    severity: v.severity || 'Unknown',
    package: v.package ?? '',
    installedVersion: v.version ?? '',
    fixedVersion: v.fix_version ?? '',
    cvss: v.preferred_cvss?.score_v3 ?? v.preferred_cvss?.score_v2 ?? null,
    links: v.links ?? [],
    description: v.description ?? '',
  };
}

/** Most severe first, then highest CVSS, then by id: the order a reader triages in. */
export function vulnerabilityRows(report: HarborVulnerabilityReport, opts: { fixableOnly?: boolean } = {}) {
  return (report.vulnerabilities ?? [])
    .map(rowOf)
    .filter((r) => !opts.fixableOnly || r.fixedVersion !== '')
    .sort(triageOrder);
}

/** The vulnerability view's columns: sorting Severity puts Critical first, CVSS highest first. */
export function vulnerabilityTable(): TableSpec<VulnerabilityRow> {
  return {
    columns: [
      { id: 'id', title: l10n.t('CVE'), text: (r) => r.id },
      {
        id: 'severity',
        title: l10n.t('Severity'),
        text: (r) => r.severity,
        sortKey: (r) => rank(r.severity),
        cellClass: (r) => `sev-${r.severity}`,
      },
      { id: 'package', title: l10n.t('Package'), text: (r) => r.package },
      { id: 'installed', title: l10n.t('Installed'), text: (r) => r.installedVersion },
      { id: 'fixed', title: l10n.t('Fixed in'), text: (r) => r.fixedVersion },
      {
        id: 'cvss',
        title: l10n.t('CVSS'),
        text: (r) => (r.cvss === null ? '' : r.cvss.toFixed(1)),
        sortKey: (r) => r.cvss ?? -1,
        descendingFirst: true,
      },
      { id: 'links', title: l10n.t('Links'), text: (r) => r.links.join(' '), links: (r) => r.links },
      { id: 'description', title: l10n.t('Description'), text: (r) => r.description },
    ],
    switches: [{ id: 'fixable', label: l10n.t('Fixable only'), keep: (r) => r.fixedVersion !== '' }],
    initialOrder: triageOrder,
  };
}

export function toJson(rows: VulnerabilityRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

const CSV_COLUMNS: Array<[string, (r: VulnerabilityRow) => string]> = [
  ['CVE', (r) => r.id],
  ['Severity', (r) => r.severity],
  ['Package', (r) => r.package],
  ['Installed version', (r) => r.installedVersion],
  ['Fixed version', (r) => r.fixedVersion],
  ['CVSS', (r) => (r.cvss === null ? '' : String(r.cvss))],
  ['Links', (r) => r.links.join(' ')],
  ['Description', (r) => r.description],
];

/**
 * RFC 4180 CSV (CRLF, fields quoted when they hold a quote, comma or line break). Written here because it is this
 * one function; a cell a spreadsheet would run as a formula (= + - @ first) is prefixed with ' as OWASP advises,
 * since descriptions come from the scanner's database, not from us.
 */
export function toCsv(rows: VulnerabilityRow[]): string {
  const cell = (raw: string) => {
    const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines = [CSV_COLUMNS.map(([h]) => h).join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map(([, get]) => cell(get(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
