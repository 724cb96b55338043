// The stand-in's SBOMs: generation progresses one step per read of the artifact (Pending → Running → Success), as
// scans do; the result is an SPDX 2.3 JSON document, served as the `sbom` addition of its own accessory digest, as
// Harbor serves it. Packages and licences derive from the artifact, so a test knows what to expect.
import { createHash } from 'node:crypto';
import type { StandInArtifact } from './state';

const LICENCES = ['MIT', 'Apache-2.0', 'GPL-2.0-only', 'NOASSERTION'];

export function startSbom(a: StandInArtifact): void {
  a.sbom = {
    status: 'Pending',
    reads: 0,
    digest: `sha256:${createHash('sha256').update(`sbom:${a.digest}`).digest('hex')}`,
  };
}

export function advanceSbom(a: StandInArtifact): void {
  if (!a.sbom) return;
  a.sbom.reads++;
  if (a.sbom.status === 'Pending') a.sbom.status = 'Running';
  else if (a.sbom.status === 'Running' && a.sbom.reads >= 3) a.sbom.status = 'Success';
}

export function sbomOverview(a: StandInArtifact): Record<string, unknown> | undefined {
  if (!a.sbom) return undefined;
  const done = a.sbom.status === 'Success';
  return {
    report_id: `sbom-report-${a.id}`,
    scan_status: a.sbom.status,
    start_time: a.push_time,
    ...(done ? { end_time: a.push_time, duration: 2, sbom_digest: a.sbom.digest } : {}),
    scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50' },
  };
}

/** Eight packages; the last licence is SPDX's "no assertion", which is no licence. */
export function sbomDocument(a: StandInArtifact): Record<string, unknown> {
  const packages = Array.from({ length: 8 }, (_, i) => ({
    SPDXID: `SPDXRef-Package-${i}`,
    name: i % 4 === 0 ? 'openssl' : `lib-${i}`,
    versionInfo: `1.${i}.0`,
    licenseConcluded: LICENCES[i % LICENCES.length],
    licenseDeclared: LICENCES[i % LICENCES.length],
    externalRefs: [
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: `pkg:apk/alpine/lib-${i}@1.${i}.0`,
      },
    ],
  }));
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: a.digest,
    documentNamespace: `http://aquasecurity.github.io/trivy/container_image/${a.digest}`,
    creationInfo: { creators: ['Tool: trivy-0.50'], created: a.push_time },
    packages,
  };
}
