// An image's layers from GET /images/{name}/history: size, the instruction that made each one and when, newest
// first as the engine lists them, or biggest first. The engine prefixes build steps with the shell that ran them
// (`/bin/sh -c`) and marks metadata-only steps `#(nop)`: both are taken off so the instruction reads as written.
import type Docker from 'dockerode';
import { toEngineError } from './errors';

export interface ImageLayer {
  id: string;
  createdBy: string;
  created: Date;
  size: number;
  /** A step that changed metadata only (ENV, CMD, LABEL…): it adds no bytes. */
  empty: boolean;
  tags: string[];
}

export function instructionOf(createdBy: string): string {
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .replace(/^\|\d+ (\S+=\S* )*\/bin\/sh -c /, 'RUN ')
    .replace(/\s+# buildkit$/, '')
    .trim();
}

export async function imageLayers(
  docker: Docker,
  image: string,
  o: { signal?: AbortSignal; endpoint?: string; biggestFirst?: boolean } = {},
): Promise<ImageLayer[]> {
  let history: Array<{ Id: string; Created: number; CreatedBy: string; Size: number; Tags: string[] | null }>;
  try {
    history = (await docker.getImage(image).history()) as typeof history;
  } catch (e) {
    throw toEngineError(e, o.endpoint ?? 'engine');
  }
  const layers = history.map((h) => ({
    id: h.Id,
    createdBy: instructionOf(h.CreatedBy ?? ''),
    created: new Date(h.Created * 1000),
    size: h.Size,
    empty: h.Size === 0,
    tags: h.Tags ?? [],
  }));
  return o.biggestFirst ? layers.sort((a, b) => b.size - a.size) : layers;
}
