// Run a container: create + start through the API with the options users set on `docker run`, and typed errors
// for the three failures people hit most (port taken, name taken, image missing). A container whose start failed
// is removed again, so nothing half-made is left behind.
import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import type Docker from 'dockerode';
import { portConflictIn } from './port-in-use';

export interface PortMapping {
  hostIp?: string;
  hostPort?: string;
  containerPort: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface RunOptions {
  image: string;
  name?: string;
  /** `docker run -p` forms: "8080:80", "127.0.0.1:8080:80/tcp", "80" (random host port). */
  ports?: string[];
  /** KEY=VALUE entries. */
  env?: string[];
  /** An env file (KEY=VALUE lines, # comments), read before `env` so explicit entries win. */
  envFile?: string;
  /** `-v` forms: "volume:/path", "/host:/path:ro". */
  volumes?: string[];
  network?: string;
  /** no | always | unless-stopped | on-failure[:max] */
  restart?: string;
  autoRemove?: boolean;
  /** Interactive: a TTY with stdin kept open, for a terminal to attach to. */
  interactive?: boolean;
  cmd?: string[];
  labels?: Record<string, string>;
}

export type RunFailure = 'port-allocated' | 'name-conflict' | 'image-missing' | 'invalid';

export class RunError extends Error {
  override readonly name = 'RunError';
  constructor(
    readonly kind: RunFailure,
    message: string,
    readonly detail: { port?: string; containerName?: string; image?: string } = {},
  ) {
    super(message);
  }
}

export function parsePort(spec: string): PortMapping {
  const m = /^(?:(?:\[([^\]]+)\]|([^:]+)):)?(?:(\d*(?:-\d+)?):)?(\d+(?:-\d+)?)(?:\/(tcp|udp|sctp))?$/.exec(spec.trim());
  if (!m)
    throw new RunError(
      'invalid',
      l10n.t(
        '"{0}" is not a port mapping: write HOST:CONTAINER (8080:80), IP:HOST:CONTAINER or CONTAINER, optionally /udp.',
        spec,
      ),
    );
  // With only one colon, the first part is the host port, not an IP.
  let hostIp: string | undefined = m[1] ?? m[2];
  let hostPort: string | undefined = m[3];
  if (hostIp !== undefined && hostPort === undefined) {
    hostPort = hostIp;
    hostIp = undefined;
  }
  if (hostPort !== undefined && !/^\d*(-\d+)?$/.test(hostPort))
    throw new RunError('invalid', l10n.t('"{0}": host port "{1}" is not a number.', spec, hostPort));
  return {
    hostIp,
    hostPort: hostPort || undefined,
    containerPort: m[4]!, // the pattern's container port is not optional
    protocol: (m[5] as PortMapping['protocol']) ?? 'tcp',
  };
}

export function parseRestart(policy: string | undefined): { Name: string; MaximumRetryCount?: number } {
  const p = (policy ?? 'no').trim() || 'no';
  const m = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/.exec(p);
  if (!m || (m[2] && m[1] !== 'on-failure'))
    throw new RunError(
      'invalid',
      l10n.t('Restart policy "{0}" is not one of no, always, unless-stopped, on-failure[:max].', p),
    );
  return m[1] === 'on-failure'
    ? { Name: 'on-failure', MaximumRetryCount: m[2] ? Number(m[2]) : 0 }
    : { Name: m[1] === 'no' ? '' : m[1]! };
}

/** KEY=VALUE lines of an env file, as `docker run --env-file` reads them (no quote processing, # comments). */
export function parseEnvFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => (l.includes('=') ? l : `${l}=${process.env[l] ?? ''}`));
}

/** The image's EXPOSE'd ports ("80/tcp"), to pre-fill the ports question. */
export async function exposedPorts(docker: Docker, image: string): Promise<string[]> {
  try {
    const info = await docker.getImage(image).inspect();
    return Object.keys(info.Config?.ExposedPorts ?? {});
  } catch {
    return [];
  }
}

export function createOptions(opts: RunOptions, envFromFile: string[] = []): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp?: string; HostPort?: string }>> = {};
  for (const spec of opts.ports ?? []) {
    const p = parsePort(spec);
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort ?? '' });
  }
  const binds: string[] = [];
  for (const v of opts.volumes ?? []) {
    if (!/^[^:]+:\/[^:]*(:(ro|rw|z|Z|[a-z,]+))?$/.test(v.trim()))
      throw new RunError('invalid', l10n.t('"{0}" is not a volume: write NAME:/path or /host/path:/path[:ro].', v));
    binds.push(v.trim());
  }
  const interactive = !!opts.interactive;
  return {
    Image: opts.image,
    name: opts.name || undefined,
    Cmd: opts.cmd?.length ? opts.cmd : undefined,
    Env: [...envFromFile, ...(opts.env ?? [])],
    Labels: opts.labels,
    ExposedPorts: exposed,
    Tty: interactive,
    OpenStdin: interactive,
    StdinOnce: false,
    AttachStdin: interactive,
    AttachStdout: interactive,
    AttachStderr: interactive,
    HostConfig: {
      PortBindings: bindings,
      Binds: binds,
      NetworkMode: opts.network || undefined,
      RestartPolicy: parseRestart(opts.restart),
      AutoRemove: !!opts.autoRemove,
    },
  };
}

function engineText(err: unknown): string {
  const e = err as { json?: { message?: string }; message?: string };
  return e?.json?.message ?? e?.message ?? String(err);
}

/** What to say about a host port that is taken, naming what holds it when that is known. */
export function portInUseMessage(port: number, holder?: string): string {
  return holder
    ? l10n.t(
        'Port {0} is already in use on the host (held by {1}): pick another host port (e.g. {2}:…) or stop what is using {0}.',
        port,
        holder,
        port + 1,
      )
    : l10n.t(
        'Port {0} is already in use on the host: pick another host port (e.g. {1}:…) or stop what is using {0}.',
        port,
        port + 1,
      );
}

/** Maps the engine's create/start errors to a RunError when it is one of the known kinds. */
export function classifyRunError(err: unknown, opts: RunOptions): RunError | undefined {
  const text = engineText(err);
  const status = (err as { statusCode?: number }).statusCode;
  const port = portConflictIn(text)?.port;
  if (port) return new RunError('port-allocated', portInUseMessage(port), { port: String(port) });
  // dockerd answers 409; Podman 500, with its own wording around the same `name "…" is already in use`.
  if (/name "[^"]*" is already in use/.test(text)) {
    return new RunError(
      'name-conflict',
      l10n.t('A container named "{0}" already exists: remove it, or choose another name.', opts.name ?? ''),
      { containerName: opts.name },
    );
  }
  if (status === 404 && /No such image/i.test(text)) {
    return new RunError(
      'image-missing',
      l10n.t('Image {0} is not on this engine: pull or build it first.', opts.image),
      {
        image: opts.image,
      },
    );
  }
  return undefined;
}

export interface StartedContainer {
  id: string;
  name: string;
  container: Docker.Container;
}

/** Creates and starts the container (detached). Interactive containers are created here and started by the
 *  caller after attaching (see attachSession in exec.ts), so no output is lost. */
export async function createContainer(docker: Docker, opts: RunOptions): Promise<StartedContainer> {
  const fromFile = opts.envFile ? parseEnvFile(await fs.readFile(opts.envFile, 'utf8')) : [];
  let container: Docker.Container;
  try {
    container = await docker.createContainer(createOptions(opts, fromFile));
  } catch (err) {
    throw classifyRunError(err, opts) ?? err;
  }
  const info = await container.inspect();
  return { id: container.id, name: info.Name.replace(/^\//, ''), container };
}

export async function startCreated(created: StartedContainer, opts: RunOptions): Promise<void> {
  try {
    await created.container.start();
  } catch (err) {
    // A container that never started is not something the user asked to keep.
    await created.container.remove({ force: true }).catch(() => undefined);
    throw classifyRunError(err, opts) ?? err;
  }
}

export async function runContainer(docker: Docker, opts: RunOptions): Promise<StartedContainer> {
  const created = await createContainer(docker, opts);
  await startCreated(created, opts);
  return created;
}

/** The published host port of a running container's port (e.g. "80/tcp"), for "open in browser" and tests. */
export async function publishedPort(docker: Docker, id: string, containerPort: string): Promise<number | undefined> {
  const info = await docker.getContainer(id).inspect();
  const b = info.NetworkSettings.Ports?.[containerPort]?.[0];
  return b?.HostPort ? Number(b.HostPort) : undefined;
}
