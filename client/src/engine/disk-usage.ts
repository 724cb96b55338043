// What the engine's disk holds (`GET /system/df`): images, containers, local volumes and build cache, each with its
// size and the part a prune could give back, computed the way `docker system df` computes them.
// No vscode import: the Disk Usage view and the engine tests both read it.
import type Docker from 'dockerode';

export interface DfImage {
  Id: string;
  RepoTags?: string[] | null;
  Size: number;
  SharedSize: number;
  Containers: number;
  Labels?: Record<string, string> | null;
}
export interface DfContainer {
  Id: string;
  Names?: string[];
  Image?: string;
  State?: string;
  SizeRw?: number;
  Labels?: Record<string, string> | null;
  Mounts?: Array<{ Type?: string; Name?: string }> | null;
}
export interface DfVolume {
  Name: string;
  Labels?: Record<string, string> | null;
  UsageData?: { Size: number; RefCount: number } | null;
}
export interface DfBuildCache {
  ID: string;
  Type?: string;
  Description?: string;
  InUse?: boolean;
  Shared?: boolean;
  Size: number;
}
export interface SystemDf {
  LayersSize?: number;
  Images?: DfImage[] | null;
  Containers?: DfContainer[] | null;
  Volumes?: DfVolume[] | null;
  BuildCache?: DfBuildCache[] | null;
}

export type DiskUsageKind = 'images' | 'containers' | 'volumes' | 'buildCache';

export interface DiskUsageRow {
  kind: DiskUsageKind;
  /** How many there are, and how many are in use (a container uses the image; running; referenced; in use). */
  count: number;
  active: number;
  size: number;
  reclaimable: number;
}

export async function systemDf(docker: Docker, signal?: AbortSignal): Promise<SystemDf> {
  const df = docker.df as unknown as (o: object) => Promise<SystemDf>;
  const r = await df.call(docker, { abortSignal: signal });
  // Podman's compat df gives image ids without the `sha256:` every other answer carries.
  for (const i of r.Images ?? []) if (/^[0-9a-f]{64}$/.test(i.Id)) i.Id = `sha256:${i.Id}`;
  return r;
}

/** A container counts as active as the CLI counts it: running, paused or restarting. */
export function isActiveContainer(c: Pick<DfContainer, 'State'>): boolean {
  return /running|paused|restarting/.test(c.State ?? '');
}

/** The size a size field holds, or 0 for the engine's "not computed" (-1) and missing values. */
const known = (n: number | undefined | null): number => (typeof n === 'number' && n > 0 ? n : 0);

/** One row per kind, with `docker system df`'s totals and reclaimable sizes. Pure. */
export function summariseDiskUsage(df: SystemDf): DiskUsageRow[] {
  const images = df.Images ?? [];
  const imageSize = df.LayersSize ?? images.reduce((s, i) => s + known(i.Size), 0);
  // In use: what the images with containers hold beyond the layers they share with others.
  const imageUsed = images
    .filter((i) => i.Containers > 0 && i.Size >= 0 && i.SharedSize >= 0)
    .reduce((s, i) => s + i.Size - i.SharedSize, 0);
  const containers = df.Containers ?? [];
  const volumes = df.Volumes ?? [];
  const cache = df.BuildCache ?? [];
  const cacheSize = cache.filter((b) => !b.Shared).reduce((s, b) => s + known(b.Size), 0);
  const cacheInUse = cache.filter((b) => b.InUse && !b.Shared).reduce((s, b) => s + known(b.Size), 0);
  return [
    {
      kind: 'images',
      count: images.length,
      active: images.filter((i) => i.Containers > 0).length,
      size: imageSize,
      reclaimable: Math.max(0, imageSize - imageUsed),
    },
    {
      kind: 'containers',
      count: containers.length,
      active: containers.filter(isActiveContainer).length,
      size: containers.reduce((s, c) => s + known(c.SizeRw), 0),
      reclaimable: containers.filter((c) => !isActiveContainer(c)).reduce((s, c) => s + known(c.SizeRw), 0),
    },
    {
      kind: 'volumes',
      count: volumes.length,
      active: volumes.filter((v) => known(v.UsageData?.RefCount) > 0).length,
      size: volumes.reduce((s, v) => s + known(v.UsageData?.Size), 0),
      reclaimable: volumes
        .filter((v) => (v.UsageData?.RefCount ?? 0) === 0)
        .reduce((s, v) => s + known(v.UsageData?.Size), 0),
    },
    {
      kind: 'buildCache',
      count: cache.length,
      active: cache.filter((b) => b.InUse).length,
      size: cacheSize,
      reclaimable: Math.max(0, cacheSize - cacheInUse),
    },
  ];
}
