// InvalidBaseImagePlatform, as far as an editor can know it. BuildKit raises it after resolving the base image, when
// the image it got is for another platform than the stage builds for. The language server resolves nothing itself:
// the client reports the local engine's images with their platforms and the engine's own platform, and a FROM that
// names one of those images is compared with the stage's --platform (or, without one, the engine's platform, which
// is what the build targets by default). An image the engine does not hold is not judged.
import * as l10n from '@vscode/l10n';
import { expandWithDefaults, globalArgDefaults } from '../parse/arg-defaults';
import type { Stage } from '../parse/model';
import type { EngineImage } from '../../lsp/adapter';
import { parsePlatform } from './platform';
import type { RuleInput } from './types';

/** `--platform` values that stand for the build's own platform, which is the engine's for a local build. */
const ENGINE_PLATFORM_ARGS = /^\$\{?(BUILDPLATFORM|TARGETPLATFORM)\}?$/;

export function baseImagePlatform(input: RuleInput): void {
  const local = input.localImages;
  if (!local || local.images.length === 0) return;
  const { model } = input;
  const defaults = globalArgDefaults(model);
  for (const stage of model.stages) {
    if (stage.baseStage !== undefined || !stage.base || !stage.baseRange) continue;
    const image = expandWithDefaults(stage.base, model.escapeChar, defaults);
    if (!image.complete || !image.value) continue;
    const found = findLocal(local.images, image.value);
    if (!found?.platform) continue;
    const expected = expectedPlatform(stage, local.enginePlatform, model.escapeChar, defaults);
    if (!expected) continue;
    const have = parsePlatform(found.platform);
    const want = parsePlatform(expected);
    if (!have?.arch || !want?.arch) continue;
    if (have.os === want.os && have.arch === want.arch) continue;
    input.report({
      code: 'InvalidBaseImagePlatform',
      range: stage.baseRange,
      message: l10n.t(
        'The local image {0} is for {1}, but this stage builds for {2}: pull the image for {2} (docker pull --platform {2} {0}) or change --platform.',
        image.value,
        found.platform,
        expected,
      ),
    });
  }
}

function expectedPlatform(
  stage: Stage,
  enginePlatform: string | undefined,
  escape: string,
  defaults: ReturnType<typeof globalArgDefaults>,
): string | undefined {
  const flag = stage.platform?.value;
  if (flag === undefined) return enginePlatform;
  if (ENGINE_PLATFORM_ARGS.test(flag)) return enginePlatform;
  if (!flag.includes('$')) return flag;
  const expanded = expandWithDefaults(flag, escape, defaults);
  return expanded.complete ? expanded.value : undefined;
}

/** The engine image a FROM reference names: `name[:tag]`, Docker Hub's `docker.io/` and `library/` prefixes ignored. */
function findLocal(images: readonly EngineImage[], reference: string): EngineImage | undefined {
  if (reference.includes('@')) return undefined; // a digest names content, not a tag the engine lists
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  const [name, tag] = colon > slash ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, 'latest'];
  const wanted = hubName(name);
  return images.find((i) => hubName(i.repository) === wanted && i.tags.includes(tag));
}

function hubName(repository: string): string {
  return repository
    .toLowerCase()
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
    .replace(/^library\//, '');
}
