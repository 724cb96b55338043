// What the language server reads from disk: files that documents name (`include`, `extends.file`, `env_file`, a
// build's Dockerfile, `.env`, `.dockerignore`). A file names any path it likes, so only plain local files are read:
// a device (`/dev/zero` grows memory until the process aborts), a FIFO or `/dev/stdin` (blocks the server for good),
// a host in the URI or a UNC path (opens a network connection on Windows), or a file over the size cap, is refused
// with a reason that the rules turn into a diagnostic.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import { URI } from 'vscode-uri';

/** Larger files are not read: compose files, env files and Dockerfiles are far smaller. */
export const MAX_READ_BYTES = 2 * 1024 * 1024;

export type DiskRead = { text: string } | { refused: string } | { absent: true };

/** A `file:` URI, parsed; undefined for other schemes (untitled, remote) and for text that is no URI. */
export function parseFileUri(uri: string): URI | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The local path of a `file:` URI with no host; undefined for anything else (other schemes, hosts, UNC paths). */
export function localPath(uri: string): string | undefined {
  const parsed = parseFileUri(uri);
  if (!parsed || parsed.authority !== '') return undefined;
  const p = parsed.fsPath;
  if (p.startsWith('\\\\') || p.startsWith('//')) return undefined;
  return p;
}

const NOT_REGULAR = (): string => l10n.t('it is not a regular file (a device, FIFO or socket)');
const TOO_LARGE = (): string => l10n.t('it is larger than {0} MB', MAX_READ_BYTES / 1024 / 1024);

/** Whether a file would be read, from its stat alone (nothing is opened): its path and size, or why not. */
export function checkLocalFile(uri: string): { path: string; size: number } | { refused: string } | { absent: true } {
  const p = localPath(uri);
  if (p === undefined) return { refused: l10n.t('only local files are read (no network hosts or UNC paths)') };
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return { absent: true };
  }
  if (!st.isFile()) return st.isDirectory() ? { absent: true } : { refused: NOT_REGULAR() };
  if (st.size > MAX_READ_BYTES) return { refused: TOO_LARGE() };
  return { path: p, size: st.size };
}

/** Reads a regular file of at most MAX_READ_BYTES; says why when it will not. Never blocks on a device or FIFO. */
export function readLocalFile(uri: string): DiskRead {
  const checked = checkLocalFile(uri);
  if (!('path' in checked)) return checked;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, opening it still does not wait.
    fd = fs.openSync(checked.path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return { refused: NOT_REGULAR() };
    // Sized by the stat (one byte more tells a file that grew past the cap since); never the full cap each time.
    const buf = Buffer.allocUnsafe(checked.size + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; ) {
      got = fs.readSync(fd, buf, n, buf.length - n, null);
      n += got;
    }
    if (n > MAX_READ_BYTES) return { refused: TOO_LARGE() };
    // (A file that grew since the stat is read as far as the stat said; the watcher's change event re-reads it.)
    return { text: buf.toString('utf8', 0, n) };
  } catch (e) {
    return { refused: l10n.t('it cannot be read ({0})', (e as NodeJS.ErrnoException).code ?? 'error') };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Whether a local path exists (file or folder), without opening it. */
export function localExists(uri: string): boolean {
  const p = localPath(uri);
  if (p === undefined) return false;
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}
