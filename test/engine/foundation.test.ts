// The engine layer's first proof: the private, real Docker Engine and registry answer through dockerode.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { FIXTURE_IMAGE, REGISTRY, followProgress } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';

const engineRun = new EngineTestRun();
const { docker, id: run, labels } = engineRun;

describe('real Docker Engine through dockerode', () => {
  after(() => engineRun.cleanup());

  it('pings and reports its version', async () => {
    assert.equal(String(await docker.ping()), 'OK');
    const v = await docker.version();
    assert.match(v.ApiVersion, /^1\.\d+$/);
    assert.ok(v.Version.length > 0);
  });

  it('lists the fixture images', async () => {
    const images = await docker.listImages();
    assert.ok(
      images.some((i) => (i.RepoTags ?? []).includes(FIXTURE_IMAGE)),
      `fixture ${FIXTURE_IMAGE} present`,
    );
  });

  it('runs a container to completion, reads its output and removes it', async () => {
    const c = await docker.createContainer({
      Image: FIXTURE_IMAGE,
      Cmd: ['sh', '-c', 'echo hello-$((6*7))'],
      Labels: labels,
    });
    await c.start();
    const { StatusCode } = await c.wait();
    assert.equal(StatusCode, 0);
    const logs = (await c.logs({ stdout: true })) as unknown as Buffer;
    assert.match(logs.toString('latin1'), /hello-42/);
    await c.remove();
    await assert.rejects(c.inspect(), /no such container/i);
  });

  it('tags the fixture and pushes it to the loopback registry', async () => {
    const repo = `${REGISTRY}/berth-test/fixture-${run}`;
    await docker.getImage(FIXTURE_IMAGE).tag({ repo, tag: 'v1' });
    try {
      // The engine insists on an X-Registry-Auth header even for a registry without auth.
      const stream = await docker.getImage(`${repo}:v1`).push({ authconfig: {} });
      const out = await followProgress(docker, stream);
      // dockerd ends with an aux record; Podman only with the status line "v1: digest: sha256:… size: N".
      const digest = out
        .map(
          (o) =>
            (o.aux as { Digest?: string } | undefined)?.Digest ??
            /digest: (sha256:\S+)/.exec(String(o.status ?? ''))?.[1],
        )
        .find(Boolean);
      assert.match(String(digest), /^sha256:[0-9a-f]{64}$/);
      const res = await fetch(`http://${REGISTRY}/v2/berth-test/fixture-${run}/tags/list`);
      assert.deepEqual(((await res.json()) as { tags: string[] }).tags, ['v1']);
    } finally {
      await docker
        .getImage(`${repo}:v1`)
        .remove()
        .catch(() => undefined);
    }
  });
});
