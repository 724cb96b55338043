// Harbor's vulnerability scanning (REST API v2.0): starting a scan (or, with type sbom, an SBOM generation), waiting
// for it, reading its report, and which scanner a project uses. Pure Node: no vscode.
import * as l10n from '@vscode/l10n';
import { ArtifactApi, artifactPath } from './artifacts-rest';
import { BY_NAME, type HarborClient } from './client';
import { withNoScannerAdvice } from './errors';
import { pollUntil, type PollOptions } from './poll';
import { SCAN_DONE, scanOf, type HarborArtifact, type HarborVulnerabilityReport } from './types';

/** The report kinds Berth reads; Harbor answers with the first its scanner produced. */
const VULNERABILITY_REPORTS =
  'application/vnd.security.vulnerability.report; version=1.1, application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';

export class ScanApi {
  constructor(readonly client: HarborClient) {}

  /**
   * Starts a vulnerability scan, or with `sbom` an SBOM generation, by the project's scanner (202). Harbor answers
   * 412 when the project has no scanner, and 400 when its scanner cannot make SBOMs.
   */
  async startScan(
    project: string,
    repository: string,
    reference: string,
    signal?: AbortSignal,
    type: 'vulnerability' | 'sbom' = 'vulnerability',
  ): Promise<void> {
    const what =
      type === 'sbom'
        ? l10n.t('generate an SBOM for {0}', `${project}/${repository}@${reference}`)
        : `scan ${project}/${repository}`;
    try {
      const res = await this.client.request('POST', `${artifactPath(project, repository, reference)}/scan`, what, {
        signal,
        body: type === 'sbom' ? { scan_type: 'sbom' } : undefined,
      });
      await res.body?.cancel();
    } catch (e) {
      throw withNoScannerAdvice(e, project);
    }
  }

  /** Polls the artifact until its scan finished (Success, Error or Stopped); returns the artifact as last read. */
  async waitForScan(
    project: string,
    repository: string,
    reference: string,
    opts: PollOptions = {},
  ): Promise<HarborArtifact> {
    const status = (a: HarborArtifact) => scanOf(a)?.scan_status;
    const artifacts = new ArtifactApi(this.client);
    return pollUntil(
      () => artifacts.getArtifact(project, repository, reference, opts.signal),
      (a) => SCAN_DONE.has(status(a) ?? ''),
      (a) => `The scan of ${project}/${repository} is still ${status(a) ?? 'pending'}; look again later.`,
      opts,
    );
  }

  /** The artifact's full scan report; undefined when there is none (Harbor answers `{}` before a scan succeeded). */
  async vulnerabilityReport(
    project: string,
    repository: string,
    reference: string,
    signal?: AbortSignal,
  ): Promise<HarborVulnerabilityReport | undefined> {
    const res = await this.client.request(
      'GET',
      `${artifactPath(project, repository, reference)}/additions/vulnerabilities`,
      `read the vulnerabilities of ${project}/${repository}@${reference}`,
      { signal, headers: { 'X-Accept-Vulnerabilities': VULNERABILITY_REPORTS } },
    );
    const reports = (await res.json()) as Record<string, HarborVulnerabilityReport> | null;
    return Object.values(reports ?? {})[0];
  }

  /** The name of the project's scanner, or undefined when none is configured (a 404, or an answer without one). */
  async projectScanner(project: string, signal?: AbortSignal): Promise<string | undefined> {
    const res = await this.client.request(
      'GET',
      `/projects/${encodeURIComponent(project)}/scanner`,
      `read the scanner of ${project}`,
      {
        signal,
        headers: BY_NAME,
        okStatuses: [404],
      },
    );
    if (res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    const text = await res.text();
    const reg = text.trim() ? (JSON.parse(text) as { name?: string; uuid?: string; disabled?: boolean }) : {};
    return reg.uuid && !reg.disabled ? (reg.name ?? reg.uuid) : undefined;
  }
}
