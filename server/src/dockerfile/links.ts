// Document links: a FROM image opens its page on its public registry (Docker Hub, GHCR, Quay, MCR, ECR Public);
// COPY/ADD sources open the file or folder in the build context (the Dockerfile's folder); ADD URLs open themselves.
import * as l10n from '@vscode/l10n';
import type { DocumentLink, Range } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import type { DockerfileModel, Stage, Word } from './parse/model';
import { expandWithDefaults, globalArgDefaults } from './parse/arg-defaults';

export interface ImageRef {
  /** As written, without tag or digest. */
  written: string;
  registry: string;
  /** Repository path in the registry (Docker Hub's official images get `library/`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits an image reference the way the engine does; undefined when it holds variables or is empty. */
export function parseImageRef(image: string): ImageRef | undefined {
  if (!image || image.includes('$') || /\s/.test(image)) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const written = rest;
  const first = rest.split('/', 1)[0]!;
  let registry = 'docker.io';
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    rest = rest.slice(first.length + 1);
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  return { written, registry, repository: rest.toLowerCase(), tag, digest };
}

/** The web page of an image on a public registry; undefined for private registries and stage names. */
export function imageLink(image: string): string | undefined {
  const ref = parseImageRef(image);
  if (!ref) return undefined;
  switch (ref.registry) {
    case 'docker.io':
      return ref.repository.startsWith('library/')
        ? `https://hub.docker.com/_/${ref.repository.slice(8)}`
        : `https://hub.docker.com/r/${ref.repository}`;
    case 'ghcr.io':
      return `https://ghcr.io/${ref.repository}`;
    case 'quay.io':
      return `https://quay.io/repository/${ref.repository}`;
    case 'mcr.microsoft.com':
      return `https://mcr.microsoft.com/artifact/mar/${ref.repository}`;
    case 'public.ecr.aws':
      return `https://gallery.ecr.aws/${ref.repository}`;
    default:
      return undefined;
  }
}

/**
 * The image a FROM names once its variables take their global ARG defaults (`FROM ${BASE}` with `ARG BASE=alpine:3`
 * → `alpine:3`); the text as written when it has none; undefined when a variable has no default.
 */
export function effectiveImage(model: DockerfileModel, stage: Stage): string | undefined {
  if (!stage.base.includes('$')) return stage.base || undefined;
  const { value, complete } = expandWithDefaults(stage.base, model.escapeChar, globalArgDefaults(model));
  return !complete || !value || value.includes('$') ? undefined : value;
}

export interface LinkEnv {
  /** The Dockerfile's URI (its folder is taken as the build context). */
  uri: string;
  exists(uri: string): boolean;
}

function unquote(w: Word): { value: string; range: Range } {
  const m = /^(["'])(.*)\1$/.exec(w.value);
  if (!m) return w;
  return {
    value: m[2]!,
    range: {
      start: { line: w.range.start.line, character: w.range.start.character + 1 },
      end: { line: w.range.end.line, character: w.range.end.character - 1 },
    },
  };
}

/** Exec-form strings come with the range of their quotes: link the text inside. */
function insideQuotes(w: Word): { value: string; range: Range } {
  const r = w.range;
  if (r.start.line !== r.end.line || r.end.character - r.start.character !== w.value.length + 2) return w;
  return {
    value: w.value,
    range: {
      start: { line: r.start.line, character: r.start.character + 1 },
      end: { line: r.end.line, character: r.end.character - 1 },
    },
  };
}

export function documentLinks(model: DockerfileModel, env: LinkEnv): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const stage of model.stages) {
    if (stage.baseStage !== undefined || !stage.baseRange) continue;
    const image = effectiveImage(model, stage);
    const target = image && !model.stageByName(image) ? imageLink(image) : undefined;
    if (target) out.push({ range: stage.baseRange, target, tooltip: l10n.t('Open the image in its registry') });
  }
  let folder: URI | undefined;
  try {
    folder = Utils.dirname(URI.parse(env.uri));
  } catch {
    folder = undefined;
  }
  for (const top of model.instructions) {
    const inst = top.onbuild ?? top;
    if (inst.name !== 'COPY' && inst.name !== 'ADD') continue;
    if (inst.flags.some((f) => f.name === 'from')) continue;
    const words =
      inst.form === 'exec'
        ? (inst.execArgs ?? []).map(insideQuotes)
        : inst.args.filter((a) => !a.value.startsWith('<<')).map(unquote);
    for (const src of words.slice(0, -1)) {
      if (/^https?:\/\//.test(src.value)) {
        out.push({ range: src.range, target: src.value, tooltip: l10n.t('Open the URL') });
        continue;
      }
      if (!folder || !src.value || /[$*?[\\]/.test(src.value) || src.range.start.line !== src.range.end.line) continue;
      const target = Utils.joinPath(folder, src.value.replace(/^\.\/?/, '').replace(/\/+$/, '') || '.');
      if (env.exists(target.toString()))
        out.push({ range: src.range, target: target.toString(), tooltip: l10n.t('Open in the build context') });
    }
  }
  return out;
}
