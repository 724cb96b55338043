// What the Build command asks of a Dockerfile (berth/dockerfileInfo): its stages, for a target, and its ARGs with
// their defaults, for --build-arg prompts. Read from the model, the same one every other feature shares.
import type { DockerfileInfo } from '../protocol';
import type { DockerfileModel } from './parse/model';

/** A default as the builder sees it: one pair of matching quotes around the whole value is removed. */
function unquoted(value: string | undefined): string | undefined {
  return value?.replace(/^(["'])(.*)\1$/s, '$2');
}

export function dockerfileBuildInfo(model: DockerfileModel): DockerfileInfo {
  const args = new Map<string, DockerfileInfo['args'][number]>();
  for (const d of model.declarations) {
    if (d.kind === 'ARG' && !args.has(d.name))
      args.set(d.name, { name: d.name, default: unquoted(d.value), global: d.scope === -1 });
  }
  return {
    stages: model.stages.map((s) => ({ index: s.index, name: s.name, base: s.base })),
    args: [...args.values()],
  };
}
