// An artifact's vulnerability list as Berth exports it: one row per finding (CVE id, severity, package, installed
// and fixed version, CVSS, links), most severe first, optionally only the fixable ones, as JSON or CSV. Pure: no vscode.
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
const rank = (s: string) => {
  const i = SEVERITY_ORDER.indexOf(s);
  return i < 0 ? SEVERITY_ORDER.length : i;
};

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
    .sort((a, b) => rank(a.severity) - rank(b.severity) || (b.cvss ?? -1) - (a.cvss ?? -1) || a.id.localeCompare(b.id));
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
