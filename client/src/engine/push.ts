// Tag a local image for a registry and push it through the Docker Engine API, reporting per-layer progress.
// Credentials travel only in the X-Registry-Auth header of this one request: never written to disk, never logged.
// No vscode import: the push commands and the engine tests both call this.
import * as l10n from '@vscode/l10n';
import type Docker from 'dockerode';
import { PushError, classifyPushError, withLocalTagNote, type PushFailure } from './push-failures';
import { reportsPodman } from './engine';
import { imageIdOf } from './image-id';
import { engineText, followJsonStream, type StreamEnd } from './json-stream';
import type { ProgressStreamLine } from './lines';

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

export interface PushTarget {
  /** host[:port] of the registry, e.g. Harbor's registry_url. */
  registry: string;
  /** Repository path under the registry, e.g. `project/web`. */
  repository: string;
  tag: string;
}

export interface LayerProgress {
  id: string;
  status: string;
  current?: number;
  total?: number;
}

export interface PushProgress {
  layers: LayerProgress[];
  /** 0..1 over the layers whose size is known; undefined before any size arrived. */
  fraction?: number;
}

export interface PushOptions {
  onProgress?: (p: PushProgress) => void;
  signal?: AbortSignal;
}

export interface PushResult {
  reference: string;
  digest: string;
  size?: number;
}

/**
 * The failure for a push's or pull's error text. Only a plain-HTTP registry needs to know the engine (the fix is in
 * daemon.json for Docker, registries.conf for Podman), so only then is /version asked.
 */
async function pushFailure(docker: Docker, raw: string, registry: string): Promise<PushError> {
  const f = classifyPushError(raw, registry);
  if (f.kind !== 'httpsToHttp') return new PushError(f);
  const podman = await docker.version().then(reportsPodman, () => false);
  return new PushError(podman ? classifyPushError(raw, registry, 'podman') : f);
}

/** Podman ends a push with a status line, not an aux record: "<tag>: digest: sha256:… size: 428". */
const DIGEST_STATUS = /digest: (sha256:[0-9a-f]{64}) size: (\d+)/;

export function targetReference(t: PushTarget): string {
  return `${t.registry}/${t.repository}:${t.tag}`;
}

/**
 * Tags `source` as `registry/repository:tag` and pushes it. Resolves with the pushed digest; rejects with a
 * PushError whose failure says what to do (an `{error}` line inside the 200 stream ends the push as failed).
 */
export async function tagAndPush(
  docker: Docker,
  source: string,
  target: PushTarget,
  auth: RegistryAuth | undefined,
  opts: PushOptions = {},
): Promise<PushResult> {
  const repo = `${target.registry}/${target.repository}`;
  const reference = `${repo}:${target.tag}`;
  // What the reference named before, so a failed push can undo exactly what it did.
  const before = await imageIdOf(docker, reference);
  await docker.getImage(source).tag({ repo, tag: target.tag });
  try {
    return await pushReference(docker, reference, target.registry, auth, opts);
  } catch (e) {
    const localTag = await undoTag(docker, reference, repo, target.tag, before);
    if (!(e instanceof PushError)) throw e;
    throw withLocalTagNote(new PushError({ ...e.failure, localTag }));
  }
}

/**
 * After a failed or cancelled push: removes the tag the push created, or points a reference that existed before
 * back at its old image. A tag that is the image's only name stays (removing it would delete the image).
 */
async function undoTag(
  docker: Docker,
  reference: string,
  repo: string,
  tag: string,
  before: string | undefined,
): Promise<NonNullable<PushFailure['localTag']>> {
  try {
    const now = await docker.getImage(reference).inspect();
    if (before !== undefined) {
      if (before === now.Id) return { reference, removed: false, kept: l10n.t('it existed before the push') };
      await docker.getImage(before).tag({ repo, tag });
      return { reference, removed: true };
    }
    if (!(now.RepoTags ?? []).some((t) => t !== reference))
      return {
        reference,
        removed: false,
        kept: l10n.t("it is the image's only name; removing it would delete the image"),
      };
    await docker.getImage(reference).remove({ noprune: true });
    return { reference, removed: true };
  } catch (e) {
    return { reference, removed: false, kept: l10n.t('removing it failed: {0}', (e as Error).message) };
  }
}

/**
 * Opens a push or pull of a registry reference and follows its stream: layer lines update the progress, and
 * `onLine` sees each line first (returning true when it took the line). Every failure is a PushError.
 */
async function followRegistryStream(
  docker: Docker,
  registry: string,
  open: () => Promise<NodeJS.ReadableStream>,
  opts: PushOptions,
  onLine: (line: ProgressStreamLine) => boolean = () => false,
): Promise<StreamEnd> {
  const cancelled = () => new PushError(classifyPushError('context canceled', registry));
  let stream: NodeJS.ReadableStream;
  try {
    stream = await open();
  } catch (e) {
    if (opts.signal?.aborted) throw cancelled();
    throw await pushFailure(docker, engineText(e), registry);
  }
  const layers = new Map<string, LayerProgress>();
  return followJsonStream<ProgressStreamLine>(docker, stream, {
    signal: opts.signal,
    cancelled,
    onLine: (line) => {
      if (!onLine(line)) recordLayer(layers, line, opts.onProgress);
    },
  });
}

/** Pushes an existing local reference. The engine requires X-Registry-Auth even for a registry without auth. */
export async function pushReference(
  docker: Docker,
  reference: string,
  registry: string,
  auth: RegistryAuth | undefined,
  opts: PushOptions = {},
): Promise<PushResult> {
  let digest: string | undefined;
  let size: number | undefined;
  const push = () =>
    docker
      .getImage(reference)
      .push({ authconfig: auth ?? {}, abortSignal: opts.signal } as Parameters<Docker.Image['push']>[0]);
  const end = await followRegistryStream(docker, registry, push, opts, (line) => {
    if (line.aux?.Digest) {
      digest = line.aux.Digest;
      size = line.aux.Size;
      return true;
    }
    const m = !line.id && line.status ? DIGEST_STATUS.exec(line.status) : null;
    if (!m) return false;
    digest ??= m[1];
    size ??= Number(m[2]);
    return true;
  });
  if (end.error) throw await pushFailure(docker, end.error.message, registry);
  if (end.failure !== undefined) throw await pushFailure(docker, end.failure, registry);
  if (!digest) throw new PushError(classifyPushError('the engine reported no digest for the push', registry));
  return { reference, digest, size };
}

/** A layer's progress line (push or pull) updates its layer and reports the whole. */
function recordLayer(
  layers: Map<string, LayerProgress>,
  line: ProgressStreamLine,
  onProgress: ((p: PushProgress) => void) | undefined,
): void {
  if (!line.id || !line.status) return;
  layers.set(line.id, {
    id: line.id,
    status: line.status,
    current: line.progressDetail?.current,
    total: line.progressDetail?.total,
  });
  onProgress?.(summarise(layers));
}

function summarise(layers: Map<string, LayerProgress>): PushProgress {
  const list = [...layers.values()];
  let done = 0;
  let total = 0;
  for (const l of list) {
    if (/^(Pushed|Layer already exists|Mounted from|Pull complete|Already exists)/.test(l.status)) {
      done += 1;
      total += 1;
    } else if (l.total) {
      done += (l.current ?? 0) / l.total;
      total += 1;
    }
  }
  return { layers: list, fraction: total ? done / total : undefined };
}

/** Pulls `reference` into the local engine (the reverse path, same auth, progress and Cancel handling). */
export async function pullReference(
  docker: Docker,
  reference: string,
  registry: string,
  auth: RegistryAuth | undefined,
  opts: PushOptions = {},
): Promise<void> {
  const pull = () => docker.pull(reference, { authconfig: auth, abortSignal: opts.signal } as Record<string, unknown>);
  const end = await followRegistryStream(docker, registry, pull, opts);
  if (end.error || end.failure !== undefined)
    throw await pushFailure(docker, end.error?.message ?? end.failure ?? '', registry);
}
