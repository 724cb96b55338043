// The stand-in's vulnerability report for an artifact (GET …/additions/vulnerabilities) and a project's scanner
// (GET /projects/{p}/scanner). The report is derived from the artifact's severity counts, so it agrees with the scan
// summary: the first half of the findings (rounded down) have a fixed version, as the summary's `fixable` says.
import type { StandInArtifact, StandInProject } from './state';

export const REPORT_MIME = 'application/vnd.security.vulnerability.report; version=1.1';
const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];
const CVSS: Record<string, number> = { Critical: 9.8, High: 7.5, Medium: 5.3, Low: 2.1, Unknown: 0 };

/** `{}` until a scan succeeded, as Harbor answers; then one report keyed by its MIME type. */
export function vulnerabilityAddition(a: StandInArtifact): Record<string, unknown> {
  if (a.scan?.status !== 'Success') return {};
  const severities = SEVERITIES.flatMap((s) => Array.from({ length: a.vulnerabilities[s] ?? 0 }, () => s));
  const fixable = Math.floor(severities.length / 2);
  const vulnerabilities = severities.map((severity, i) => ({
    id: `CVE-2024-${String(a.id * 100 + i).padStart(5, '0')}`,
    package: i % 3 === 0 ? 'openssl' : `lib-${i}`,
    version: `1.${i}.0`,
    fix_version: i < fixable ? `1.${i}.1` : '',
    severity,
    description: i === 0 ? 'Buffer overflow, "quoted", with a comma' : `Finding ${i}`,
    links: [`https://avd.aquasec.com/nvd/cve-2024-${String(a.id * 100 + i).padStart(5, '0')}`],
    preferred_cvss: { score_v3: CVSS[severity], vector_v3: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    cwe_ids: ['CWE-120'],
    vendor_attributes: {},
  }));
  return {
    [REPORT_MIME]: {
      generated_at: a.push_time,
      scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50' },
      severity: SEVERITIES.find((s) => (a.vulnerabilities[s] ?? 0) > 0) ?? 'None',
      vulnerabilities,
    },
  };
}

/** The project's scanner registration, or a 404 when none is configured. */
export function projectScanner(p: StandInProject): { status: number; body?: unknown } {
  if (!p.scanner)
    return { status: 404, body: { errors: [{ code: 'NOT_FOUND', message: 'no scanner is configured' }] } };
  return {
    status: 200,
    body: {
      uuid: 'trivy-standin',
      name: 'Trivy',
      description: 'The default scanner',
      url: 'http://trivy-adapter:8080',
      disabled: false,
      is_default: true,
      vendor: 'Aqua Security',
      version: 'v0.50',
      health: 'healthy',
      capabilities: { support_vulnerability: true, support_sbom: p.sbom },
    },
  };
}
