// Podman's own (libpod) API for the one list whose Docker-compatible form does not scale: Podman 4.3's compat
// network list inspects every container for every network (1,000 containers and 50 networks: over two minutes),
// where its own list answers in milliseconds. Translated here to the Docker shape the explorer reads.
import type Docker from 'dockerode';
import { dial } from './dial';
import type { NetworkSummary } from './engine';

interface LibpodNetwork {
  name: string;
  id: string;
  driver: string;
  created?: string;
  subnets?: Array<{ subnet?: string; gateway?: string }> | null;
  ipv6_enabled?: boolean;
  internal?: boolean;
  labels?: Record<string, string> | null;
  options?: Record<string, string> | null;
  ipam_options?: { driver?: string } | null;
}

/** Podman 4's network list (Podman 3 answered the same path with CNI config lists, which are not read here). */
function isLibpodNetworkList(x: unknown): x is LibpodNetwork[] {
  return (
    Array.isArray(x) &&
    x.every(
      (n) =>
        n &&
        typeof n === 'object' &&
        typeof n.name === 'string' &&
        typeof n.id === 'string' &&
        typeof n.driver === 'string',
    )
  );
}

export function fromLibpodNetwork(n: LibpodNetwork): NetworkSummary {
  return {
    Name: n.name,
    Id: n.id,
    Created: n.created ?? '',
    Scope: 'local',
    Driver: n.driver,
    EnableIPv6: !!n.ipv6_enabled,
    IPAM: {
      Driver: n.ipam_options?.driver ?? 'default',
      Config: (n.subnets ?? []).map((s) => ({ Subnet: s.subnet, Gateway: s.gateway })),
    },
    Internal: !!n.internal,
    Attachable: false,
    Ingress: false,
    Containers: {},
    Options: n.options ?? {},
    Labels: n.labels ?? {},
  } as NetworkSummary;
}

/** The networks through libpod (`apiVersion`: Podman's own, e.g. 4.3.1), or undefined when not in Podman 4's form. */
export async function listLibpodNetworks(
  unversioned: Docker,
  apiVersion: string,
  signal?: AbortSignal,
): Promise<NetworkSummary[] | undefined> {
  const data = await dial<unknown>(unversioned, {
    path: `/v${apiVersion}/libpod/networks/json?`,
    method: 'GET',
    options: {},
    abortSignal: signal,
    statusCodes: { 200: true, 404: 'no libpod API', 500: 'server error' },
  });
  return isLibpodNetworkList(data) ? data.map(fromLibpodNetwork) : undefined;
}
