// The engine the engine-layer tests talk to: DOCKER_HOST as set by scripts/run-layer.mjs (the private engine,
// or the user's explicit one). Every object a test creates carries TEST_LABEL so that cleanup removes only those.
import type Docker from 'dockerode';
import { createDockerode } from '../../client/src/engine/engine';

export const TEST_LABEL = 'berth.test';

/** Made the way Berth makes its own (createDockerode), since tests hand it to Berth's engine functions. */
export function testDocker(): Docker {
  const host = process.env.DOCKER_HOST;
  if (!host) throw new Error('DOCKER_HOST is not set: run this layer through `npm run test:engine`');
  const m = /^unix:\/\/(.+)$/.exec(host);
  if (m) return createDockerode({ socketPath: m[1] });
  const u = new URL(host.replace(/^tcp:/, 'http:'));
  return createDockerode({ host: u.hostname, port: Number(u.port) });
}

/** Which engine this run talks to: the private dockerd, or the private Podman service (the podman layer). */
export const ENGINE_KIND: 'dockerd' | 'podman' = process.env.BERTH_ENGINE_KIND === 'podman' ? 'podman' : 'dockerd';
export const ON_PODMAN = ENGINE_KIND === 'podman';
/** The repository name an engine gives a tag made without a registry: Podman's compat API files it under docker.io. */
export const taggedRepo = (repo: string): string => (ON_PODMAN ? `docker.io/${repo}` : repo);

export const FIXTURE_IMAGE = process.env.BERTH_FIXTURE_IMAGE ?? 'berth/fixture:latest';
export const BUSYBOX_IMAGE = process.env.BERTH_BUSYBOX_IMAGE ?? 'berth/busybox:latest';
export const REGISTRY = process.env.BERTH_REGISTRY ?? '127.0.0.1:5000';

/** Removes every container, volume and network this test run labelled. */
export async function removeTestObjects(docker: Docker, run: string): Promise<void> {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${run}`] });
  for (const c of await docker.listContainers({ all: true, filters }))
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const v of (await docker.listVolumes({ filters })).Volumes ?? [])
    await docker
      .getVolume(v.Name)
      .remove()
      .catch(() => undefined);
  for (const n of await docker.listNetworks({ filters }))
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
}

/** Follows a progress stream (pull/push/build) to its end; rejects on an {error} line inside the 200 stream. */
export function followProgress(docker: Docker, stream: NodeJS.ReadableStream): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, out: Array<Record<string, unknown>>) => {
      if (err) return reject(err);
      const failed = out.find((o) => o.error);
      return failed ? reject(new Error(String(failed.error))) : resolve(out);
    });
  });
}
