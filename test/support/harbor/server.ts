// Starts the Harbor stand-in on a free port: the REST API under /api/v2.0, and — when a real registry is given —
// the token service and the /v2/ front door. One state serves both, so pushed images show up in the REST API.
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { RegistryFrontDoor } from './front-door';
import { handleRest, type RecordedExchange } from './rest-standin';
import { HarborState } from './state';

export interface HarborStandIn {
  url: string;
  /** host:port, as the engine addresses it. */
  hostPort: string;
  state: HarborState;
  exchanges: RecordedExchange[];
  frontDoor?: RegistryFrontDoor;
  close(): Promise<void>;
}

export async function startHarborStandIn(
  opts: {
    registryBackend?: string;
    host?: string;
    port?: number;
    state?: HarborState;
    tls?: { key: string; cert: string };
  } = {},
): Promise<HarborStandIn> {
  const state = opts.state ?? new HarborState();
  const exchanges: RecordedExchange[] = [];
  const frontDoor = opts.registryBackend ? new RegistryFrontDoor(state, opts.registryBackend) : undefined;
  const handler: RequestListener = (req, res) => {
    const path = req.url ?? '/';
    if (frontDoor && path.startsWith('/service/token')) return frontDoor.handleToken(req, res);
    if (frontDoor && path.startsWith('/v2')) return frontDoor.handleRegistry(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handleRest(state, req, res, Buffer.concat(chunks).toString('utf8'), exchanges);
    });
  };
  const server: Server = opts.tls ? createHttpsServer(opts.tls, handler) : createServer(handler);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const hostPort = `${host}:${port}`;
  state.config.registry_url = hostPort;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${hostPort}`,
    hostPort,
    state,
    exchanges,
    frontDoor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A stand-in with the users, robot and projects the tests share. */
export function seededState(): HarborState {
  const s = new HarborState();
  s.addUser('admin', 'Harbor12345', true);
  s.addUser('dev', 'dev-secret-pw');
  s.addUser('outsider', 'outsider-pw');
  s.addRobot('robot$ci', 'robot-secret-token', ['team']);
  s.addProject('library', { public: true });
  s.addProject('team', { members: ['dev'] });
  s.addProject('noscan', { members: ['dev'], scanner: false });
  s.addArtifact('library', 'hello', { tags: ['latest', '1.0'], size: 2_500_000 });
  s.addArtifact('team', 'web/frontend', {
    tags: ['v1'],
    size: 12_000_000,
    vulnerabilities: { Critical: 2, High: 5, Low: 1 },
  });
  s.addArtifact('noscan', 'tool', { tags: ['v1'] });
  return s;
}
