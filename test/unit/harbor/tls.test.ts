// TLS per Harbor instance: verification on by default, an extra CA file trusted on request, and "allow insecure TLS"
// only when set explicitly. The stand-in serves HTTPS with a certificate made by openssl
// (test/support/self-signed-cert.ts).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { HarborError } from '../../../client/src/harbor/errors';
import { HarborClient } from '../../../client/src/harbor/client';
import { ProjectApi } from '../../../client/src/harbor/projects-rest';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';
import { makeSelfSignedCert, type SelfSignedCert } from '../../support/self-signed-cert';

describe('Harbor client TLS choices', () => {
  let tlsFiles: SelfSignedCert;
  let harbor: HarborStandIn;
  before(async () => {
    tlsFiles = makeSelfSignedCert('berth-harbor-tls-');
    harbor = await startHarborStandIn({
      state: seededState(),
      tls: { key: tlsFiles.key, cert: tlsFiles.cert },
    });
  });
  after(async () => {
    await harbor?.close();
    tlsFiles?.remove();
  });

  const conn = { username: 'dev', secret: 'dev-secret-pw' };

  it('refuses an untrusted certificate by default and says how to fix it', async () => {
    assert.match(harbor.url, /^https:/);
    await assert.rejects(
      new HarborClient({ url: harbor.url, ...conn }).verifyCredentials(),
      (e: unknown) =>
        e instanceof HarborError &&
        e.kind === 'tls' &&
        /not trusted/.test(e.message) &&
        /berth\.harbor\.tls/.test(e.message),
    );
  });

  it("trusts the instance's extra CA file", async () => {
    const me = await new HarborClient({
      url: harbor.url,
      ...conn,
      caFile: tlsFiles.certFile,
    }).verifyCredentials();
    assert.equal(me.kind, 'user');
  });

  it('skips verification only with the explicit insecure switch', async () => {
    const page = await new ProjectApi(new HarborClient({ url: harbor.url, ...conn, insecureTls: true })).listProjects();
    assert.ok(page.items.some((p) => p.name === 'team'));
  });

  it('explains an https:// URL pointed at a plain-HTTP Harbor', async () => {
    const plain = await startHarborStandIn({ state: seededState() });
    try {
      await assert.rejects(
        new HarborClient({ url: plain.url.replace('http:', 'https:'), ...conn }).verifyCredentials(),
        (e: unknown) => e instanceof HarborError && e.kind === 'tls' && /http:\/\//.test(e.message),
      );
    } finally {
      await plain.close();
    }
  });
});
