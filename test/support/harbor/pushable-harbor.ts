// A Harbor the engine can really push to and pull from: a real docker-registry (test/support/registry-backend.ts)
// behind the stand-in's front door (Bearer challenge, /service/token, Harbor's scope rules). On Podman the stand-in
// takes the port the podman layer's registries.conf lists, since Podman speaks plain HTTP only to registries it
// names. close() untags every image the test recorded in `tagged`, then stops both servers.
import type Docker from 'dockerode';
import { ON_PODMAN } from '../engine-env';
import { startRegistryBackend, type RegistryBackend } from '../registry-backend';
import { seededState, startHarborStandIn, type HarborStandIn } from './server';

export interface PushableHarbor {
  harbor: HarborStandIn;
  /** The registry behind the front door, for reading what really arrived. */
  backend: RegistryBackend;
  /** References the test tagged for this registry: close() removes them from the engine. */
  tagged: string[];
  close(): Promise<void>;
}

export async function startPushableHarbor(docker: Docker): Promise<PushableHarbor> {
  const backend = await startRegistryBackend();
  const port = ON_PODMAN ? Number(process.env.BERTH_PODMAN_STANDIN_PORT) : undefined;
  const harbor = await startHarborStandIn({ state: seededState(), registryBackend: backend.hostPort, port }).catch(
    (e: unknown) => {
      backend.close();
      throw e;
    },
  );
  const tagged: string[] = [];
  return {
    harbor,
    backend,
    tagged,
    async close() {
      for (const ref of tagged)
        await docker
          .getImage(ref)
          .remove()
          .catch(() => undefined);
      await harbor.close();
      backend.close();
    },
  };
}
