// An image's layers from GET /images/{name}/history: size, the instruction that made each one and when, newest
// first as the engine lists them, or biggest first. The engine prefixes build steps with the shell that ran them
// (`/bin/sh -c`) and marks metadata-only steps `#(nop)`: both are taken off so the instruction reads as written.
import type Docker from 'dockerode';
import { locateInstructions, type DockerfileInstruction } from './build';
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
  return (
    createdBy
      .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
      .replace(/^\/bin\/sh -c /, 'RUN ')
      .replace(/^\|\d+ (\S+=\S* )*\/bin\/sh -c /, 'RUN ')
      // BuildKit writes the RUN keyword itself, then the build arguments in use and the shell.
      .replace(/^RUN (\|\d+ (\S+=\S* )*)?\/bin\/sh -c /, 'RUN ')
      .replace(/\s+# buildkit$/, '')
      .trim()
  );
}

/**
 * Which Dockerfile instruction made each layer, for an image built from `dockerfileText` (its `target` stage, or
 * the last). The history holds one entry per instruction of the stage, newest first, then the base image's: the
 * entries are matched to the stage's instructions from the end by keyword, and when the stage starts from an
 * earlier stage (`FROM build`) the matching goes on into that one. An ARG may have no entry (BuildKit records
 * none), so it is skipped; any other disagreement ends the matching, and the rest of the layers belong to the base
 * image. The result is parallel to `layers` (as imageLayers lists them, newest first): a 0-based line, or undefined.
 */
export function mapLayersToInstructions(
  layers: ReadonlyArray<Pick<ImageLayer, 'createdBy'>>,
  dockerfileText: string,
  target?: string,
): Array<DockerfileInstruction | undefined> {
  const all = locateInstructions(dockerfileText);
  const stages: Array<{ name?: string; base: string; body: DockerfileInstruction[] }> = [];
  for (const i of all) {
    if (i.keyword === 'FROM') {
      const m = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(i.text);
      stages.push({ base: m?.[1]?.toLowerCase() ?? '', name: m?.[2]?.toLowerCase(), body: [] });
    } else stages.at(-1)?.body.push(i);
  }
  const byName = (name: string) => stages.findIndex((st) => st.name === name);
  let stage = target ? byName(target.toLowerCase()) : stages.length - 1;
  const out: Array<DockerfileInstruction | undefined> = layers.map(() => undefined);
  let layer = 0;
  // Buildah (Podman) records the labels a build request adds (`labels=`) as a LABEL step of its own, newest.
  const keywordAt = (n: number) => /^\S+/.exec(layers[n]?.createdBy ?? '')?.[0]?.toUpperCase();
  if (stages[stage]?.body.at(-1)?.keyword !== 'LABEL') while (keywordAt(layer) === 'LABEL') layer++;
  const seen = new Set<number>();
  while (stage >= 0 && !seen.has(stage)) {
    seen.add(stage);
    const current = stages[stage];
    if (!current) break;
    let i = current.body.length - 1;
    while (layer < layers.length && i >= 0) {
      const keyword = keywordAt(layer);
      const instruction = current.body[i];
      if (instruction?.keyword === keyword) {
        out[layer++] = instruction;
        i--;
      } else if (instruction?.keyword === 'ARG') i--;
      else return out;
    }
    if (i >= 0 && current.body.slice(0, i + 1).some((x) => x.keyword !== 'ARG')) return out;
    stage = byName(current.base);
  }
  return out;
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
