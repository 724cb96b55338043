// Turning a container into an image (`POST /commit`) with repository, tag, author, message and Dockerfile-like
// changes (`CMD`, `ENV`, `EXPOSE`…), and reading those changes from what a user typed.
// No vscode import: the commit command and the engine tests both call this.
import type Docker from 'dockerode';
import * as l10n from '@vscode/l10n';

/** The instructions `docker commit --change` and `docker import --change` accept. */
export const CHANGE_INSTRUCTIONS = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'ONBUILD',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;

/**
 * Changes from text: one instruction per line (or separated by `;` on one line, as an input box gives them).
 * Resolves the list, or a problem naming the first line that is not an accepted instruction. Pure.
 */
export function parseChanges(text: string): { changes: string[] } | { problem: string } {
  // A `;` separates only when an upper-case word follows it, as instructions are written: `CMD ["sh", "-c", "a; b"]`
  // stays whole, and `ENV A=b; RUN x` splits so that RUN is refused rather than swallowed into ENV's value.
  const changes = text
    .split(/\n|;(?=\s*[A-Z]{2,}\s)/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const c of changes) {
    const word = /^([A-Za-z]+)\s+\S/.exec(c)?.[1]?.toUpperCase();
    if (!word || !(CHANGE_INSTRUCTIONS as readonly string[]).includes(word))
      return {
        problem: l10n.t('"{0}": use one of {1} followed by its arguments', c, CHANGE_INSTRUCTIONS.join(', ')),
      };
  }
  return { changes };
}

export interface CommitOptions {
  repository?: string;
  tag?: string;
  author?: string;
  message?: string;
  changes?: string[];
  /** Pause the container while committing (the CLI's default). */
  pause?: boolean;
  signal?: AbortSignal;
}

/** Commits the container; resolves with the new image's id. */
export async function commitContainer(docker: Docker, id: string, o: CommitOptions = {}): Promise<string> {
  const r = (await docker.getContainer(id).commit({
    repo: o.repository || undefined,
    tag: o.repository ? o.tag || 'latest' : undefined,
    author: o.author || undefined,
    comment: o.message || undefined,
    changes: o.changes?.length ? o.changes : undefined,
    pause: o.pause ?? true,
    abortSignal: o.signal,
  } as object)) as { Id?: string; id?: string };
  const imageId = r.Id ?? r.id;
  if (!imageId) throw new Error(l10n.t('The engine committed the container but reported no image id.'));
  return imageId.startsWith('sha256:') ? imageId : `sha256:${imageId}`;
}
