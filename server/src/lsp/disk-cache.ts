// Remembers what the disk answered about files beside a document. Each check of a Dockerfile asks about a dozen of
// them (its .dockerignore candidates, a .hadolint.yaml in every folder up to the root), and each answer is a stat,
// often a failing one: a third of a 600-line Dockerfile's check went there.
// Only while the client reports file changes (the server registers a watcher for every file of the workspace folders
// when the client lets it) does the cache answer. Answers are dropped on each reported change, when a document opens
// or closes, and when the workspace folders change. An answer about a file inside a workspace folder is kept for
// WATCHED_TTL_MS: a pause in typing (or another program's turn on the processor) then costs no disk reads, and the
// bound still covers events a watcher may lose (a full inotify table, folders the user excludes from watching).
// One about a file outside them (a .hadolint.yaml above the workspace, a .env in a parent folder), which no watcher
// reports, is kept for TTL_MS. Without file events every question goes to the disk, so that a file written beside a
// document is seen on the next check.
import { checkLocalFile, localExists, readLocalFile, type DiskRead } from './disk';

const TTL_MS = 2000;
const WATCHED_TTL_MS = 60_000;
/** Past this many entries the cache starts over (a workspace's files beside its documents are far fewer). */
const MAX_ENTRIES = 2000;

interface Entry<T> {
  at: number;
  value: T;
}

class Memo<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(readonly compute: (uri: string) => T) {}
  /** `watched`: the client's watcher reports the file's changes (which clear the cache). */
  get(uri: string, now: number, watched: boolean): T {
    const hit = this.entries.get(uri);
    if (hit && now - hit.at < (watched ? WATCHED_TTL_MS : TTL_MS)) return hit.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = this.compute(uri);
    this.entries.set(uri, { at: now, value });
    return value;
  }
  clear(): void {
    this.entries.clear();
  }
}

export class DiskCache {
  /** Set once the client has agreed to report file changes. */
  private fileEvents = false;
  /** The workspace folders' URIs, each ending in '/': what the client's watcher covers. */
  private folders: string[] = [];
  private readonly reads = new Memo<DiskRead>(readLocalFile);
  private readonly refusals = new Memo<string | undefined>((uri) => {
    const checked = checkLocalFile(uri); // a stat only: the rules ask this beside read(), which reads
    return 'refused' in checked ? checked.refused : undefined;
  });
  private readonly existence = new Memo<boolean>(localExists);

  read(uri: string): DiskRead {
    return this.fileEvents ? this.reads.get(uri, performance.now(), this.watched(uri)) : readLocalFile(uri);
  }
  refusal(uri: string): string | undefined {
    return this.fileEvents ? this.refusals.get(uri, performance.now(), this.watched(uri)) : this.refusals.compute(uri);
  }
  exists(uri: string): boolean {
    return this.fileEvents ? this.existence.get(uri, performance.now(), this.watched(uri)) : localExists(uri);
  }
  /** The client reports file changes from now on: answers may be remembered. */
  trustFileEvents(): void {
    this.clear();
    this.fileEvents = true;
  }
  /** The workspace folders, whose files the client's watcher reports (initialize, then each change of folders). */
  useFolders(folders: readonly string[]): void {
    this.clear();
    this.folders = folders.map((f) => (f.endsWith('/') ? f : f + '/'));
  }
  private watched(uri: string): boolean {
    // VS Code leaves these out of its watchers by default (files.watcherExclude).
    if (uri.includes('/node_modules/') || uri.includes('/.git/')) return false;
    return this.folders.some((f) => uri.startsWith(f));
  }
  /** Files changed on disk, or a document opened or closed: ask the disk again. */
  clear(): void {
    this.reads.clear();
    this.refusals.clear();
    this.existence.clear();
  }
}
