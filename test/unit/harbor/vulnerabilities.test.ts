// An artifact's vulnerability list through Berth's REST client against the Harbor stand-in, and its export: no report
// before a scan, the project's scanner (or none), the findings matching the scan summary, fixable-only, order, CSV.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { HarborClient } from '../../../client/src/harbor/client';
import { ScanApi } from '../../../client/src/harbor/scan-rest';
import { scanOf } from '../../../client/src/harbor/types';
import { toCsv, toJson, vulnerabilityRows, type VulnerabilityRow } from '../../../client/src/harbor/vulnerabilities';
import { harborOutcome } from '../../support/harbor/outcome';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let harbor: HarborStandIn;
const client = (username: string, secret: string) =>
  new ScanApi(new HarborClient({ url: harbor.url, username, secret }));
const dev = () => client('dev', 'dev-secret-pw');
const kindOf = (p: Promise<unknown>) => harborOutcome(p);

describe('Harbor vulnerability reports against the stand-in', () => {
  before(async () => {
    harbor = await startHarborStandIn({ state: seededState() });
  });
  after(() => harbor.close());

  it('no report before a scan; the project says whether it has a scanner at all', async () => {
    assert.equal(await dev().vulnerabilityReport('team', 'team/web/frontend', 'v1'), undefined);
    assert.equal(await dev().projectScanner('team'), 'Trivy');
    assert.equal(await dev().vulnerabilityReport('noscan', 'noscan/tool', 'v1'), undefined);
    assert.equal(await dev().projectScanner('noscan'), undefined);
    const asked = harbor.exchanges.find((x) => x.rawUrl.endsWith('/additions/vulnerabilities'))!;
    assert.match(String(asked.requestHeaders['x-accept-vulnerabilities']), /vulnerability\.report; version=1\.1/);
  });

  it('after a scan, the findings agree with the summary the tree shows: total, fixable, severities', async () => {
    await dev().startScan('team', 'team/web/frontend', 'v1');
    const artifact = await dev().waitForScan('team', 'team/web/frontend', 'v1', { intervalMs: 1 });
    const summary = scanOf(artifact)!.summary!;
    const report = await dev().vulnerabilityReport('team', 'team/web/frontend', 'v1');
    assert.ok(report);
    const all = vulnerabilityRows(report);
    assert.equal(all.length, summary.total);
    assert.equal(vulnerabilityRows(report, { fixableOnly: true }).length, summary.fixable);
    assert.ok(vulnerabilityRows(report, { fixableOnly: true }).every((r) => r.fixedVersion !== ''));
    const counts: Record<string, number> = {};
    for (const r of all) counts[r.severity] = (counts[r.severity] ?? 0) + 1;
    assert.deepEqual(counts, summary.summary);
    assert.deepEqual(
      all.map((r) => r.severity),
      ['Critical', 'Critical', 'High', 'High', 'High', 'High', 'High', 'Low'],
    );
    assert.ok(all.every((r) => /^CVE-\d{4}-\d+$/.test(r.id) && r.package && r.installedVersion && r.links.length));
    assert.equal(all[0].cvss, 9.8);
  });

  it('refusals: 401 anonymous on a private project, 403 an outsider, 404 an unknown artifact', async () => {
    assert.equal(
      await kindOf(client('dev', 'wrong').vulnerabilityReport('team', 'team/web/frontend', 'v1')),
      'unauthorized',
    );
    assert.equal(
      await kindOf(client('outsider', 'outsider-pw').vulnerabilityReport('team', 'team/web/frontend', 'v1')),
      'forbidden',
    );
    assert.equal(await kindOf(dev().vulnerabilityReport('team', 'team/web/frontend', 'nope')), 'notFound');
    assert.equal(await kindOf(client('dev', 'wrong').projectScanner('team')), 'unauthorized');
  });

  it('CSV: a header, CRLF lines, quoted commas and quotes, formula-looking cells defused; JSON round-trips', () => {
    const rows: VulnerabilityRow[] = [
      {
        id: 'CVE-2024-1',
        severity: 'High',
        package: 'openssl',
        installedVersion: '3.0.1',
        fixedVersion: '3.0.2',
        cvss: 7.5,
        links: ['https://a', 'https://b'],
        description: 'Overflow, "bad"\nsecond line',
      },
      {
        id: 'CVE-2024-2',
        severity: 'Low',
        package: '=HYPERLINK("http://x")',
        installedVersion: '1',
        fixedVersion: '',
        cvss: null,
        links: [],
        description: '-1 day',
      },
    ];
    const csv = toCsv(rows);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'CVE,Severity,Package,Installed version,Fixed version,CVSS,Links,Description');
    assert.equal(
      lines[1],
      'CVE-2024-1,High,openssl,3.0.1,3.0.2,7.5,https://a https://b,"Overflow, ""bad""\nsecond line"',
    );
    assert.equal(lines[2], `CVE-2024-2,Low,"'=HYPERLINK(""http://x"")",1,,,,'-1 day`);
    assert.equal(lines[3], '');
    assert.deepEqual(JSON.parse(toJson(rows)), rows);
  });
});
