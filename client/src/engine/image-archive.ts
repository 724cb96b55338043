// Moving images between machines as a .tar: save one or more images (`GET /images/get`) with byte progress, and
// load an archive (`POST /images/load`) after reading which tags it holds, so that the command can ask before a load
// would move an existing tag to another image, and can say afterwards exactly what was loaded, even after Cancel.
// No vscode import: the commands and the engine tests both call this.
import { createReadStream } from 'node:fs';
import type Docker from 'dockerode';
import * as l10n from '@vscode/l10n';
import * as tar from 'tar-stream';
import { readWithProgress, streamToFile } from './archive-file';
import { imageIdOf } from './image-id';
import { followJsonStream } from './json-stream';

export interface ArchiveProgress {
  /** Bytes moved so far, and the expected total when it is known (for a save, an estimate from the image sizes). */
  bytes: number;
  total?: number;
}

export interface ArchiveOptions {
  signal?: AbortSignal;
  onProgress?: (p: ArchiveProgress) => void;
}

/** Saves `names` (tags or ids) into one .tar at `target`; Cancel or a failure leaves no file. Resolves with its size. */
export async function saveImages(
  docker: Docker,
  names: string[],
  target: string,
  opts: ArchiveOptions = {},
): Promise<number> {
  // The archive holds each layer uncompressed once: the images' sizes are a close upper bound of its length.
  const sizes = await Promise.all(
    names.map((n) =>
      docker
        .getImage(n)
        .inspect()
        .then((i) => i.Size),
    ),
  );
  const total = sizes.reduce((s, n) => s + n, 0) || undefined;
  // dockerode has getImages (GET /images/get?names=…) at run time; its type definitions miss it.
  const getImages = (docker as unknown as { getImages(o: object): Promise<NodeJS.ReadableStream> }).getImages;
  const stream = await getImages.call(docker, { names, abortSignal: opts.signal });
  return streamToFile(stream, target, {
    signal: opts.signal,
    onBytes: (bytes) => opts.onProgress?.({ bytes, total: total && Math.max(total, bytes) }),
  });
}

/** One image in an archive: its id (the config's digest) and the tags the archive gives it. */
export interface ArchivedImage {
  id: string;
  tags: string[];
}

interface ManifestEntry {
  Config?: string;
  RepoTags?: string[] | null;
}

/** The id an archive's config path stands for: `blobs/sha256/<hex>` (OCI layout) or `<hex>.json` (older saves). */
export function configId(configPath: string): string | undefined {
  const m = /([0-9a-f]{64})(?:\.json)?$/.exec(configPath);
  return m ? `sha256:${m[1]}` : undefined;
}

/** The images of a `docker save` archive, from its manifest.json. Pure. */
export function imagesOfManifest(manifest: unknown): ArchivedImage[] {
  if (!Array.isArray(manifest)) return [];
  return (manifest as ManifestEntry[]).flatMap((e) => {
    const id = e.Config ? configId(e.Config) : undefined;
    return id ? [{ id, tags: e.RepoTags ?? [] }] : [];
  });
}

/**
 * The images an archive holds, read from its manifest.json (the whole tar is read through, since docker writes the
 * manifest after the layers). Rejects when the file is not an image archive.
 */
export async function readArchive(file: string, signal?: AbortSignal): Promise<ArchivedImage[]> {
  const extract = tar.extract();
  let manifest: unknown;
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, body, next) => {
      if (header.name.replace(/^\.\//, '') !== 'manifest.json') {
        body.on('end', next).resume();
        return;
      }
      let text = '';
      body.setEncoding('utf8');
      body.on('data', (d: unknown) => (text += String(d)));
      body.on('end', () => {
        try {
          manifest = JSON.parse(text);
        } catch (e) {
          return reject(new Error(l10n.t('{0}: manifest.json is not JSON ({1})', file, (e as Error).message)));
        }
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  const input = createReadStream(file, { signal });
  input.on('error', (e) => extract.destroy(e));
  input.pipe(extract);
  await done;
  if (manifest === undefined)
    throw new Error(l10n.t('{0} is not an image archive: it has no manifest.json (was it made by docker save?)', file));
  return imagesOfManifest(manifest);
}

/** A tag the archive would move away from the image it names now. */
export interface TagConflict {
  tag: string;
  currentId: string;
  archiveId: string;
}

/** The archive's tags that exist locally for another image: loading would move them (the old image may go <none>). */
export async function loadConflicts(docker: Docker, images: ArchivedImage[]): Promise<TagConflict[]> {
  const out: TagConflict[] = [];
  for (const img of images)
    for (const tag of img.tags) {
      const current = await imageIdOf(docker, tag);
      if (current && current !== img.id) out.push({ tag, currentId: current, archiveId: img.id });
    }
  return out;
}

export interface LoadResult {
  /** What the engine reported loading: tags, or ids for untagged images. */
  loaded: string[];
}

/** The loaded names from the engine's answer lines ("Loaded image: x:y", "Loaded image ID: sha256:…"). Pure. */
export function loadedNames(lines: string[]): string[] {
  const out: string[] = [];
  // Podman names every image of the archive on one line, separated by commas.
  for (const l of lines)
    for (const m of l.matchAll(/Loaded image(?: ID)?: (\S+)/g))
      for (const name of (m[1] ?? '').split(',')) if (name && !out.includes(name)) out.push(name);
  return out;
}

export class LoadError extends Error {
  constructor(
    message: string,
    /** The archive's tags that point at the archive's image after the failure: what did get loaded. */
    readonly loadedAnyway: string[],
    readonly cancelled: boolean,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/**
 * Loads `file` into the engine. On failure or Cancel rejects with a LoadError that lists which of the archive's tags
 * now name its images, so that nothing half-loaded goes unreported.
 */
export async function loadImages(docker: Docker, file: string, opts: ArchiveOptions = {}): Promise<LoadResult> {
  const counted = await readWithProgress(file, opts.onProgress);
  const lines: string[] = [];
  try {
    const res = (await docker.loadImage(
      counted as unknown as string,
      {
        quiet: true,
        abortSignal: opts.signal,
      } as object,
    )) as NodeJS.ReadableStream;
    const end = await followJsonStream<{ stream?: string; status?: string }>(docker, res, {
      signal: opts.signal,
      onLine: (line) => {
        if (line.stream) lines.push(line.stream);
        if (line.status) lines.push(line.status);
      },
    });
    if (end.error || end.failure) throw new Error(end.failure ?? end.error?.message);
  } catch (e) {
    counted.destroy();
    const cancelled = !!opts.signal?.aborted;
    const images = await readArchive(file).catch(() => []);
    const now = await Promise.all(
      images.flatMap((img) => img.tags.map(async (t) => ((await imageIdOf(docker, t)) === img.id ? t : undefined))),
    );
    const msg = cancelled
      ? l10n.t('The load was cancelled.')
      : l10n.t('Loading {0} failed: {1}', file, (e as Error).message);
    throw new LoadError(
      msg,
      now.filter((t): t is string => !!t),
      cancelled,
    );
  }
  return { loaded: loadedNames(lines) };
}
