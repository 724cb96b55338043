// Credentials go only where the user pointed: the registry host Harbor claims in /systeminfo must be the instance's
// own host (else the user is asked), a redirect may not take an https:// instance to plain http://, and the caFile
// setting adds a CA to the system's instead of replacing them, read as a bounded regular file.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { HarborError } from '../../../client/src/harbor/errors';
import { registryHostOf } from '../../../client/src/harbor/names';
import { MAX_CA_FILE_BYTES, caBundle } from '../../../client/src/harbor/ca-bundle';
import { HarborClient } from '../../../client/src/harbor/client';
import { followableRedirect, isDowngrade } from '../../../client/src/harbor/redirects';
import { makeSelfSignedCert, type SelfSignedCert } from '../../support/self-signed-cert';

describe('the registry host Harbor claims', () => {
  it("is used when it is on the instance's host (any port), or when Harbor names none", () => {
    assert.deepEqual(registryHostOf('https://harbor.example.com', 'harbor.example.com'), {
      registry: 'harbor.example.com',
      own: 'harbor.example.com',
      sameHost: true,
    });
    assert.deepEqual(registryHostOf('https://harbor.example.com', 'https://HARBOR.example.com:5443/'), {
      registry: 'HARBOR.example.com:5443',
      own: 'harbor.example.com',
      sameHost: true,
    });
    assert.deepEqual(registryHostOf('http://127.0.0.1:8080', ''), {
      registry: '127.0.0.1:8080',
      own: '127.0.0.1:8080',
      sameHost: true,
    });
  });
  it('is flagged when it names another host', () => {
    const r = registryHostOf('https://harbor.example.com', 'https://collector.attacker.example');
    assert.equal(r.sameHost, false);
    assert.equal(r.registry, 'collector.attacker.example');
    assert.equal(r.own, 'harbor.example.com');
    assert.equal(registryHostOf('https://harbor.example.com', 'harbor.example.com.attacker.example').sameHost, false);
  });
  it('is ignored when it is not a plain host[:port]', () => {
    assert.deepEqual(registryHostOf('https://harbor.example.com', 'harbor.example.com@attacker.example'), {
      registry: 'harbor.example.com',
      own: 'harbor.example.com',
      sameHost: true,
    });
  });
});

describe('redirects and CA files', () => {
  let tlsFiles: SelfSignedCert;
  let dir: string;
  let server: Server;
  let plainPort = 0;
  let url = '';
  let cert = '';
  before(async () => {
    tlsFiles = makeSelfSignedCert('berth-harbor-dest-');
    dir = tlsFiles.dir;
    cert = tlsFiles.cert;
    plainPort = 1; // never contacted: the client must not follow the redirect
    server = createServer({ key: tlsFiles.key, cert }, (req, res) => {
      res.writeHead(302, { Location: `http://127.0.0.1:${plainPort}${req.url}` }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    tlsFiles?.remove();
  });

  it('refuses a same-host redirect from https:// to http:// and offers nothing to follow', async () => {
    const client = new HarborClient({
      url,
      username: 'dev',
      secret: 'dev-secret-pw',
      caFile: path.join(dir, 'cert.pem'),
    });
    await assert.rejects(
      client.verifyCredentials(),
      (e: unknown) =>
        e instanceof HarborError &&
        e.kind === 'redirect' &&
        e.redirectOrigin === undefined &&
        /plain HTTP/.test(e.message) &&
        /does not send credentials/.test(e.message),
    );
  });

  it('follows only same-host redirects that keep or add TLS', () => {
    assert.equal(isDowngrade('https://h.example', 'http://h.example/x'), true);
    assert.equal(isDowngrade('https://h.example', '/relative'), false);
    assert.equal(followableRedirect('http://h.example', 'https://h.example:8443'), true);
    assert.equal(followableRedirect('https://h.example', 'https://h.example:8443'), true);
    assert.equal(followableRedirect('https://h.example', 'http://h.example'), false);
    assert.equal(followableRedirect('https://h.example', 'https://other.example'), false);
    assert.equal(followableRedirect('https://h.example', undefined), false);
  });

  it('adds the caFile to the system CAs instead of replacing them', () => {
    const bundle = caBundle(path.join(dir, 'cert.pem'));
    assert.equal(bundle.length, rootCertificates.length + 1);
    assert.deepEqual(bundle.slice(0, rootCertificates.length), [...rootCertificates]);
    assert.equal(bundle.at(-1), cert);
  });

  it('reads the caFile only as a regular file of at most 1 MB holding PEM, with a clear error otherwise', async () => {
    const tlsError = (text: RegExp) => (e: unknown) =>
      e instanceof HarborError &&
      e.kind === 'tls' &&
      /caFile in berth\.harbor\.tls/.test(e.message) &&
      text.test(e.message);
    assert.throws(() => caBundle(dir), tlsError(/not a regular file/));
    assert.throws(() => caBundle('/dev/zero'), tlsError(/not a regular file/));
    assert.throws(() => caBundle(path.join(dir, 'missing.pem')), tlsError(/cannot be read \(ENOENT\)/));
    const big = path.join(dir, 'big.pem');
    writeFileSync(big, Buffer.alloc(MAX_CA_FILE_BYTES + 1, 0x41));
    assert.throws(() => caBundle(big), tlsError(/1 MB at most/));
    const notPem = path.join(dir, 'notpem.pem');
    writeFileSync(notPem, 'hello');
    assert.throws(() => caBundle(notPem), tlsError(/no PEM certificate/));
    // Through the client: the request fails with that message before anything is sent.
    await assert.rejects(
      new HarborClient({ url, username: 'dev', secret: 'x', caFile: '/dev/zero' }).systemInfo(),
      tlsError(/not a regular file/),
    );
  });
});
