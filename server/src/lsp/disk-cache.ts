// Remembers, for a moment, what the disk answered about files beside a document. Each check of a Dockerfile asks
// about a dozen of them (its .dockerignore candidates, a .hadolint.yaml in every folder up to the root), and each
// answer is a stat, often a failing one: a third of a 600-line Dockerfile's check went there.
// Only while the client reports file changes (the server registers a watcher for every file when the client lets it)
// does the cache answer: answers are dropped on each reported change and when a document opens or closes, and
// otherwise after TTL_MS, for files outside the client's watch (a .hadolint.yaml above the workspace). Without file
// events every question goes to the disk, so that a file written beside a document is seen on the next check.
import { checkLocalFile, localExists, readLocalFile, type DiskRead } from './disk';

const TTL_MS = 2000;
/** Past this many entries the cache starts over (a workspace's files beside its documents are far fewer). */
const MAX_ENTRIES = 2000;

interface Entry<T> {
  at: number;
  value: T;
}

class Memo<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(readonly compute: (uri: string) => T) {}
  get(uri: string, now: number): T {
    const hit = this.entries.get(uri);
    if (hit && now - hit.at < TTL_MS) return hit.value;
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
  private readonly reads = new Memo<DiskRead>(readLocalFile);
  private readonly refusals = new Memo<string | undefined>((uri) => {
    const checked = checkLocalFile(uri); // a stat only: the rules ask this beside read(), which reads
    return 'refused' in checked ? checked.refused : undefined;
  });
  private readonly existence = new Memo<boolean>(localExists);

  read(uri: string): DiskRead {
    return this.fileEvents ? this.reads.get(uri, performance.now()) : readLocalFile(uri);
  }
  refusal(uri: string): string | undefined {
    return this.fileEvents ? this.refusals.get(uri, performance.now()) : this.refusals.compute(uri);
  }
  exists(uri: string): boolean {
    return this.fileEvents ? this.existence.get(uri, performance.now()) : localExists(uri);
  }
  /** The client reports file changes from now on: answers may be remembered. */
  trustFileEvents(): void {
    this.clear();
    this.fileEvents = true;
  }
  /** Files changed on disk, or a document opened or closed: ask the disk again. */
  clear(): void {
    this.reads.clear();
    this.refusals.clear();
    this.existence.clear();
  }
}
