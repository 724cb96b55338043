// Document links: files and folders a compose file points at (build context and Dockerfile, env files, extends,
// include, config/secret files) open in the editor; an image opens its registry page.
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { DocumentLink } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { resolvePath } from './env';
import { getKey, scalarString, type ComposeModel } from './parse/document';

/** A path written in a compose file, resolved against the folder of `baseUri`; undefined for URLs and interpolated text. */
export function pathTarget(baseUri: string, written: string): string | undefined {
  if (!written || written.includes('$') || /^[a-z][\w+.-]*:\/\//i.test(written) || written.startsWith('git@'))
    return undefined;
  return resolvePath(baseUri, written);
}

/** A URI inside a folder, so that the folder can serve as the base of `pathTarget`. */
export const insideFolder = (folderUri: string): string => Utils.joinPath(URI.parse(folderUri), '_').toString();

/** Range of a scalar's text without its quotes. */
export function scalarTextSpan(node: Scalar): [number, number] | undefined {
  const r = node.range;
  if (!r) return undefined;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted ? [r[0] + 1, Math.max(r[0] + 1, r[1] - 1)] : [r[0], r[1]];
}

/**
 * The web page of an image in its registry, for the registries whose page URLs are public and stable
 * (Docker Hub, GitHub, Quay); private registries such as Harbor need a project id the name does not carry.
 */
export function registryPage(image: string): string | undefined {
  if (!image || image.includes('$')) return undefined;
  const name = image.replace(/@sha256:[0-9a-f]+$/i, '').replace(/:[\w][\w.-]*$/, '');
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? first.toLowerCase() : 'docker.io';
  const repo = (hasHost ? parts.slice(1) : parts).join('/');
  if (!/^[a-z0-9][a-z0-9._/-]*$/.test(repo)) return undefined;
  if (host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io') {
    const hubRepo = repo.startsWith('library/') ? repo.slice('library/'.length) : repo;
    return hubRepo.includes('/') ? `https://hub.docker.com/r/${hubRepo}` : `https://hub.docker.com/_/${hubRepo}`;
  }
  if (host === 'ghcr.io') return `https://ghcr.io/${repo}`;
  if (host === 'quay.io') return `https://quay.io/repository/${repo}`;
  return undefined;
}

export function documentLinks(model: ComposeModel): DocumentLink[] {
  const links: DocumentLink[] = [];
  const tips = tooltips();
  const link = (node: unknown, target: string | undefined, tooltip: string): void => {
    if (!isScalar(node) || target === undefined) return;
    const span = scalarTextSpan(node);
    if (span && span[1] > span[0]) links.push({ range: model.rangeOf(span), target, tooltip });
  };
  /** `base` is a file whose folder relative paths start from. */
  const pathLink = (node: unknown, base: string, tooltip: string): void => {
    const written = scalarString(node);
    if (written !== undefined) link(node, pathTarget(base, written), tooltip);
  };
  /** A string, a list of strings, or a list of `{path}` objects (env_file, label_file, include.env_file). */
  const pathList = (node: unknown, base: string, tooltip: string): void => {
    const n = model.resolve(node);
    if (isSeq(n))
      for (const item of n.items) {
        const r = model.resolve(item);
        pathLink(isMap(r) ? getKey(model, r, 'path') : r, base, tooltip);
      }
    else pathLink(n, base, tooltip);
  };

  const services = getKey(model, model.doc.contents, 'services');
  if (isMap(services)) {
    for (const entry of services.items) {
      const service = model.resolve(entry.value);
      if (!isMap(service)) continue;
      link(
        getKey(model, service, 'image'),
        registryPage(scalarString(getKey(model, service, 'image')) ?? ''),
        tips.registry,
      );
      const build = getKey(model, service, 'build');
      let dockerfileBase = model.uri;
      const contextNode = isScalar(build) ? build : getKey(model, build, 'context');
      const contextText = scalarString(contextNode);
      if (contextText !== undefined) {
        const uri = pathTarget(model.uri, contextText);
        if (uri) dockerfileBase = insideFolder(uri);
        link(contextNode, uri, tips.context);
      }
      if (isMap(build)) pathLink(getKey(model, build, 'dockerfile'), dockerfileBase, tips.dockerfile);
      pathList(getKey(model, service, 'env_file'), model.uri, tips.envFile);
      pathList(getKey(model, service, 'label_file'), model.uri, tips.labelFile);
      pathLink(getKey(model, getKey(model, service, 'extends'), 'file'), model.uri, tips.extended);
    }
  }
  for (const group of ['configs', 'secrets']) {
    const map = getKey(model, model.doc.contents, group);
    if (isMap(map))
      for (const entry of map.items)
        pathLink(getKey(model, entry.value, 'file'), model.uri, l10n.t('Open the {0} file', group.slice(0, -1)));
  }
  const include = getKey(model, model.doc.contents, 'include');
  if (isSeq(include)) {
    for (const item of include.items) {
      const r = model.resolve(item);
      if (!isMap(r)) {
        pathLink(r, model.uri, tips.included);
        continue;
      }
      pathList(getKey(model, r, 'path'), model.uri, tips.included);
      pathList(getKey(model, r, 'env_file'), model.uri, tips.envFile);
      pathLink(getKey(model, r, 'project_directory'), model.uri, tips.projectDirectory);
    }
  }
  return links;
}

/** Each tooltip once per request, rather than once per service and attribute (l10n.t formats on every call). */
function tooltips() {
  return {
    registry: l10n.t("Open the image's registry page"),
    context: l10n.t('Build context folder'),
    dockerfile: l10n.t('Open the Dockerfile'),
    envFile: l10n.t('Open the environment file'),
    labelFile: l10n.t('Open the label file'),
    extended: l10n.t('Open the extended compose file'),
    included: l10n.t('Open the included compose file'),
    projectDirectory: l10n.t('Project directory'),
  };
}
