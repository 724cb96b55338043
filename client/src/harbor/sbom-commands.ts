// An artifact's SBOM: shown as a table of packages and licences (table-panel.ts) when Harbor has one, generated on
// request ("Generate SBOM") where the project's scanner can make one, and otherwise a message that says why not:
// no scanner, a scanner without SBOM support, or a generation still running or failed.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../commands/progress';
import { confirm } from '../commands/prompts';
import { HarborError } from './errors';
import { log } from './log';
import { licenceSummary, parseSbom, sbomTable, type SbomPackage } from './sbom';
import { noScannerText } from './errors';
import { SbomApi } from './sbom-rest';
import { openTablePanel, type TableHandle } from './table-panel';
import { artifactName, type ArtifactNode } from './vulnerability-commands';
import type { HarborCommandKit } from './commands';
import type { RegistryNode } from './tree/model';

/** What a command ended with, for the tests: the open table, or why there is none. */
export type SbomOutcome = TableHandle | { missing: string } | undefined;

export function registerSbomCommands(kit: HarborCommandKit): void {
  kit.reg('berth.harbor.showSbom', async (n?: RegistryNode) => (n?.kind === 'artifact' ? showSbom(kit, n) : undefined));
  kit.reg('berth.harbor.generateSbom', async (n?: RegistryNode) =>
    n?.kind === 'artifact' ? generateSbom(kit, n) : undefined,
  );
}

function warn(missing: string): { missing: string } {
  void vscode.window.showWarningMessage(missing);
  return { missing };
}

async function showSbom(kit: HarborCommandKit, a: ArtifactNode): Promise<SbomOutcome> {
  const name = artifactName(a);
  try {
    const api = new SbomApi(await kit.connected(a.inst));
    const overview = await api.overview(a.project.name, a.repo.name, a.artifact.digest);
    if (overview?.scan_status === 'Success' && overview.sbom_digest)
      return await openSbom(api, a, overview.sbom_digest);
    if (overview?.scan_status === 'Pending' || overview?.scan_status === 'Running')
      return warn(
        vscode.l10n.t('The SBOM of {0} is being generated ({1}); look again shortly.', name, overview.scan_status),
      );
    const scanner = await api.scanner(a.project.name);
    if (!scanner) return warn(noScannerText(a.project.name));
    if (!scanner.sbom) return warn(unsupportedText(a.project.name, scanner.name));
    const generate = vscode.l10n.t('Generate SBOM');
    const failed = overview?.scan_status ? vscode.l10n.t('The last generation ended {0}. ', overview.scan_status) : '';
    const ok = await confirm(
      vscode.l10n.t('{0} has no SBOM yet. {1}Generate one with {2}?', name, failed, scanner.name),
      generate,
    );
    if (!ok) return { missing: vscode.l10n.t('{0} has no SBOM.', name) };
    return await generateAndShow(api, a);
  } catch (e) {
    kit.fail(vscode.l10n.t('Reading the SBOM of {0}', name), e);
    return undefined;
  }
}

async function generateSbom(kit: HarborCommandKit, a: ArtifactNode): Promise<SbomOutcome> {
  const name = artifactName(a);
  try {
    const api = new SbomApi(await kit.connected(a.inst));
    const scanner = await api.scanner(a.project.name);
    if (!scanner) return warn(noScannerText(a.project.name));
    if (!scanner.sbom) return warn(unsupportedText(a.project.name, scanner.name));
    return await generateAndShow(api, a);
  } catch (e) {
    kit.fail(vscode.l10n.t('Generating the SBOM of {0}', name), e);
    return undefined;
  }
}

function unsupportedText(project: string, scanner: string): string {
  return vscode.l10n.t(
    'The scanner of project {0} ({1}) does not generate SBOMs. Harbor 2.11 or later with a scanner that supports them (such as Trivy) does.',
    project,
    scanner,
  );
}

/** Starts the generation, follows it in a progress notification, and shows the result. */
async function generateAndShow(api: SbomApi, a: ArtifactNode): Promise<SbomOutcome> {
  const name = artifactName(a);
  await api.generate(a.project.name, a.repo.name, a.artifact.digest);
  log(`generating the SBOM of ${name}`);
  const overview = await withCancellableProgress(vscode.l10n.t('Generating the SBOM of {0}', name), async (signal) => {
    try {
      return await api.waitForSbom(a.project.name, a.repo.name, a.artifact.digest, {
        intervalMs: 1000,
        signal,
      });
    } catch (e) {
      if (e instanceof HarborError && e.kind === 'cancelled') return undefined;
      throw e;
    }
  });
  if (!overview) return { missing: vscode.l10n.t('Stopped waiting; Harbor goes on generating the SBOM of {0}.', name) };
  if (overview.scan_status !== 'Success' || !overview.sbom_digest)
    return warn(vscode.l10n.t('Generating the SBOM of {0} ended {1}.', name, overview.scan_status ?? '?'));
  return openSbom(api, a, overview.sbom_digest);
}

async function openSbom(api: SbomApi, a: ArtifactNode, digest: string): Promise<SbomOutcome> {
  const name = artifactName(a);
  const doc = await api.read(a.project.name, a.repo.name, digest);
  const sbom = parseSbom(doc);
  const openDocument = async () => {
    const document = await vscode.workspace.openTextDocument({
      content: JSON.stringify(doc, null, 2),
      language: 'json',
    });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  };
  if (!sbom) {
    await openDocument();
    return warn(
      vscode.l10n.t('The SBOM of {0} is in a format Berth does not read as a table; it is open as JSON.', name),
    );
  }
  log(`showing the SBOM of ${name}: ${sbom.packages.length} packages`);
  return openTablePanel<SbomPackage>({
    viewType: 'berth.harbor.sbom',
    title: vscode.l10n.t('SBOM: {0}', name),
    summary: `${name} · ${sbom.format} · ${licenceSummary(sbom.packages)}`,
    spec: sbomTable(),
    rows: sbom.packages,
    empty: vscode.l10n.t('No package matches the filter.'),
    exports: [{ id: 'document', label: vscode.l10n.t('Open the SBOM document'), run: openDocument }],
  });
}
