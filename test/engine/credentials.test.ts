// Push and pull with credentials found the way the docker CLI finds them, through the Harbor-like front door (Bearer
// challenge, /service/token, Harbor's scope rules) to a real docker-registry: a credential helper this test writes
// (named per registry in credHelpers, then as the default credsStore), config.json's auths, and the failures a wrong
// secret or no credentials bring. DOCKER_CONFIG points at a scratch folder and the helper's folder leads PATH, for
// this test process only: Berth reads both from the environment as docker does.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { Engine } from '../../client/src/engine/engine';
import { PullError } from '../../client/src/engine/pull';
import { PushError } from '../../client/src/engine/push-failures';
import { closePassStore, newPassStore, passHelperBin, storeInPass } from '../support/credential-helpers';
import { ENGINE_KIND, FIXTURE_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { startPushableHarbor, type PushableHarbor } from '../support/harbor/pushable-harbor';
import type { HarborStandIn } from '../support/harbor/server';
import { skipOutsideCi } from '../support/skip-outside-ci';

const { docker, id: run } = new EngineTestRun();
const home = mkdtempSync(path.join(tmpdir(), 'berth-creds-'));
const configDir = path.join(home, 'docker-config');
const bin = path.join(home, 'bin');
const helperLog = path.join(home, 'helper.log');

/** A credential helper per the protocol: reads the server URL on stdin, answers JSON, logs what it was asked. */
function writeHelper(name: string, username: string, secret: string): void {
  writeFileSync(
    path.join(bin, `docker-credential-${name}`),
    `#!/bin/sh
[ "$1" = get ] || { echo "unsupported action $1" >&2; exit 1; }
read -r url
echo "$url" >> ${helperLog}
case "$url" in
  "$BERTH_TEST_REGISTRY") printf '{"ServerURL":"%s","Username":"${username}","Secret":"${secret}"}\\n' "$url" ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`,
  );
  chmodSync(path.join(bin, `docker-credential-${name}`), 0o755);
}

function writeConfig(config: object): void {
  writeFileSync(path.join(configDir, 'config.json'), JSON.stringify(config));
}

const helperCalls = (): string[] => readFileSync(helperLog, 'utf8').trim().split('\n').filter(Boolean);

describe(`push and pull with docker's credentials through the Harbor front door (${ENGINE_KIND})`, () => {
  let engine: Engine;
  let pushable: PushableHarbor;
  let harbor: HarborStandIn;
  let tagged: string[];
  let registry: string;
  const repo = () => `${registry}/team/creds-${run}`;

  before(async () => {
    mkdirSync(configDir);
    mkdirSync(bin);
    writeFileSync(helperLog, '');
    engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
    pushable = await startPushableHarbor(docker);
    ({ harbor, tagged } = pushable);
    registry = harbor.hostPort;
    process.env.DOCKER_CONFIG = configDir;
    process.env.PATH = `${bin}:${process.env.PATH}`;
    process.env.BERTH_TEST_REGISTRY = registry;
  });
  after(async () => {
    await pushable?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('credHelpers: the helper is asked with the registry on stdin; push and pull both go through as its user', async () => {
    writeHelper('berthtest', 'dev', 'dev-secret-pw');
    writeConfig({ credHelpers: { [registry]: 'berthtest' }, auths: {} });
    const pushed = await engine.tagAndPush(
      FIXTURE_IMAGE,
      { registry, repository: `team/creds-${run}`, tag: 'v1' },
      undefined,
    );
    tagged.push(`${repo()}:v1`);
    assert.match(pushed.digest, /^sha256:/);
    assert.ok(helperCalls().includes(registry), `the helper was asked for ${registry}: ${helperCalls().join(', ')}`);
    assert.ok(
      harbor.frontDoor!.tokenRequests.some((t) => t.caller === 'user' && t.scope.some((s) => /push/.test(s))),
      "the front door issued a push token to the helper's user",
    );

    await docker.getImage(`${repo()}:v1`).remove();
    const before = harbor.frontDoor!.tokenRequests.length;
    const pulled = await engine.pullImage(`${repo()}:v1`);
    assert.equal(pulled.credentialSource, 'docker-credential-berthtest');
    const inspected = await docker.getImage(`${repo()}:v1`).inspect();
    assert.ok(
      inspected.RepoDigests?.some((d) => d.endsWith(pushed.digest)),
      JSON.stringify(inspected.RepoDigests),
    );
    assert.ok(harbor.frontDoor!.tokenRequests.slice(before).some((t) => t.caller === 'user'));
  });

  it('credsStore is the default helper; a wrong secret from it is an auth failure, for pull and for push', async () => {
    writeHelper('berthstore', 'dev', 'not-the-password');
    writeConfig({ credsStore: 'berthstore' });
    await docker
      .getImage(`${repo()}:v1`)
      .remove()
      .catch(() => undefined);
    const e = await engine.pullImage(`${repo()}:v1`).then(
      () => assert.fail('a wrong secret must not pull a private repository'),
      (x: unknown) => x,
    );
    assert.ok(e instanceof PullError, String(e));
    assert.equal(e.kind, 'auth', e.raw);
    assert.ok(!e.message.includes('not-the-password'), 'the secret never appears in the failure');
    const p = await engine
      .tagAndPush(FIXTURE_IMAGE, { registry, repository: `team/creds-${run}`, tag: 'v2' }, undefined)
      .then(
        () => assert.fail('a wrong secret must not push'),
        (x: unknown) => x,
      );
    tagged.push(`${repo()}:v2`);
    assert.ok(p instanceof PushError, String(p));
    assert.equal(p.failure.kind, 'unauthorized', p.failure.raw);
  });

  it("config.json's auths (base64 user:password) when no helper is named; none at all is an anonymous, refused pull", async () => {
    writeConfig({ auths: { [`http://${registry}/`]: { auth: Buffer.from('dev:dev-secret-pw').toString('base64') } } });
    const pulled = await engine.pullImage(`${repo()}:v1`);
    assert.equal(pulled.credentialSource, 'config.json auths');
    tagged.push(`${repo()}:v1`);
    await docker.getImage(`${repo()}:v1`).remove();

    writeConfig({});
    const e = await engine.pullImage(`${repo()}:v1`).then(
      () => assert.fail('an anonymous pull of a private project must fail'),
      (x: unknown) => x,
    );
    assert.ok(e instanceof PullError, String(e));
    // Harbor answers an anonymous pull of a private project with 401; the engines word it differently.
    assert.ok(e.kind === 'auth' || e.kind === 'notFound', `${e.kind}: ${e.raw}`);
  });

  it("Berth's own credentials (a stored Harbor secret) take precedence over config.json", async () => {
    writeHelper('berthstore', 'dev', 'not-the-password');
    writeConfig({ credsStore: 'berthstore' });
    const pulled = await engine.pullImage(`${repo()}:v1`, {
      auth: { username: 'dev', password: 'dev-secret-pw', serveraddress: registry },
    });
    assert.equal(pulled.credentialSource, 'Berth');
    assert.ok(await docker.getImage(`${repo()}:v1`).inspect());
  });

  it("Debian's docker-credential-pass as credsStore: credentials stored as `docker login` stores them are used to pull", async (t) => {
    let bin: string;
    try {
      bin = passHelperBin();
    } catch (e) {
      return skipOutsideCi(
        'docker-credential-pass',
        `golang-docker-credential-helpers unavailable: ${(e as Error).message}`,
        t,
      );
    }
    const env = newPassStore(home, bin);
    try {
      storeInPass(env, registry, 'dev', 'dev-secret-pw');
      Object.assign(process.env, {
        GNUPGHOME: env.GNUPGHOME,
        PASSWORD_STORE_DIR: env.PASSWORD_STORE_DIR,
        PATH: env.PATH,
      });
      writeConfig({ credsStore: 'pass' });
      await docker
        .getImage(`${repo()}:v1`)
        .remove()
        .catch(() => undefined);
      const pulled = await engine.pullImage(`${repo()}:v1`);
      assert.equal(pulled.credentialSource, 'docker-credential-pass');
      assert.ok(await docker.getImage(`${repo()}:v1`).inspect());
      // A registry the store has nothing for: this helper version answers empty fields, which means anonymous.
      const { dockerCredentials } = await import('../../client/src/engine/credentials');
      assert.equal(await dockerCredentials('elsewhere.example'), undefined);
    } finally {
      closePassStore(env);
    }
  });
});
