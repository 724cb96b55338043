// An SBOM as Berth shows it: one row per package (name, version, licences, package URL) from the SPDX JSON document
// Harbor's scanner produces, or a CycloneDX one, and how many packages carry each licence. Pure: no vscode.
import * as l10n from '@vscode/l10n';
import type { TableSpec } from './table';

export interface SbomPackage {
  name: string;
  version: string;
  licences: string[];
  purl: string;
}

export interface Sbom {
  format: string;
  packages: SbomPackage[];
}

/** SPDX's words for "no licence information": not a licence to count. */
const NO_LICENCE = new Set(['NOASSERTION', 'NONE', '']);

interface SpdxPackage {
  name?: string;
  versionInfo?: string;
  licenseConcluded?: string;
  licenseDeclared?: string;
  externalRefs?: Array<{ referenceType?: string; referenceLocator?: string }>;
}
interface CycloneComponent {
  name?: string;
  version?: string;
  purl?: string;
  licenses?: Array<{ license?: { id?: string; name?: string }; expression?: string }>;
}

/** The packages of an SPDX 2.x or CycloneDX JSON document; undefined for anything else. */
export function parseSbom(doc: unknown): Sbom | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as Record<string, unknown>;
  if (typeof d.spdxVersion === 'string') {
    const packages = ((d.packages as SpdxPackage[] | undefined) ?? []).map((p) => {
      const concluded = NO_LICENCE.has(p.licenseConcluded ?? '') ? undefined : p.licenseConcluded;
      const declared = NO_LICENCE.has(p.licenseDeclared ?? '') ? undefined : p.licenseDeclared;
      return {
        name: p.name ?? '',
        version: p.versionInfo ?? '',
        licences: [concluded ?? declared].filter((x): x is string => !!x),
        purl: p.externalRefs?.find((r) => r.referenceType === 'purl')?.referenceLocator ?? '',
      };
    });
    return { format: d.spdxVersion, packages: sortPackages(packages) };
  }
  if (d.bomFormat === 'CycloneDX') {
    const packages = ((d.components as CycloneComponent[] | undefined) ?? []).map((c) => ({
      name: c.name ?? '',
      version: c.version ?? '',
      licences: (c.licenses ?? [])
        .map((l) => l.expression ?? l.license?.id ?? l.license?.name ?? '')
        .filter((x) => !NO_LICENCE.has(x)),
      purl: c.purl ?? '',
    }));
    return { format: `CycloneDX ${String(d.specVersion ?? '')}`.trim(), packages: sortPackages(packages) };
  }
  return undefined;
}

function sortPackages(p: SbomPackage[]): SbomPackage[] {
  return p.filter((x) => x.name).sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** Licences by how many packages carry them, most first; packages without one are counted apart. */
export function licenceCounts(packages: SbomPackage[]): { counts: Array<[string, number]>; unlicensed: number } {
  const counts = new Map<string, number>();
  let unlicensed = 0;
  for (const p of packages) {
    if (!p.licences.length) unlicensed++;
    for (const l of p.licences) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return { counts: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])), unlicensed };
}

/** "212 packages · MIT 80, Apache-2.0 41, … · 12 without a licence". */
export function licenceSummary(packages: SbomPackage[], top = 6): string {
  const { counts, unlicensed } = licenceCounts(packages);
  const shown = counts.slice(0, top).map(([l, n]) => `${l} ${n}`);
  if (counts.length > top) shown.push(l10n.t('{0} more licences', counts.length - top));
  return [
    l10n.t('{0} packages', packages.length),
    shown.join(', '),
    unlicensed ? l10n.t('{0} without a licence', unlicensed) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The SBOM view's columns, with a switch for the packages that declare no licence. */
export function sbomTable(): TableSpec<SbomPackage> {
  return {
    columns: [
      { id: 'name', title: l10n.t('Package'), text: (p) => p.name },
      { id: 'version', title: l10n.t('Version'), text: (p) => p.version },
      { id: 'licences', title: l10n.t('Licences'), text: (p) => p.licences.join(', ') },
      { id: 'purl', title: l10n.t('Package URL'), text: (p) => p.purl },
    ],
    switches: [{ id: 'unlicensed', label: l10n.t('Without a licence only'), keep: (p) => p.licences.length === 0 }],
  };
}
