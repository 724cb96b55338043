// One typed face of the engine for the whole client. It wraps a dockerode instance pinned to the API version the
// engine itself reports (never more than this client knows), and turns every failure into an EngineError.
// Views and commands reach the engine only through this class (lint enforces it); sibling modules in
// client/src/engine/ (build, exec, logs, push, …) hold the workflows and use `engine.docker` and `engine.call()`. No `vscode` import here: the engine layer tests it in plain Node.
import * as l10n from '@vscode/l10n';
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { modemOptions, type EngineEndpoint } from './connection';
import { EngineError, toEngineError } from './errors';
import type { BuildOptions, BuildResult } from './build';
import type { AttachOptions, ExecOptions, ProcessSession } from './exec';
import type { FollowLogsOptions } from './logs';
import { listLibpodNetworks } from './podman';
import type { PushOptions, PushTarget, RegistryAuth } from './push';
import type { RunOptions, StartedContainer } from './run';
import type { CommitOptions } from './commit';
import type { ImportOptions } from './container-archive';
import type { ArchiveOptions, ArchivedImage } from './image-archive';
import type { PruneKind, SystemPruneOptions } from './prune';
import type { PullOptions } from './pull';

/** The newest Engine API this client is written against; older engines are spoken to in their own version. */
export const MAX_CLIENT_API = '1.45';

function apiNumber(v: string): number {
  const [maj, min] = v.split('.').map(Number);
  return (maj || 0) * 1000 + (min || 0);
}

/** The API version to pin: the engine's own, capped at ours. */
export function pickApiVersion(serverApi: string | undefined): string | undefined {
  if (!serverApi || !/^\d+\.\d+$/.test(serverApi)) return undefined; // unversioned requests: the engine uses its own
  return apiNumber(serverApi) > apiNumber(MAX_CLIENT_API) ? MAX_CLIENT_API : serverApi;
}

export interface EngineInfo {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  /** Podman's Docker-compatible service. */
  podman: boolean;
  /** Podman's own (libpod) API version, e.g. 4.3.1; set exactly when `podman` is. */
  libpodApiVersion?: string;
}

/**
 * dockerode (with ssh2, grpc and protobufjs behind it) is the heaviest code Berth has: a require() inside a function
 * is still bundled by esbuild but evaluated only on the first connection, which keeps activation cheap.
 */
function loadDockerode(): typeof Docker {
  return require('dockerode');
}

export type ContainerSummary = Docker.ContainerInfo;
export type ImageSummary = Docker.ImageInfo;
export type VolumeSummary = Docker.VolumeInspectInfo & {
  CreatedAt?: string;
  UsageData?: { RefCount: number; Size: number } | null;
};
export type NetworkSummary = Docker.NetworkInspectInfo;

export interface Signal {
  signal?: AbortSignal;
}

/** The component by which Podman's Docker-compatible service names itself in /version ("Podman Engine"). */
function podmanComponent(v: object): { Details?: { APIVersion?: string } } | undefined {
  const components =
    (v as { Components?: Array<{ Name?: string; Details?: { APIVersion?: string } }> }).Components ?? [];
  return components.find((c) => /podman/i.test(c.Name ?? ''));
}

export function reportsPodman(v: object): boolean {
  return podmanComponent(v) !== undefined;
}

/**
 * A dockerode whose requests leave undefined options out of the query string. docker-modem writes every own key of
 * a call's options there, an undefined one as `key=`: dockerd ignores `filters=`, Podman answers 500 ("failed to
 * decode filter parameters"). Every dockerode Berth uses comes from here, so no call site has to care.
 */
export function createDockerode(options: Docker.DockerOptions): Docker {
  const docker = new (loadDockerode())(options);
  const modem = docker.modem as unknown as { buildQuerystring(o: Record<string, unknown>): string };
  const build = modem.buildQuerystring.bind(modem);
  modem.buildQuerystring = (o) => build(Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
  return docker;
}

/** How long connecting may take before the engine counts as not answering. */
export const CONNECT_TIMEOUT_MS = 10_000;

export function notAnswering(label: string, timeoutMs: number, cause?: unknown): EngineError {
  const secs = Math.round(timeoutMs / 100) / 10;
  return new EngineError(
    'timeout',
    l10n.t(
      'The engine at {0} is not answering: nothing came back within {1} s. Check the address (berth.engine.host, DOCKER_HOST or the Docker context) and that a container engine, not another service, listens there.',
      label,
      secs,
    ),
    label,
    undefined,
    cause,
  );
}

export class Engine {
  private constructor(
    readonly endpoint: EngineEndpoint,
    /** dockerode pinned to the negotiated API version; for sibling engine modules only. */
    readonly docker: Docker,
    readonly info: EngineInfo,
    /** Without a version prefix: Podman's own (libpod) paths. */
    private readonly unversioned: Docker,
  ) {}

  /**
   * Connects: reads /version (unversioned), then pins the API version. Throws EngineError. An endpoint that accepts
   * the connection and never answers (a firewall, another service, a hung daemon) fails with kind 'timeout' after
   * `timeoutMs` instead of leaving the window "connecting" for ever.
   */
  static async connect(
    endpoint: EngineEndpoint,
    signal?: AbortSignal,
    timeoutMs = CONNECT_TIMEOUT_MS,
  ): Promise<Engine> {
    const probe = createDockerode(modemOptions(endpoint));
    const timeout = AbortSignal.timeout(timeoutMs);
    let v: Docker.DockerVersion;
    try {
      v = await (probe as unknown as { version(o: object): Promise<Docker.DockerVersion> }).version({
        abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (e) {
      if (timeout.aborted && !signal?.aborted) throw notAnswering(endpoint.label, timeoutMs, e);
      throw toEngineError(e, endpoint.label);
    }
    const api = pickApiVersion(v.ApiVersion);
    const docker = api ? createDockerode(modemOptions(endpoint, `v${api}`)) : probe;
    const podman = podmanComponent(v);
    const libpodApiVersion = podman ? (podman.Details?.APIVersion ?? '4.0.0') : undefined;
    return new Engine(
      endpoint,
      docker,
      {
        version: v.Version,
        apiVersion: api ?? v.ApiVersion ?? '?',
        os: v.Os,
        arch: v.Arch,
        podman: !!podman,
        libpodApiVersion,
      },
      probe,
    );
  }

  /** Runs a dockerode call with Berth's error translation. */
  async call<T>(fn: (docker: Docker) => Promise<T>): Promise<T> {
    try {
      return await fn(this.docker);
    } catch (e) {
      throw toEngineError(e, this.endpoint.label);
    }
  }

  /** "context · 20.10.24" style label for the status bar. */
  get displayName(): string {
    return `${this.endpoint.label} · ${this.info.podman ? 'Podman ' : ''}${this.info.version}`;
  }

  ping(o: Signal = {}): Promise<unknown> {
    return this.call((d) => (d as unknown as { ping(o: object): Promise<unknown> }).ping({ abortSignal: o.signal }));
  }

  // ---- lists (never with sizes: asking for container sizes makes the engine walk every layer) ----
  /** All containers, or only those with the given ids (what an event touched), or labels (`key=value`), or only
   *  the running ones. */
  listContainers(
    o: Signal & { ids?: string[]; labels?: string[]; runningOnly?: boolean } = {},
  ): Promise<ContainerSummary[]> {
    const wanted = { ...(o.ids ? { id: o.ids } : {}), ...(o.labels ? { label: o.labels } : {}) };
    const filters = Object.keys(wanted).length ? JSON.stringify(wanted) : undefined;
    return this.call((d) => d.listContainers({ all: !o.runningOnly, size: false, filters, abortSignal: o.signal }));
  }
  listImages(o: Signal & { all?: boolean } = {}): Promise<ImageSummary[]> {
    return this.call((d) => d.listImages({ all: o.all ?? false, abortSignal: o.signal } as Docker.ListImagesOptions));
  }
  async listVolumes(o: Signal = {}): Promise<VolumeSummary[]> {
    const r = await this.call((d) => d.listVolumes({ abortSignal: o.signal } as object));
    return (r.Volumes ?? []) as VolumeSummary[];
  }
  async listNetworks(o: Signal = {}): Promise<NetworkSummary[]> {
    if (this.info.libpodApiVersion) {
      // Podman's compat network list does not scale with containers (see podman.ts); its own list does.
      const native = await listLibpodNetworks(this.unversioned, this.info.libpodApiVersion, o.signal).catch(
        () => undefined,
      );
      if (native) return native;
    }
    return this.call((d) => d.listNetworks({ abortSignal: o.signal } as object));
  }

  // ---- inspect ----
  /** `os/arch[/variant]` of an image, from its config (what a build that uses it as a base gets). */
  async imagePlatform(id: string, o: Signal = {}): Promise<string | undefined> {
    const i = (await this.inspect('image', id, o)) as { Os?: string; Architecture?: string; Variant?: string };
    if (!i.Os || !i.Architecture) return undefined;
    return [i.Os, i.Architecture, i.Variant].filter(Boolean).join('/');
  }
  /** `os/arch` of the engine itself: what a build targets without --platform. */
  get platform(): string {
    return `${this.info.os}/${this.info.arch}`;
  }
  inspect(kind: 'container' | 'image' | 'volume' | 'network', id: string, o: Signal = {}): Promise<unknown> {
    const opts = { abortSignal: o.signal } as object;
    return this.call(async (d): Promise<unknown> => {
      switch (kind) {
        case 'container':
          return d.getContainer(id).inspect(opts);
        case 'image':
          return d.getImage(id).inspect(opts as never);
        case 'volume':
          return d.getVolume(id).inspect(opts as never);
        case 'network':
          return d.getNetwork(id).inspect(opts as never);
      }
    });
  }

  // ---- container lifecycle ----
  startContainer(id: string, o: Signal = {}): Promise<unknown> {
    return this.call((d) => d.getContainer(id).start({ abortSignal: o.signal } as object)).then(
      ignoreNotModified,
      notModifiedOk,
    );
  }
  stopContainer(id: string, o: Signal & { timeoutSec?: number } = {}): Promise<unknown> {
    return this.call((d) => d.getContainer(id).stop({ t: o.timeoutSec, abortSignal: o.signal } as object)).then(
      ignoreNotModified,
      notModifiedOk,
    );
  }
  restartContainer(id: string, o: Signal & { timeoutSec?: number } = {}): Promise<unknown> {
    return this.call((d) => d.getContainer(id).restart({ t: o.timeoutSec, abortSignal: o.signal } as object));
  }
  pauseContainer(id: string, o: Signal = {}): Promise<unknown> {
    return this.call((d) => d.getContainer(id).pause({ abortSignal: o.signal } as object));
  }
  unpauseContainer(id: string, o: Signal = {}): Promise<unknown> {
    return this.call((d) => d.getContainer(id).unpause({ abortSignal: o.signal } as object));
  }
  killContainer(id: string, o: Signal & { signalName?: string } = {}): Promise<unknown> {
    return this.call((d) => d.getContainer(id).kill({ signal: o.signalName, abortSignal: o.signal } as object));
  }
  removeContainer(id: string, o: Signal & { force?: boolean; volumes?: boolean } = {}): Promise<unknown> {
    return this.call((d) =>
      d.getContainer(id).remove({ force: !!o.force, v: !!o.volumes, abortSignal: o.signal } as object),
    );
  }

  // ---- images ----
  removeImage(id: string, o: Signal & { force?: boolean } = {}): Promise<unknown> {
    return this.call((d) => d.getImage(id).remove({ force: !!o.force, abortSignal: o.signal } as object));
  }
  tagImage(id: string, repo: string, tag: string, o: Signal = {}): Promise<unknown> {
    return this.call((d) => d.getImage(id).tag({ repo, tag, abortSignal: o.signal } as Docker.ImageTagOptions));
  }

  // ---- volumes ----
  removeVolume(name: string, o: Signal & { force?: boolean } = {}): Promise<unknown> {
    return this.call((d) => d.getVolume(name).remove({ force: !!o.force, abortSignal: o.signal } as object));
  }

  // ---- networks ----
  createNetwork(
    name: string,
    o: Signal & { driver?: string; subnet?: string; labels?: Record<string, string> } = {},
  ): Promise<unknown> {
    return this.call((d) =>
      d.createNetwork({
        Name: name,
        Driver: o.driver ?? 'bridge',
        CheckDuplicate: true,
        Labels: o.labels,
        ...(o.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: o.subnet }] } } : {}),
        abortSignal: o.signal,
      } as Docker.NetworkCreateOptions),
    );
  }
  removeNetwork(id: string, o: Signal = {}): Promise<unknown> {
    return this.call((d) => d.getNetwork(id).remove({ abortSignal: o.signal } as object));
  }

  // ---- workflows: each lives in its own module of this folder, loaded on first use (activation stays cheap) ----
  async build(opts: BuildOptions): Promise<BuildResult> {
    const { buildImage } = await import('./build');
    return this.typed(() => buildImage(this.docker, opts));
  }
  async createContainer(opts: RunOptions): Promise<StartedContainer> {
    const { createContainer } = await import('./run');
    return this.typed(() => createContainer(this.docker, opts).catch((e: unknown) => this.throwNamingHolder(e)));
  }
  async startCreated(created: StartedContainer, opts: RunOptions): Promise<void> {
    const { startCreated } = await import('./run');
    return this.typed(() => startCreated(created, opts).catch((e: unknown) => this.throwNamingHolder(e)));
  }

  /** Rethrows a run failure; a taken port's says what holds the port when that can be found. */
  private async throwNamingHolder(e: unknown): Promise<never> {
    const { RunError, portInUseMessage } = await import('./run');
    if (!(e instanceof RunError) || e.kind !== 'port-allocated' || !e.detail.port) throw e;
    const { portHolder } = await import('./port-in-use');
    const port = Number(e.detail.port);
    const holder = await portHolder(port, () => this.listContainers({ runningOnly: true }));
    throw holder ? new RunError(e.kind, portInUseMessage(port, holder), e.detail) : e;
  }
  async exposedPorts(image: string): Promise<string[]> {
    const { exposedPorts } = await import('./run');
    return this.typed(() => exposedPorts(this.docker, image));
  }
  /** Attaches to a created interactive container, starts it and drives its TTY. */
  async attach(containerId: string, opts: AttachOptions): Promise<ProcessSession> {
    const { attachSession } = await import('./exec');
    return this.typed(() => attachSession(this.docker, containerId, opts));
  }
  async exec(containerId: string, opts: ExecOptions): Promise<ProcessSession> {
    const { startExec } = await import('./exec');
    return this.typed(() => startExec(this.docker, containerId, opts));
  }
  /** The first of `candidates` the container can run as a shell. */
  async probeShell(containerId: string, candidates?: string[]): Promise<string | undefined> {
    const { probeShell } = await import('./exec');
    return this.typed(() => probeShell(this.docker, containerId, candidates));
  }
  async followLogs(containerId: string, opts: FollowLogsOptions): Promise<void> {
    const { followLogs } = await import('./logs');
    return this.typed(() => followLogs(this.docker, containerId, opts));
  }
  /** Tags `source` as the target and pushes it; a failed push undoes its tag (see push.ts). Rejects with PushError. */
  /** Without `auth`, the credentials docker itself would use for the registry (config.json, credential helpers). */
  async tagAndPush(source: string, target: PushTarget, auth: RegistryAuth | undefined, opts: PushOptions = {}) {
    const { tagAndPush } = await import('./push');
    const { dockerCredentials } = await import('./credentials');
    return this.typed(async () =>
      tagAndPush(this.docker, source, target, auth ?? (await dockerCredentials(target.registry)), opts),
    );
  }
  async pull(reference: string, registry: string, auth: RegistryAuth | undefined, opts: PushOptions = {}) {
    const { pullReference } = await import('./push');
    return this.typed(() => pullReference(this.docker, reference, registry, auth, opts));
  }

  // ---- disk use, prune, and moving images and containers (disk-usage, prune, image-archive, container-archive,
  // commit, pull: one module each) ----
  async diskUsage(o: Signal = {}) {
    const { systemDf } = await import('./disk-usage');
    return this.typed(() => systemDf(this.docker, o.signal));
  }
  /** `labels`: only objects carrying them (`key` or `key=value`). */
  private pruneContext(o: Signal & { labels?: string[] }) {
    return { podman: this.info.podman, apiVersion: this.info.apiVersion, signal: o.signal, labels: o.labels };
  }
  async planPrune(kind: PruneKind, o: Signal & { allVolumes?: boolean; labels?: string[] } = {}) {
    const { planPrune } = await import('./prune');
    return this.typed(() => planPrune(this.docker, kind, this.pruneContext(o), o));
  }
  async prune(kind: PruneKind, o: Signal & { allVolumes?: boolean; allBuildCache?: boolean; labels?: string[] } = {}) {
    const { pruneKind } = await import('./prune');
    return this.typed(() => pruneKind(this.docker, kind, this.pruneContext(o), o));
  }
  async planSystemPrune(o: Signal & SystemPruneOptions & { labels?: string[] } = {}) {
    const { planSystemPrune } = await import('./prune');
    return this.typed(() => planSystemPrune(this.docker, this.pruneContext(o), o));
  }
  async systemPrune(o: Signal & SystemPruneOptions & { labels?: string[] } = {}) {
    const { systemPrune } = await import('./prune');
    return this.typed(() => systemPrune(this.docker, this.pruneContext(o), o));
  }
  async saveImages(names: string[], target: string, o: ArchiveOptions = {}) {
    const { saveImages } = await import('./image-archive');
    return this.typed(() => saveImages(this.docker, names, target, o));
  }
  async loadConflicts(images: ArchivedImage[]) {
    const { loadConflicts } = await import('./image-archive');
    return this.typed(() => loadConflicts(this.docker, images));
  }
  async loadImages(file: string, o: ArchiveOptions = {}) {
    const { loadImages } = await import('./image-archive');
    return this.typed(() => loadImages(this.docker, file, o));
  }
  async exportContainer(id: string, target: string, o: ArchiveOptions = {}) {
    const { exportContainer } = await import('./container-archive');
    return this.typed(() => exportContainer(this.docker, id, target, o));
  }
  async importImage(file: string, o: ImportOptions = {}) {
    const { importImage } = await import('./container-archive');
    return this.typed(() => importImage(this.docker, file, o));
  }
  async commitContainer(id: string, o: CommitOptions = {}) {
    const { commitContainer } = await import('./commit');
    return this.typed(() => commitContainer(this.docker, id, o));
  }
  renameContainer(id: string, name: string, o: Signal = {}): Promise<unknown> {
    return this.call((d) => d.getContainer(id).rename({ name, abortSignal: o.signal } as object));
  }
  /** Pulls by reference with per-layer progress; credentials as docker finds them unless `o.auth` brings some. */
  async pullImage(reference: string, o: PullOptions = {}) {
    const { pullImage } = await import('./pull');
    return this.typed(() => pullImage(this.docker, reference, o));
  }

  /** Failures the workflow modules already typed (RunError, BuildError, PushError, EngineError) pass unchanged;
   *  anything else from dockerode becomes an EngineError. */
  private async typed<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof Error && TYPED_FAILURES.has(e.name)) throw e;
      throw toEngineError(e, this.endpoint.label);
    }
  }

  // ---- inside containers and images (container-changes.ts, processes.ts, stats.ts, image-layers.ts) ----
  async containerChanges(id: string, o: Signal = {}) {
    const { containerChanges } = await import('./container-changes');
    return containerChanges(this.docker, id, { ...o, endpoint: this.endpoint.label });
  }
  /** The container's copy of a file it changed (the archive API: running or stopped). */
  async readChangedFile(containerId: string, path: string, o: Signal = {}): Promise<Buffer> {
    const { readContainerFile } = await import('./container-files/read');
    return readContainerFile(this.docker, containerId, path, { ...o, endpoint: this.endpoint.label });
  }
  /** The image's copy of a file a container changed (undefined when the container added it). */
  async readImageFile(containerId: string, path: string, o: Signal = {}): Promise<Buffer | undefined> {
    const { readImageFile } = await import('./container-changes');
    return readImageFile(this.docker, containerId, path, { ...o, endpoint: this.endpoint.label });
  }
  async containerTop(id: string, o: Signal & { psArgs?: string } = {}) {
    const { containerTop } = await import('./processes');
    return containerTop(this.docker, id, { ...o, endpoint: this.endpoint.label });
  }
  async streamStats(
    id: string,
    onSample: (s: import('./stats').ContainerStats) => void,
    o: { signal: AbortSignal },
  ): Promise<void> {
    const { streamStats } = await import('./stats');
    return streamStats(this.docker, id, onSample, { ...o, endpoint: this.endpoint.label });
  }
  async imageLayers(image: string, o: Signal & { biggestFirst?: boolean } = {}) {
    const { imageLayers } = await import('./image-layers');
    return imageLayers(this.docker, image, { ...o, endpoint: this.endpoint.label });
  }

  // ---- events ----
  /** The raw /events stream (JSON objects, one per line). The caller owns it and must destroy it. */
  events(o: Signal & { since?: number; filters?: Record<string, string[]> } = {}): Promise<Readable> {
    return this.call(
      async (d) =>
        (await d.getEvents({
          since: o.since,
          filters: o.filters,
          abortSignal: o.signal,
        } as object)) as unknown as Readable,
    );
  }
}

const TYPED_FAILURES = new Set([
  'EngineError',
  'RunError',
  'BuildError',
  'PushError',
  'PullError',
  'CredentialError',
  'LoadError',
  'SystemPruneError',
]);

// start/stop on a container already in that state answer 304; for a user that is success, not an error.
function ignoreNotModified(v: unknown): unknown {
  return v;
}
function notModifiedOk(e: unknown): unknown {
  if (e instanceof EngineError && e.statusCode === 304) return undefined;
  throw e;
}
