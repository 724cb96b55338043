// TLS per Harbor instance: verification on by default, an extra CA file trusted on request, and "allow insecure TLS"
// only when set explicitly. The stand-in serves HTTPS with a certificate made here by openssl.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HarborError } from '../../../client/src/harbor/errors';
import { HarborClient } from '../../../client/src/harbor/rest';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

describe('Harbor client TLS choices', () => {
  let dir: string;
  let harbor: HarborStandIn;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-harbor-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=berth-harbor-test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    harbor = await startHarborStandIn({
      state: seededState(),
      tls: {
        key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
        cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      },
    });
  });
  after(async () => {
    await harbor?.close();
    rmSync(dir, { recursive: true, force: true });
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
      caFile: path.join(dir, 'cert.pem'),
    }).verifyCredentials();
    assert.equal(me.kind, 'user');
  });

  it('skips verification only with the explicit insecure switch', async () => {
    const page = await new HarborClient({ url: harbor.url, ...conn, insecureTls: true }).listProjects();
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
