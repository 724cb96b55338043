// The push path end to end: the real private engine pushes through the Harbor-like front door (Bearer challenge,
// /service/token with Harbor's scope rules, Harbor's error texts) into a real Debian docker-registry that this test
// starts in a scratch folder. Each failure must come back typed, with what to do.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { Engine } from '../../client/src/engine/engine';
import { pushReference, tagAndPush } from '../../client/src/engine/push';
import { PushError, type PushFailureKind } from '../../client/src/engine/push-failures';
import { pushToHarbor } from '../../client/src/harbor/push-flow';
import { ArtifactApi } from '../../client/src/harbor/artifacts-rest';
import { HarborClient } from '../../client/src/harbor/client';
import { FIXTURE_IMAGE, ON_PODMAN } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { plainHttpInNamespace } from '../support/harbor/netns';
import { startPushableHarbor, type PushableHarbor } from '../support/harbor/pushable-harbor';
import type { HarborStandIn } from '../support/harbor/server';

const { docker, id: run } = new EngineTestRun();
let pushable: PushableHarbor;
let harbor: HarborStandIn;
let backend: string;
let tagged: string[];

async function expectFailure(p: Promise<unknown>, kind: PushFailureKind): Promise<PushError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PushError, `expected a PushError, got ${(e as Error).message}`);
    assert.equal(e.failure.kind, kind, `kind of: ${e.failure.raw}`);
    return e;
  }
  return assert.fail(`push succeeded, expected ${kind}`);
}

const clientFor = (username: string, secret: string) => new HarborClient({ url: harbor.url, username, secret });
const request = (project: string, tag = 'v1') => ({
  source: FIXTURE_IMAGE,
  project,
  repository: `fixture-${run}`,
  tag,
});

describe('push to Harbor through the real engine', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
    pushable = await startPushableHarbor(docker);
    ({ harbor, tagged } = pushable);
    backend = pushable.backend.hostPort;
  });
  after(() => pushable?.close());

  it('pushes with the stored credentials: digest returned, manifest in the registry, artifact in the REST API', async () => {
    const seen: number[] = [];
    const result = await pushToHarbor(engine, clientFor('dev', 'dev-secret-pw'), harbor.hostPort, request('team'), {
      onProgress: (p: { layers: unknown[] }) => seen.push(p.layers.length),
    });
    tagged.push(result.reference);
    assert.match(result.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(result.createdProject, false);
    // Podman's compat push streams no per-layer status, only its final digest line.
    if (!ON_PODMAN) assert.ok(seen.length > 0 && Math.max(...seen) >= 1, 'per-layer progress reported');
    const manifest = await fetch(`http://${backend}/v2/team/fixture-${run}/manifests/v1`, {
      method: 'HEAD',
      headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    assert.equal(manifest.status, 200);
    assert.equal(manifest.headers.get('docker-content-digest'), result.digest);
    const arts = await new ArtifactApi(clientFor('dev', 'dev-secret-pw')).listArtifacts('team', `fixture-${run}`);
    assert.equal(arts.items[0]?.digest, result.digest);
    assert.deepEqual(
      arts.items[0]?.tags?.map((t) => t.name),
      ['v1'],
    );
    const scopes = harbor.frontDoor!.tokenRequests.filter((t) => t.caller === 'user').flatMap((t) => t.scope);
    assert.ok(
      scopes.some((s) => new RegExp(`^repository:team/fixture-${run}:(pull,push|push,pull)$`).test(s)),
      `token scopes: ${scopes.join(' ')}`,
    );
  });

  it("missing project: Harbor's text is recognised, the project is created on request, and the push is retried", async () => {
    const project = `new-${run}`;
    const dev = clientFor('dev', 'dev-secret-pw');
    const refused = await expectFailure(
      pushToHarbor(engine, dev, harbor.hostPort, request(project)),
      'projectNotFound',
    );
    // dockerd relays Harbor's text; Podman's HEAD blob check gets a bare 401, and Harbor's REST API then tells.
    if (!ON_PODMAN) assert.match(refused.failure.raw, new RegExp(`project ${project} not found`));
    assert.equal(refused.failure.project, project);
    tagged.push(`${harbor.hostPort}/${project}/fixture-${run}:v1`);
    const asked: string[] = [];
    const result = await pushToHarbor(engine, dev, harbor.hostPort, request(project), {
      offerCreateProject: async (p: string) => {
        asked.push(p);
        return { public: false };
      },
    });
    assert.deepEqual(asked, [project]);
    assert.equal(result.createdProject, true);
    assert.equal(harbor.state.projects.get(project)?.public, false);
    const manifest = await fetch(`http://${backend}/v2/${project}/fixture-${run}/manifests/v1`, {
      method: 'HEAD',
      headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    assert.equal(manifest.headers.get('docker-content-digest'), result.digest);
  });

  it('a robot account pushes with its secret (robot$ name in X-Registry-Auth)', async () => {
    const result = await pushToHarbor(
      engine,
      clientFor('robot$ci', 'robot-secret-token'),
      harbor.hostPort,
      request('team', 'robot'),
    );
    tagged.push(result.reference);
    assert.match(result.digest, /^sha256:/);
    assert.ok(
      harbor.frontDoor!.tokenRequests.some((t) => t.caller === 'robot'),
      'the token was issued to the robot',
    );
  });

  it('Cancel during the push ends it as cancelled', async () => {
    const ctl = new AbortController();
    const ref = `${harbor.hostPort}/team/cancel-${run}`;
    tagged.push(`${ref}:v1`);
    // Podman streams no progress to cancel on: there the user presses Cancel as soon as the push starts.
    if (ON_PODMAN) setTimeout(() => ctl.abort(), 1);
    const e = await expectFailure(
      tagAndPush(
        docker,
        FIXTURE_IMAGE,
        { registry: harbor.hostPort, repository: `team/cancel-${run}`, tag: 'v1' },
        { username: 'dev', password: 'dev-secret-pw', serveraddress: harbor.hostPort },
        { signal: ctl.signal, onProgress: () => ctl.abort() },
      ),
      'cancelled',
    );
    assert.match(e.failure.message, /cancelled/);
    await expectFailure(
      pushReference(docker, `${ref}:v1`, harbor.hostPort, undefined, { signal: AbortSignal.abort() }),
      'cancelled',
    );
  });

  it('wrong password → unauthorized, with re-enter advice', async () => {
    const e = await expectFailure(
      pushToHarbor(engine, clientFor('dev', 'not-the-password'), harbor.hostPort, request('team', 'wrongpw')),
      'unauthorized',
    );
    tagged.push(`${harbor.hostPort}/team/fixture-${run}:wrongpw`);
    assert.equal(e.failure.credentialsRejected, true);
    if (!ON_PODMAN) assert.match(e.failure.raw, /unauthorized to access repository/); // Podman: a bare 401
    assert.match(e.failure.advice, /Re-enter/);
    assert.ok(!e.message.includes('not-the-password'), 'the secret never appears in the failure');
  });

  it('valid user without push rights → Harbor\'s "unauthorized to access repository" text, asking for the role', async () => {
    const e = await expectFailure(
      pushToHarbor(engine, clientFor('outsider', 'outsider-pw'), harbor.hostPort, request('team', 'outsider')),
      'unauthorized',
    );
    tagged.push(`${harbor.hostPort}/team/fixture-${run}:outsider`);
    if (!ON_PODMAN) assert.match(e.failure.raw, /unauthorized to access repository: team\/fixture-.*, action: push/);
    assert.match(e.failure.advice, /Developer \(push\) role/);
    assert.equal(e.failure.credentialsRejected, undefined);
  });

  it('read-only mode and immutable tags end the push with their own advice', async () => {
    harbor.state.config.read_only = true;
    try {
      await expectFailure(
        pushToHarbor(engine, clientFor('dev', 'dev-secret-pw'), harbor.hostPort, request('team', 'ro')),
        'readOnly',
      );
    } finally {
      harbor.state.config.read_only = false;
    }
    tagged.push(`${harbor.hostPort}/team/fixture-${run}:ro`);
    harbor.state.projects.get('team')!.immutableTags.add('v1');
    // v1 exists from the first test; pushing a different image under it must be refused.
    await docker.getImage('berth/busybox:latest').tag({ repo: `${harbor.hostPort}/team/fixture-${run}`, tag: 'v1' });
    const e = await expectFailure(
      pushReference(docker, `${harbor.hostPort}/team/fixture-${run}:v1`, harbor.hostPort, {
        username: 'dev',
        password: 'dev-secret-pw',
        serveraddress: harbor.hostPort,
      }),
      'immutableTag',
    );
    assert.match(e.failure.advice, /new tag/);
  });

  it('a plain-HTTP registry on a non-loopback address gives the engine\'s real "HTTP response to HTTPS client" text and the engine\'s config snippet', async () => {
    // Preferred: a namespace of our own (10.231.x.2). Without the rights for that, this machine's own non-loopback
    // address is the honest equivalent: the daemon treats it as a TLS registry just the same.
    let server: { hostPort: string; close(): void };
    try {
      server = await plainHttpInNamespace(run);
    } catch (e) {
      console.error(
        `!!! network namespace unavailable (${(e as Error).message}); serving plain HTTP on this machine's own address instead`,
      );
      const address = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      assert.ok(address, 'neither a network namespace nor a non-loopback IPv4 address is available');
      const plain: Server = createServer((_req, res) => {
        res.writeHead(404);
        res.end('plain http');
      });
      await new Promise<void>((r) => plain.listen(0, address, r));
      server = {
        hostPort: `${address}:${(plain.address() as AddressInfo).port}`,
        close: () => {
          plain.closeAllConnections();
          plain.close();
        },
      };
    }
    const hostPort = server.hostPort;
    try {
      const e = await expectFailure(
        tagAndPush(
          docker,
          FIXTURE_IMAGE,
          { registry: hostPort, repository: `team/fixture-${run}`, tag: 'v1' },
          { username: 'dev', password: 'x', serveraddress: hostPort },
        ),
        'httpsToHttp',
      );
      tagged.push(`${hostPort}/team/fixture-${run}:v1`);
      assert.match(
        e.failure.raw,
        new RegExp(`https://${hostPort.replace(/\./g, '\\.')}/v2/.*server gave HTTP response to HTTPS client`),
      );
      if (ON_PODMAN) {
        assert.equal(e.failure.snippet, `[[registry]]\nlocation = "${hostPort}"\ninsecure = true\n`);
        assert.match(e.failure.advice, /registries\.conf/);
      } else {
        assert.equal(e.failure.snippet, JSON.stringify({ 'insecure-registries': [hostPort] }, null, 2));
        assert.match(e.failure.advice, /daemon\.json/);
      }
    } finally {
      server.close();
    }
  });
});
