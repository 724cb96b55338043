// Harbor's naming rules and the small formatting helpers the tree and the push flow share. Pure: no vscode, no I/O.
import * as l10n from '@vscode/l10n';

/** Harbor's project-name rule (lower-case words joined by single '.', '_' or '-'). */
export const PROJECT_NAME_RULE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

export function projectNameProblem(name: string): string | undefined {
  if (!name) return l10n.t('Enter a project name.');
  if (name.length > 255) return l10n.t('A project name has at most 255 characters.');
  if (!PROJECT_NAME_RULE.test(name))
    return l10n.t(
      'Use lower-case letters and digits, separated by single ".", "_" or "-" (for example "team-a" or "web.backend").',
    );
  return undefined;
}

/** A repository name as Docker accepts it (path components of lower-case words; the project comes in front). */
export function repositoryNameProblem(name: string): string | undefined {
  if (!name) return l10n.t('Enter a repository name.');
  const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
  if (!name.split('/').every((c) => component.test(c)))
    return l10n.t('Use lower-case path components such as "web" or "team/web".');
  return undefined;
}

export function tagProblem(tag: string): string | undefined {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag))
    return l10n.t('A tag is 1–128 letters, digits, "_", "." or "-" and cannot start with "." or "-".');
  return undefined;
}

/**
 * Harbor's base URL from what the user typed: https:// unless a scheme is given, no trailing slash, no path.
 * Node's fetch drops Authorization on a cross-origin redirect (http→https), so the scheme must be right up front.
 */
export function normaliseHarborUrl(typed: string): string {
  let t = typed.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) t = `https://${t}`;
  const u = new URL(t);
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new Error(l10n.t('Harbor is reached over https:// or http://, not {0}', `${u.protocol}//`));
  return `${u.protocol}//${u.host}`;
}

export interface RegistryHost {
  /** host[:port] to tag, pull and push with. */
  registry: string;
  /** The instance URL's own host[:port]. */
  own: string;
  /** Whether `registry` is on the host the user pointed Berth at (same host name; the port may differ). */
  sameHost: boolean;
}

/**
 * Where pulls and pushes go for an instance: systeminfo's registry_url (scheme and path dropped), else the URL's
 * host. Credentials are sent there, so a registry_url on another host is only a claim the server makes: callers ask
 * before using it. A registry_url that is not a plain host[:port] is ignored.
 */
export function registryHostOf(instanceUrl: string, registryUrl: string | undefined): RegistryHost {
  const base = new URL(instanceUrl);
  const own = base.host;
  const claimed = (registryUrl ?? '')
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/.*$/, '');
  if (
    !claimed ||
    !/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(
      claimed,
    )
  ) {
    return { registry: own, own, sameHost: true };
  }
  const hostname = new URL(`http://${claimed}`).hostname;
  return { registry: claimed, own, sameHost: hostname.toLowerCase() === base.hostname.toLowerCase() };
}

/** `proj/a/b` → `a/b` (Harbor lists repository names with their project in front). */
export function stripProject(project: string, repositoryName: string): string {
  return repositoryName.startsWith(`${project}/`) ? repositoryName.slice(project.length + 1) : repositoryName;
}

/** A repository name for a REST path: project stripped, then encoded twice (`a/b` → `a%252Fb`), as Harbor requires. */
export function repositoryPathSegment(project: string, repositoryName: string): string {
  return encodeURIComponent(encodeURIComponent(stripProject(project, repositoryName)));
}

export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

const SEVERITY_ORDER: Array<[string, string]> = [
  ['Critical', 'C'],
  ['High', 'H'],
  ['Medium', 'M'],
  ['Low', 'L'],
  ['Unknown', 'U'],
];

/** "C 2 · H 5" from Harbor's per-severity counts; "no vulnerabilities" when all are zero. */
export function formatVulnerabilities(counts: Record<string, number> | undefined): string {
  const parts = SEVERITY_ORDER.filter(([k]) => (counts?.[k] ?? 0) > 0).map(([k, short]) => `${short} ${counts![k]}`);
  return parts.length ? parts.join(' · ') : l10n.t('no vulnerabilities');
}

/** The image reference used to pull or push: `registry/project/repo:tag` or `…@sha256:…`. */
export function imageReference(registry: string, project: string, repositoryName: string, ref: string): string {
  const repo = `${registry}/${project}/${stripProject(project, repositoryName)}`;
  return ref.startsWith('sha256:') ? `${repo}@${ref}` : `${repo}:${ref}`;
}
