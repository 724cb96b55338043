// Registry credentials as the docker CLI reads them: config.json's keys (Docker Hub's legacy URL, old keys with a
// scheme), auths entries, and the credential-helper protocol against helper scripts written here: an answer, a
// token, "not found", a helper that is missing, fails, hangs or answers garbage.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CredentialError,
  DOCKER_HUB_KEY,
  authsEntry,
  credentialKey,
  dockerConfigDir,
  dockerCredentials,
  fromAuthsEntry,
  registryOfReference,
  runCredentialHelper,
} from '../../../client/src/engine/credentials';

const home = mkdtempSync(path.join(tmpdir(), 'berth-creds-unit-'));
const bin = path.join(home, 'bin');
const config = path.join(home, 'config');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, DOCKER_CONFIG: config };

function helper(name: string, body: string): void {
  writeFileSync(path.join(bin, `docker-credential-${name}`), `#!/bin/sh\n${body}\n`);
  chmodSync(path.join(bin, `docker-credential-${name}`), 0o755);
}
const writeConfig = (c: object) => writeFileSync(path.join(config, 'config.json'), JSON.stringify(c));

async function failure(p: Promise<unknown>): Promise<CredentialError> {
  const e = await p.then(
    () => assert.fail('expected a CredentialError'),
    (x: unknown) => x,
  );
  assert.ok(e instanceof CredentialError, String(e));
  return e;
}

describe('docker credentials', () => {
  before(() => {
    mkdirSync(bin);
    mkdirSync(config);
    helper(
      'ok',
      'read -r url; echo "$url" > ' +
        path.join(home, 'asked') +
        '; printf \'{"ServerURL":"%s","Username":"u","Secret":"s3"}\' "$url"',
    );
    helper('token', 'read -r url; printf \'{"ServerURL":"%s","Username":"<token>","Secret":"refresh-tok"}\' "$url"');
    helper('none', 'read -r url; echo "credentials not found in native keychain"; exit 1');
    helper('broken', 'read -r url; echo "dbus: no session bus" >&2; exit 3');
    helper('slow', 'sleep 5');
    helper('garbage', 'read -r url; echo "hello"');
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  it('names registries and keys as the CLI does', () => {
    assert.equal(registryOfReference('nginx'), 'docker.io');
    assert.equal(registryOfReference('library/nginx:1'), 'docker.io');
    assert.equal(registryOfReference('localhost/x'), 'localhost');
    assert.equal(registryOfReference('harbor.example.com:8443/team/app@sha256:00'), 'harbor.example.com:8443');
    for (const hub of ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/'])
      assert.equal(credentialKey(hub), DOCKER_HUB_KEY);
    assert.equal(credentialKey('https://harbor.example.com/v2/'), 'harbor.example.com');
    assert.equal(dockerConfigDir({ DOCKER_CONFIG: '/x' }), '/x');
    assert.equal(dockerConfigDir({ HOME: '/home/u' }), '/home/u/.docker');
  });

  it('reads auths: base64 user:password (the password may hold colons), identity tokens, legacy keys', () => {
    const entry = { auth: Buffer.from('alice:pa:ss').toString('base64') };
    assert.deepEqual(fromAuthsEntry(entry, 'r.example'), {
      username: 'alice',
      password: 'pa:ss',
      serveraddress: 'r.example',
      source: 'config.json auths',
    });
    assert.equal(fromAuthsEntry({ identitytoken: 'idt' }, 'r')?.identitytoken, 'idt');
    assert.equal(fromAuthsEntry({}, 'r'), undefined, 'an empty entry (left by a helper login) holds nothing');
    const cfg = { auths: { 'https://r.example:5000/v1/': { auth: 'eDp5' } } };
    assert.ok(authsEntry(cfg, 'r.example:5000'), 'a key with scheme and path matches its hostname');
    assert.equal(authsEntry(cfg, 'r.example'), undefined, 'another port is another registry');
  });

  it('credHelpers wins over credsStore, which wins over auths; the helper is asked with the key on stdin', async () => {
    writeConfig({
      credsStore: 'token',
      credHelpers: { 'r.example': 'ok' },
      auths: { 'r.example': { auth: Buffer.from('file:pw').toString('base64') } },
    });
    const c = await dockerCredentials('r.example', { env });
    assert.deepEqual(c, { username: 'u', password: 's3', serveraddress: 'r.example', source: 'docker-credential-ok' });
    assert.equal(readFileSync(path.join(home, 'asked'), 'utf8').trim(), 'r.example');
    const other = await dockerCredentials('other.example', { env });
    assert.equal(
      other?.identitytoken,
      'refresh-tok',
      'credsStore answers for every other registry, "<token>" → identity token',
    );
    assert.equal(other?.username, '');
  });

  it('Docker Hub is asked for under https://index.docker.io/v1/', async () => {
    writeConfig({ credHelpers: { [DOCKER_HUB_KEY]: 'ok' } });
    const c = await dockerCredentials(registryOfReference('nginx:latest'), { env });
    assert.equal(c?.serveraddress, DOCKER_HUB_KEY);
    assert.equal(readFileSync(path.join(home, 'asked'), 'utf8').trim(), DOCKER_HUB_KEY);
  });

  it('a helper with nothing stored falls back to auths, then to anonymous', async () => {
    writeConfig({ credsStore: 'none', auths: { 'r.example': { auth: Buffer.from('file:pw').toString('base64') } } });
    assert.equal((await dockerCredentials('r.example', { env }))?.username, 'file');
    assert.equal(await dockerCredentials('elsewhere.example', { env }), undefined);
    writeConfig({});
    assert.equal(await dockerCredentials('r.example', { env }), undefined);
    assert.equal(
      await dockerCredentials('r.example', { env: { ...env, DOCKER_CONFIG: path.join(home, 'nope') } }),
      undefined,
    );
  });

  it('a missing, failing, hanging or garbling helper, and a broken config.json, each say what to do', async () => {
    writeConfig({ credsStore: 'absent' });
    const missing = await failure(dockerCredentials('r.example', { env }));
    assert.equal(missing.kind, 'helper-missing');
    assert.match(missing.message, /docker-credential-absent is not on PATH/);
    const broken = await failure(runCredentialHelper('broken', 'r.example', { env }));
    assert.equal(broken.kind, 'helper-failed');
    assert.match(broken.message, /exit 3.*no session bus/);
    const t0 = Date.now();
    const slow = await failure(runCredentialHelper('slow', 'r.example', { env, timeoutMs: 300 }));
    assert.equal(slow.kind, 'helper-timeout');
    assert.ok(Date.now() - t0 < 3000, 'the timeout ends the wait, not the helper');
    assert.equal((await failure(runCredentialHelper('garbage', 'r', { env }))).kind, 'helper-failed');
    writeFileSync(path.join(config, 'config.json'), '{ "auths": ');
    assert.equal((await failure(dockerCredentials('r.example', { env }))).kind, 'config-invalid');
  });
});
