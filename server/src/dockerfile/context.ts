// The build context's ignore rules (.dockerignore), with Docker's own matching semantics via @balena/dockerignore
// (a port of moby's patternmatcher: `**`, `!` exceptions, last match wins). Used by CopyIgnoredFile and by editing
// features that list or link context files.
import ignore from '@balena/dockerignore';

export interface ContextIgnore {
  /** The patterns in effect (comments and blank lines dropped). */
  patterns: string[];
  /** Whether a context-relative path (as written after COPY, `./` and leading `/` allowed) is excluded. */
  ignores(path: string): boolean;
}

export function contextIgnore(dockerignore: string | undefined): ContextIgnore {
  const patterns = (dockerignore ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const matcher = patterns.length ? ignore().add(patterns) : undefined;
  return {
    patterns,
    ignores(path: string): boolean {
      if (!matcher) return false;
      const p = path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
      return p !== '' && p !== '.' && matcher.ignores(p);
    },
  };
}
