// The one home of a build context's ignore rules: which ignore file applies (`<Dockerfile>.dockerignore` wins over
// `.dockerignore`), how its patterns read and match (moby's rules, ./matcher.ts), and the files the builder always
// keeps. The editor (CopyIgnoredFile) and the build context the client sends both use it, so what the editor says is
// ignored is what the engine does not get. Pure: the caller says how to read a file.
import { IgnoreMatcher, readIgnoreFile } from './matcher';

/**
 * The ignore files of a build, best first: `<Dockerfile>.dockerignore` (beside the Dockerfile; `dockerfile` is its
 * path relative to the context), then the context's `.dockerignore`. BuildKit and the docker CLI use the first that
 * exists.
 */
export function ignoreFileCandidates(dockerfile = 'Dockerfile'): string[] {
  return [`${dockerfile.replace(/\\/g, '/')}.dockerignore`, '.dockerignore'];
}

export class ContextIgnore {
  /** The patterns in effect, as the builder reads them (comments and blank lines dropped, paths cleaned). */
  readonly patterns: readonly string[];
  private readonly matcher: IgnoreMatcher;

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    this.matcher = new IgnoreMatcher(patterns);
  }

  /** The rules of an ignore file's text (undefined or '' when there is none). */
  static fromText(text: string | undefined): ContextIgnore {
    return new ContextIgnore(readIgnoreFile(text ?? ''));
  }

  /** The rules of the ignore file that applies to `dockerfile`, read through `read` (context-relative path). */
  static forDockerfile(dockerfile: string | undefined, read: (relPath: string) => string | undefined): ContextIgnore {
    for (const name of ignoreFileCandidates(dockerfile)) {
      const text = read(name);
      if (text !== undefined) return ContextIgnore.fromText(text);
    }
    return new ContextIgnore([]);
  }

  /** Patterns the builder cannot compile: it refuses the whole context then. */
  get invalid(): readonly string[] {
    return this.matcher.invalid;
  }

  /** Whether some `!pattern` re-includes paths (BuildKit's CopyIgnoredFile stays silent then). */
  get hasExceptions(): boolean {
    return this.matcher.patterns.some((p) => p.exclusion);
  }

  /** The paths `!pattern` lines re-include. */
  get exceptions(): string[] {
    return this.patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  }

  /**
   * Whether a context-relative path is left out of the context, directly or through a parent folder. Accepts paths
   * as a Dockerfile writes them (`./a`, `/a`, `a/`, backslashes); the context root itself is never left out.
   */
  ignores(path: string): boolean {
    if (this.patterns.length === 0) return false;
    const p = path
      .replace(/\\/g, '/')
      .replace(/^(\.\/|\/)+/, '')
      .replace(/\/+$/, '');
    return p !== '' && p !== '.' && this.matcher.ignores(p);
  }

  /**
   * The rules as the CLI applies them to a build (its TrimBuildFilesFromExcludes): the ignore file and the
   * Dockerfile are sent even when a pattern excludes them, so that the builder can read them.
   */
  forBuild(dockerfile = 'Dockerfile'): ContextIgnore {
    const extra: string[] = [];
    if (this.matcher.ignores('.dockerignore')) extra.push('!.dockerignore');
    const df = dockerfile.replace(/\\/g, '/');
    if (this.matcher.ignores(df)) extra.push(`!${df}`);
    return extra.length ? new ContextIgnore([...this.patterns, ...extra]) : this;
  }
}
