// SBOMs through Berth's REST client against the Harbor stand-in: the project's scanner and whether it makes SBOMs,
// no SBOM before one is generated, generating one and waiting for it, reading it from its accessory and reading
// packages and licences out of SPDX (and CycloneDX); Harbor's refusals (400, 401, 403, 404, 412) and cancelling.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { HarborError } from '../../../client/src/harbor/errors';
import { HarborClient } from '../../../client/src/harbor/client';
import { licenceCounts, licenceSummary, parseSbom } from '../../../client/src/harbor/sbom';
import { SbomApi } from '../../../client/src/harbor/sbom-rest';
import { harborOutcome } from '../../support/harbor/outcome';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let harbor: HarborStandIn;
const api = (username: string, secret: string) => new SbomApi(new HarborClient({ url: harbor.url, username, secret }));
const dev = () => api('dev', 'dev-secret-pw');
const kindOf = (p: Promise<unknown>) => harborOutcome(p, { withStatus: true });

describe('Harbor SBOMs against the stand-in', () => {
  before(async () => {
    const state = seededState();
    state.addProject('oldscanner', { members: ['dev'], sbom: false });
    state.addArtifact('oldscanner', 'app', { tags: ['v1'] });
    harbor = await startHarborStandIn({ state });
  });
  after(() => harbor.close());

  it("reads the project's scanner and whether it makes SBOMs; none is undefined", async () => {
    assert.deepEqual(await dev().scanner('team'), { name: 'Trivy', sbom: true });
    assert.deepEqual(await dev().scanner('oldscanner'), { name: 'Trivy', sbom: false });
    assert.equal(await dev().scanner('noscan'), undefined);
  });

  it('generates an SBOM, waits for it, and reads packages and licences from the accessory', async () => {
    assert.equal(await dev().overview('team', 'team/web/frontend', 'v1'), undefined, 'none before generating');
    await dev().generate('team', 'team/web/frontend', 'v1');
    const sent = harbor.exchanges.findLast((x) => x.rawUrl.endsWith('/scan'))!;
    assert.deepEqual(JSON.parse(sent.requestBody), { scan_type: 'sbom' });
    assert.equal(sent.status, 202);
    const statuses: string[] = [];
    const done = await dev().waitForSbom('team', 'team/web/frontend', 'v1', { intervalMs: 1 });
    for (const x of harbor.exchanges)
      if (/with_sbom_overview/.test(x.rawUrl)) statuses.push(JSON.parse(x.responseBody).sbom_overview?.scan_status);
    assert.deepEqual(statuses.slice(-3), ['Running', 'Running', 'Success']);
    assert.equal(done.scan_status, 'Success');
    assert.match(done.sbom_digest ?? '', /^sha256:[0-9a-f]{64}$/);
    const doc = await dev().read('team', 'team/web/frontend', done.sbom_digest!);
    const sbom = parseSbom(doc)!;
    assert.equal(sbom.format, 'SPDX-2.3');
    assert.equal(sbom.packages.length, 8);
    assert.deepEqual(
      sbom.packages.filter((p) => p.name === 'openssl').map((p) => p.version),
      ['1.0.0', '1.4.0'],
    );
    assert.equal(sbom.packages.find((p) => p.name === 'lib-1')?.purl, 'pkg:apk/alpine/lib-1@1.1.0');
    const { counts, unlicensed } = licenceCounts(sbom.packages);
    assert.deepEqual(counts, [
      ['Apache-2.0', 2],
      ['GPL-2.0-only', 2],
      ['MIT', 2],
    ]);
    assert.equal(unlicensed, 2, "SPDX's NOASSERTION is no licence");
    assert.equal(
      licenceSummary(sbom.packages),
      '8 packages · Apache-2.0 2, GPL-2.0-only 2, MIT 2 · 2 without a licence',
    );
  });

  it('refuses as Harbor does: no scanner 412, a scanner without SBOMs 400, strangers 403, wrong login 401, no SBOM 404', async () => {
    const noScanner = await dev()
      .generate('noscan', 'noscan/tool', 'v1')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(noScanner instanceof HarborError && noScanner.kind === 'noScanner' && noScanner.status === 412);
    assert.match(noScanner.message, /No scanner is configured for project noscan/);
    assert.equal(await kindOf(dev().generate('oldscanner', 'oldscanner/app', 'v1')), 'invalid 400');
    assert.equal(
      await kindOf(api('outsider', 'outsider-pw').generate('team', 'team/web/frontend', 'v1')),
      'forbidden 403',
    );
    assert.equal(await kindOf(api('dev', 'wrong').generate('team', 'team/web/frontend', 'v1')), 'unauthorized 401');
    assert.equal(await kindOf(dev().read('team', 'team/web/frontend', `sha256:${'0'.repeat(64)}`)), 'notFound 404');
    assert.equal(await kindOf(dev().overview('team', 'team/web/frontend', 'missing')), 'notFound 404');
  });

  it('cancels a wait and a call when their signal aborts', async () => {
    harbor.state.addArtifact('team', 'slow', { tags: ['v1'] });
    await dev().generate('team', 'team/slow', 'v1');
    const ctl = new AbortController();
    const waiting = kindOf(dev().waitForSbom('team', 'team/slow', 'v1', { intervalMs: 10_000, signal: ctl.signal }));
    setTimeout(() => ctl.abort(), 50);
    assert.equal(await waiting, 'cancelled');
    assert.equal(await kindOf(dev().scanner('team', AbortSignal.abort())), 'cancelled');
  });
});

describe('SBOM documents as Berth reads them', () => {
  it('reads CycloneDX components with licence ids, names and expressions', () => {
    const sbom = parseSbom({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { name: 'zlib', version: '1.3', purl: 'pkg:apk/zlib@1.3', licenses: [{ license: { id: 'Zlib' } }] },
        { name: 'busybox', version: '1.36', licenses: [{ expression: 'GPL-2.0-only OR MIT' }] },
        { name: 'blob', version: '0', licenses: [{ license: { name: 'NOASSERTION' } }] },
      ],
    })!;
    assert.equal(sbom.format, 'CycloneDX 1.5');
    assert.deepEqual(
      sbom.packages.map((p) => [p.name, p.licences]),
      [
        ['blob', []],
        ['busybox', ['GPL-2.0-only OR MIT']],
        ['zlib', ['Zlib']],
      ],
    );
  });

  it('knows neither format nor nonsense', () => {
    assert.equal(parseSbom({ hello: 'world' }), undefined);
    assert.equal(parseSbom(null), undefined);
    assert.equal(parseSbom('spdx'), undefined);
  });
});
