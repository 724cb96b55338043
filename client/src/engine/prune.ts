// Prune per kind, and everything unused at once (`docker system prune` semantics), each in two steps: a plan that
// says what would go and about how much it frees (from /system/df and the lists, before anything is touched), and
// the prune itself, which reports what the engine removed and freed. The command shows the plan and asks between.
// No vscode import: the prune commands and the engine tests both call this.
import type Docker from 'dockerode';
import { isActiveContainer, systemDf, type SystemDf } from './disk-usage';

export type PruneKind = 'containers' | 'danglingImages' | 'allImages' | 'volumes' | 'networks' | 'buildCache';

export interface PruneItem {
  id: string;
  name: string;
  /** Bytes this item alone holds, when known. */
  size?: number;
}

export interface PrunePlan {
  kind: PruneKind;
  items: PruneItem[];
  /** About how much the prune frees (the engine's own figure comes afterwards). */
  bytes: number;
}

export interface PruneOutcome {
  kind: PruneKind;
  deleted: string[];
  spaceReclaimed: number;
}

export interface PruneContext {
  /** Podman's compat API: no anonymous-volume distinction, and its own default network. */
  podman: boolean;
  /** The engine's API version, e.g. "1.45". */
  apiVersion: string;
  signal?: AbortSignal;
  /** Only objects with these labels (`key` or `key=value`), as the CLI's `--filter label=`; build cache has none. */
  labels?: string[];
}

/** Whether `labels` carry every one of `wanted` (`key` or `key=value`). Pure. */
export function hasLabels(labels: Record<string, string> | null | undefined, wanted: string[] | undefined): boolean {
  return (wanted ?? []).every((w) => {
    const eq = w.indexOf('=');
    const key = eq < 0 ? w : w.slice(0, eq);
    return labels?.[key] !== undefined && (eq < 0 || labels[key] === w.slice(eq + 1));
  });
}

/** Networks every engine keeps; prune never removes them. */
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none', 'podman', 'ingress', 'docker_gwbridge']);
/** dockerd marks volumes it made for a container without a name (API 1.42+); only those go by default. */
export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';

function apiAtLeast(v: string, want: number): boolean {
  const [maj = 0, min = 0] = v.split('.').map(Number);
  return maj * 1000 + min >= want;
}

/**
 * Whether a volume prune removes named volumes too. dockerd from API 1.42 removes only anonymous volumes unless
 * asked for all; older dockerd and Podman remove every unused volume.
 */
export function volumePruneTakesNamed(ctx: PruneContext, allVolumes: boolean): boolean {
  return allVolumes || ctx.podman || !apiAtLeast(ctx.apiVersion, 1042);
}

const untagged = (tags: string[] | null | undefined): boolean =>
  !tags?.length || tags.every((t) => t === '<none>:<none>' || t.endsWith(':<none>') || t === '<none>');

/** What a prune of `kind` would remove, from the disk-usage snapshot and (for networks) the lists. Pure but for networks. */
export function planFromDf(
  df: SystemDf,
  kind: Exclude<PruneKind, 'networks'>,
  ctx: PruneContext,
  allVolumes = false,
): PrunePlan {
  const sum = (items: PruneItem[]) => items.reduce((s, i) => s + (i.size ?? 0), 0);
  let items: PruneItem[] = [];
  switch (kind) {
    case 'containers':
      items = (df.Containers ?? [])
        .filter((c) => !isActiveContainer(c) && hasLabels(c.Labels, ctx.labels))
        .map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), size: c.SizeRw ?? 0 }));
      break;
    case 'danglingImages':
    case 'allImages':
      items = (df.Images ?? [])
        .filter((i) => i.Containers <= 0 && (kind === 'allImages' || untagged(i.RepoTags)))
        .filter((i) => hasLabels(i.Labels, ctx.labels))
        .map((i) => ({
          id: i.Id,
          name: untagged(i.RepoTags) ? i.Id.replace(/^sha256:/, '').slice(0, 12) : (i.RepoTags ?? []).join(', '),
          // What the image holds alone; layers shared with a kept image stay.
          size: i.SharedSize >= 0 ? i.Size - i.SharedSize : i.Size,
        }));
      break;
    case 'volumes': {
      const named = volumePruneTakesNamed(ctx, allVolumes);
      items = (df.Volumes ?? [])
        .filter((v) => (v.UsageData?.RefCount ?? 0) === 0 && hasLabels(v.Labels, ctx.labels))
        .filter((v) => named || (v.Labels ?? {})[ANONYMOUS_VOLUME_LABEL] !== undefined)
        .map((v) => ({ id: v.Name, name: v.Name, size: Math.max(0, v.UsageData?.Size ?? 0) }));
      break;
    }
    case 'buildCache':
      items = (df.BuildCache ?? [])
        .filter((b) => !b.InUse)
        .map((b) => ({
          id: b.ID,
          name: b.Description || b.Type || b.ID.slice(0, 12),
          size: b.Shared ? 0 : Math.max(0, b.Size),
        }));
      break;
  }
  return { kind, items, bytes: sum(items) };
}

/** Networks no running container is attached to, the predefined ones aside (dockerd removes only those). */
async function planNetworks(docker: Docker, ctx: PruneContext): Promise<PrunePlan> {
  const [networks, running] = await Promise.all([
    docker.listNetworks({ abortSignal: ctx.signal } as object),
    docker.listContainers({ all: false, abortSignal: ctx.signal } as object),
  ]);
  const used = new Set<string>();
  for (const c of running)
    for (const [name, n] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      used.add(name);
      if (n.NetworkID) used.add(n.NetworkID);
    }
  const items = networks
    .filter((n) => !PREDEFINED_NETWORKS.has(n.Name) && !used.has(n.Name) && !used.has(n.Id))
    .filter((n) => hasLabels(n.Labels, ctx.labels))
    .map((n) => ({ id: n.Id, name: n.Name }));
  return { kind: 'networks', items, bytes: 0 };
}

/**
 * Podman's compat df leaves out what a plan needs: labels of images, containers and volumes are empty, and image tags
 * are bare ("latest"). They are taken from the lists, which carry them.
 */
async function completePodmanDf(docker: Docker, df: SystemDf, signal?: AbortSignal): Promise<SystemDf> {
  const [images, containers, volumes] = await Promise.all([
    docker.listImages({ all: true, abortSignal: signal } as object),
    docker.listContainers({ all: true, abortSignal: signal } as object),
    docker.listVolumes({ abortSignal: signal } as object),
  ]);
  const withPrefix = (id: string) => (id.startsWith('sha256:') ? id : `sha256:${id}`);
  const image = new Map(images.map((i) => [withPrefix(i.Id), i]));
  const container = new Map(containers.map((c) => [c.Id, c]));
  const volume = new Map((volumes.Volumes ?? []).map((v) => [v.Name, v]));
  return {
    ...df,
    Images: (df.Images ?? []).map((i) => {
      const l = image.get(withPrefix(i.Id));
      return l ? { ...i, Labels: l.Labels ?? i.Labels, RepoTags: l.RepoTags ?? [] } : i;
    }),
    Containers: (df.Containers ?? []).map((c) => ({ ...c, Labels: container.get(c.Id)?.Labels ?? c.Labels })),
    Volumes: (df.Volumes ?? []).map((v) => ({ ...v, Labels: volume.get(v.Name)?.Labels ?? v.Labels })),
  };
}

async function readDf(docker: Docker, ctx: PruneContext): Promise<SystemDf> {
  const df = await systemDf(docker, ctx.signal);
  return ctx.podman ? completePodmanDf(docker, df, ctx.signal) : df;
}

/** The plan of one kind; `df` may be passed when the caller already has it. */
export async function planPrune(
  docker: Docker,
  kind: PruneKind,
  ctx: PruneContext,
  opts: { allVolumes?: boolean; df?: SystemDf } = {},
): Promise<PrunePlan> {
  if (kind === 'networks') return planNetworks(docker, ctx);
  const df = opts.df ?? (await readDf(docker, ctx));
  return planFromDf(df, kind, ctx, opts.allVolumes);
}

/** Prunes one kind and reports what the engine says it removed and freed. */
export async function pruneKind(
  docker: Docker,
  kind: PruneKind,
  ctx: PruneContext,
  opts: { allVolumes?: boolean; allBuildCache?: boolean } = {},
): Promise<PruneOutcome> {
  const abortSignal = ctx.signal;
  // An empty filter is left out: Podman answers 500 to some filters it cannot decode.
  const label = ctx.labels?.length ? { label: ctx.labels } : undefined;
  switch (kind) {
    case 'containers': {
      const r = await docker.pruneContainers({ filters: label, abortSignal } as object);
      return { kind, deleted: r.ContainersDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
    }
    case 'danglingImages':
    case 'allImages': {
      if (kind === 'allImages' && ctx.podman) return podmanPruneAllImages(docker, ctx);
      const r = await docker.pruneImages({
        filters: { dangling: [kind === 'danglingImages' ? 'true' : 'false'], ...(label ?? {}) },
        abortSignal,
      } as object);
      // Podman names deleted images by bare id; dockerd with `sha256:`, as every id elsewhere.
      const deleted = (r.ImagesDeleted ?? [])
        .map((x) => x.Deleted ?? x.Untagged ?? '')
        .filter(Boolean)
        .map((d) => (/^[0-9a-f]{64}$/.test(d) ? `sha256:${d}` : d));
      return { kind, deleted, spaceReclaimed: r.SpaceReclaimed ?? 0 };
    }
    case 'volumes': {
      // Podman's compat API rejects the `all` filter; it removes every unused volume anyway.
      const all = opts.allVolumes && !ctx.podman && apiAtLeast(ctx.apiVersion, 1042);
      const filters = all || label ? { ...(all ? { all: ['true'] } : {}), ...(label ?? {}) } : undefined;
      const r = await docker.pruneVolumes({ filters, abortSignal } as object);
      return { kind, deleted: r.VolumesDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
    }
    case 'networks': {
      const r = await docker.pruneNetworks({ filters: label, abortSignal } as object);
      return { kind, deleted: r.NetworksDeleted ?? [], spaceReclaimed: 0 };
    }
    case 'buildCache': {
      type BuilderPrune = { CachesDeleted?: string[] | null; SpaceReclaimed?: number };
      const r = await (
        docker.pruneBuilder({
          all: opts.allBuildCache ? true : undefined,
          abortSignal,
        } as object) as Promise<BuilderPrune>
      ).catch((e: unknown) => {
        // Podman keeps no BuildKit cache and has no /build/prune: there is nothing to prune.
        if (ctx.podman && (e as { statusCode?: number }).statusCode === 404) return {} as BuilderPrune;
        throw e;
      });
      return { kind, deleted: r.CachesDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
    }
  }
}

/**
 * Every unused image on Podman. Its compat prune adds `dangling=true` itself and refuses a second `dangling` filter
 * ("specifying dangling filter more than once"), so this goes to its own API, whose `all` means what `-a` means.
 */
async function podmanPruneAllImages(docker: Docker, ctx: PruneContext): Promise<PruneOutcome> {
  const r = await new Promise<Array<{ Id?: string; Size?: number; Err?: string }> | null>((resolve, reject) =>
    docker.modem.dial(
      {
        path: '/libpod/images/prune?',
        method: 'POST',
        options: { all: true, ...(ctx.labels?.length ? { filters: { label: ctx.labels } } : {}) },
        abortSignal: ctx.signal,
        statusCodes: { 200: true, 500: 'server error' },
      } as never,
      (err: unknown, data: unknown) => (err ? reject(err as Error) : resolve(data as never)),
    ),
  );
  const gone = (r ?? []).filter((x) => x.Id && !x.Err);
  return {
    kind: 'allImages',
    deleted: gone.map((x) => (x.Id!.startsWith('sha256:') ? x.Id! : `sha256:${x.Id!}`)),
    spaceReclaimed: gone.reduce((sum, x) => sum + (x.Size ?? 0), 0),
  };
}

export interface SystemPruneOptions {
  /** Every unused image, not only dangling ones (`-a`). */
  allImages?: boolean;
  /** Unused volumes too (`--volumes`); named ones only when `allVolumes`. */
  volumes?: boolean;
  allVolumes?: boolean;
  labels?: string[];
}

/** The kinds `docker system prune` removes, in its order: containers first, so that what they held becomes unused. */
export function systemPruneKinds(o: SystemPruneOptions): PruneKind[] {
  return [
    'containers',
    'networks',
    ...(o.volumes ? (['volumes'] as const) : []),
    o.allImages ? 'allImages' : 'danglingImages',
    // Build cache records carry no labels: a prune limited to labels leaves the cache alone.
    ...(o.labels?.length ? [] : (['buildCache'] as const)),
  ];
}

/**
 * The plans of a system prune. Containers go first, so images and volumes only they held are counted too: an image
 * or volume whose only users are stopped containers appears in the plan as well.
 */
export async function planSystemPrune(docker: Docker, ctx: PruneContext, o: SystemPruneOptions): Promise<PrunePlan[]> {
  const df = await readDf(docker, ctx);
  const stopped = new Set((df.Containers ?? []).filter((c) => !isActiveContainer(c)).map((c) => c.Image ?? ''));
  const liveImages = new Set((df.Containers ?? []).filter(isActiveContainer).map((c) => c.Image ?? ''));
  const liveVolumes = new Set(
    (df.Containers ?? []).filter(isActiveContainer).flatMap((c) => (c.Mounts ?? []).map((m) => m.Name ?? '')),
  );
  // After the containers go, an image or volume only stopped containers used has none left.
  const after: SystemDf = {
    ...df,
    Volumes: (df.Volumes ?? []).map((v) =>
      v.UsageData && !liveVolumes.has(v.Name) ? { ...v, UsageData: { ...v.UsageData, RefCount: 0 } } : v,
    ),
    Images: (df.Images ?? []).map((i) => {
      const byStoppedOnly =
        [...stopped].some((ref) => ref === i.Id || (i.RepoTags ?? []).includes(ref)) &&
        ![...liveImages].some((ref) => ref === i.Id || (i.RepoTags ?? []).includes(ref));
      return byStoppedOnly ? { ...i, Containers: 0 } : i;
    }),
  };
  const plans: PrunePlan[] = [];
  for (const kind of systemPruneKinds({ ...o, labels: ctx.labels }))
    plans.push(
      kind === 'networks'
        ? await planNetworks(docker, ctx)
        : planFromDf(kind === 'volumes' || kind.endsWith('Images') ? after : df, kind, ctx, o.allVolumes),
    );
  return plans;
}

/** Runs the system prune's kinds in order; stops at the first failure, with what was done before it. */
export async function systemPrune(docker: Docker, ctx: PruneContext, o: SystemPruneOptions): Promise<PruneOutcome[]> {
  const done: PruneOutcome[] = [];
  for (const kind of systemPruneKinds({ ...o, labels: ctx.labels })) {
    try {
      done.push(await pruneKind(docker, kind, ctx, { allVolumes: o.allVolumes }));
    } catch (e) {
      throw new SystemPruneError(done, kind, e);
    }
  }
  return done;
}

export class SystemPruneError extends Error {
  constructor(
    readonly done: PruneOutcome[],
    readonly failedKind: PruneKind,
    readonly cause: unknown,
  ) {
    super((cause as Error)?.message ?? String(cause));
    this.name = 'SystemPruneError';
  }
}
