// Harbor's SBOMs (2.11 and later): where an artifact's SBOM stands (with_sbom_overview), the SBOM itself (the
// `sbom` addition of its SBOM accessory), generating one (a scan of type sbom), and whether the project's scanner
// can. Pure Node: no vscode.
import * as l10n from '@vscode/l10n';
import { artifactPath } from './artifacts-rest';
import { HarborError } from './errors';
import { pollUntil, type PollOptions } from './poll';
import { ScanApi } from './scan-rest';
import type { HarborClient } from './client';
import { SCAN_DONE, type HarborSbomOverview } from './types';

export interface ScannerInfo {
  name: string;
  /** The scanner says it can produce SBOMs (capabilities.support_sbom). */
  sbom: boolean;
}

export class SbomApi {
  constructor(readonly client: HarborClient) {}

  /** The artifact's SBOM overview; undefined when none was ever generated. */
  async overview(
    project: string,
    repository: string,
    reference: string,
    signal?: AbortSignal,
  ): Promise<HarborSbomOverview | undefined> {
    const what = l10n.t('read the SBOM status of {0}', `${project}/${repository}@${reference}`);
    const res = await this.client.request(
      'GET',
      `${artifactPath(project, repository, reference)}?with_sbom_overview=true`,
      what,
      { signal },
    );
    const a = (await res.json()) as { sbom_overview?: HarborSbomOverview };
    return a.sbom_overview?.scan_status ? a.sbom_overview : undefined;
  }

  /** The SBOM document (SPDX or CycloneDX JSON), read from the accessory Harbor stored it in. */
  async read(project: string, repository: string, sbomDigest: string, signal?: AbortSignal): Promise<unknown> {
    const what = l10n.t('read the SBOM of {0}', `${project}/${repository}`);
    const res = await this.client.request(
      'GET',
      `${artifactPath(project, repository, sbomDigest)}/additions/sbom`,
      what,
      { signal },
    );
    const text = await res.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HarborError(
        'invalid',
        l10n.t('Harbor answered the SBOM of {0} with something other than JSON.', repository),
      );
    }
  }

  /** Asks the project's scanner for an SBOM (202). 412: no scanner; 400: the scanner cannot make SBOMs. */
  generate(project: string, repository: string, reference: string, signal?: AbortSignal): Promise<void> {
    return new ScanApi(this.client).startScan(project, repository, reference, signal, 'sbom');
  }

  /** Polls until the SBOM generation ended (Success, Error or Stopped); returns the last overview. */
  async waitForSbom(
    project: string,
    repository: string,
    reference: string,
    opts: PollOptions = {},
  ): Promise<HarborSbomOverview> {
    const ended = await pollUntil(
      () => this.overview(project, repository, reference, opts.signal),
      (o) => SCAN_DONE.has(o?.scan_status ?? ''),
      (o) => l10n.t('The SBOM of {0} is still {1}; look again later.', repository, o?.scan_status ?? 'Pending'),
      opts,
    );
    return ended!; // done() holds only for an overview that exists
  }

  /** The project's scanner and whether it makes SBOMs; undefined when none is configured. */
  async scanner(project: string, signal?: AbortSignal): Promise<ScannerInfo | undefined> {
    const res = await this.client.request(
      'GET',
      `/projects/${encodeURIComponent(project)}/scanner`,
      l10n.t('read the scanner of {0}', project),
      { signal, headers: { 'X-Is-Resource-Name': 'true' }, okStatuses: [404] },
    );
    if (res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    const text = await res.text();
    const reg = (text.trim() ? JSON.parse(text) : {}) as {
      name?: string;
      uuid?: string;
      disabled?: boolean;
      capabilities?: Record<string, unknown>;
    };
    if (!reg.uuid || reg.disabled) return undefined;
    return { name: reg.name ?? reg.uuid, sbom: reg.capabilities?.support_sbom === true };
  }
}
