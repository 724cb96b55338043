// The build context's ignore rules (.dockerignore) for editor features: CopyIgnoredFile, and features that list or
// link context files. The reading and matching are the builder's (dockerignore/matcher.ts), shared with the client's
// build context, so the editor and what is really sent agree.
import { IgnoreMatcher, readIgnoreFile } from '../dockerignore/matcher';

export interface ContextIgnore {
  /** The patterns in effect (comments and blank lines dropped). */
  patterns: string[];
  /** Whether a context-relative path (as written after COPY, `./` and leading `/` allowed) is excluded. */
  ignores(path: string): boolean;
}

export function contextIgnore(dockerignore: string | undefined): ContextIgnore {
  const patterns = readIgnoreFile(dockerignore ?? '');
  const matcher = patterns.length ? new IgnoreMatcher(patterns) : undefined;
  return {
    patterns,
    ignores(path: string): boolean {
      if (!matcher) return false;
      const p = path
        .replace(/\\/g, '/')
        .replace(/^(\.\/|\/)+/, '')
        .replace(/\/+$/, '');
      return p !== '' && p !== '.' && matcher.ignores(p);
    },
  };
}
