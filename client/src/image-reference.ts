// Image references as the client reads them (the explorer's repository/tag split, the push commands' defaults) and
// the engine's placeholder for an untagged image. The one home for both; the language server keeps its own reading
// of references in Dockerfiles and Compose files.

/** The engine's RepoTags entry for an image without a tag. */
const UNTAGGED = '<none>:<none>';

/** "registry:5000/team/app:1.2" → ["registry:5000/team/app", "1.2"] (the tag follows the last colon after the last
 *  slash; none → latest). A digest (`@sha256:…`) is dropped. */
export function splitRepoTag(ref: string): [string, string] {
  const at = ref.indexOf('@');
  const noDigest = at < 0 ? ref : ref.slice(0, at);
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? [noDigest.slice(0, colon), noDigest.slice(colon + 1)] : [noDigest, 'latest'];
}

/** `registry:5000/team/web:1.0` → repository `team/web` (registry host dropped, lower case), tag `1.0`. */
export function splitReference(ref: string): { repository: string; tag: string } {
  const [name, tag] = splitRepoTag(ref);
  const parts = name.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) parts.shift();
  return { repository: parts.join('/').toLowerCase(), tag };
}

/** An image's real tags (the engine lists an untagged image as `<none>:<none>`). */
export function realTags(img: { RepoTags?: string[] | null }): string[] {
  return (img.RepoTags ?? []).filter((t) => t !== UNTAGGED);
}

/** Whether a reference or explorer label names no real tag (`<none>`, `<none>:<none>`, `<none> 0123abcd`). */
export function isUntagged(ref: string): boolean {
  return ref.startsWith('<none>');
}
