// .dockerignore semantics, as moby's ignore-file reader and pattern matcher define them: one implementation for the
// editor (CopyIgnoredFile) and for the build context the client sends, so the two cannot disagree.
//
// Why by hand: moby compiles each pattern to a Go regexp, which runs in linear time (RE2). The npm port
// (@balena/dockerignore) hands the same regexp text to JavaScript's backtracking engine, where `**/**/**/…/z` against
// a deep path takes exponential time (each extra `**` multiplied it by about 5), and it also matches case-insensitively,
// which the Linux builder does not. Here a pattern is a short list of tokens matched by simulating the automaton
// (a set of positions advanced one character at a time): O(pattern × path) on any input.

/** One step of a compiled pattern. */
type Token =
  | { kind: 'char'; ch: string }
  | { kind: 'any' } // `?`: one character except `/`
  | { kind: 'star' } // `*`: any run without `/`
  | { kind: 'dirs' } // `**` inside a pattern: nothing, or anything that ends with `/`
  | { kind: 'rest' } // `**` at the end: anything
  | { kind: 'class'; negated: boolean; items: (string | [string, string])[] };

export interface IgnorePattern {
  /** The cleaned pattern, without its `!`. */
  pattern: string;
  /** `!pattern`: re-includes what earlier patterns excluded. */
  exclusion: boolean;
  /** undefined when the pattern does not compile (an unclosed `[`, a trailing `\\`); the builder rejects the file then. */
  tokens?: Token[];
  /** The longest run of literal characters: a path without it matches neither itself nor through a parent. */
  literal: string;
}

/** The lines of a .dockerignore as the builder reads them: comments and blanks dropped, paths cleaned, `/` stripped. */
export function readIgnoreFile(text: string): string[] {
  const out: string[] = [];
  for (let line of text.replace(/^\uFEFF/, '').split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.startsWith('#')) continue;
    line = line.trim();
    if (!line) continue;
    const invert = line.startsWith('!');
    if (invert) line = line.slice(1).trim();
    if (line) {
      line = cleanPath(line);
      if (line.length > 1 && line.startsWith('/')) line = line.slice(1);
    }
    out.push(invert ? `!${line}` : line);
  }
  return out;
}

/** Go's path.Clean: one slash between parts, no `.` parts, `..` folded where it can be, `.` for nothing. */
export function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

export function compilePattern(raw: string): IgnorePattern | undefined {
  let p = raw.trim();
  if (!p) return undefined;
  p = cleanPath(p);
  let exclusion = false;
  if (p.startsWith('!')) {
    if (p.length === 1) return undefined; // moby: illegal exclusion pattern "!"
    exclusion = true;
    p = p.slice(1);
  }
  const tokens = tokenize(p);
  return { pattern: p, exclusion, tokens, literal: tokens ? longestLiteral(tokens) : '' };
}

function longestLiteral(tokens: readonly Token[]): string {
  let best = '';
  let run = '';
  for (const t of tokens) {
    if (t.kind === 'char') {
      run += t.ch;
      if (run.length > best.length) best = run;
    } else run = '';
  }
  return best;
}

function tokenize(p: string): Token[] | undefined {
  const out: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p.charAt(i);
    if (c === '*') {
      if (p[i + 1] === '*') {
        i++;
        if (p[i + 1] === '/') i++; // `**/` is `**`
        out.push(i + 1 >= p.length ? { kind: 'rest' } : { kind: 'dirs' });
      } else out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '\\') {
      // An escape takes the next character literally; a trailing one is a syntax error for the builder.
      if (i + 1 >= p.length) return undefined;
      out.push({ kind: 'char', ch: p.charAt(++i) });
    } else if (c === '[') {
      const cls = readClass(p, i);
      if (!cls) return undefined;
      out.push(cls.token);
      i = cls.end;
    } else out.push({ kind: 'char', ch: c });
  }
  return out;
}

/** A `[...]` class (with `^` negation, ranges and escapes) starting at `at`; undefined when it never closes. */
function readClass(p: string, at: number): { token: Token; end: number } | undefined {
  let i = at + 1;
  const negated = p[i] === '^';
  if (negated) i++;
  const items: (string | [string, string])[] = [];
  const first = i;
  for (; i < p.length; i++) {
    let c = p.charAt(i);
    if (c === ']' && i > first) return { token: { kind: 'class', negated, items }, end: i };
    if (c === '\\') {
      if (i + 1 >= p.length) return undefined;
      c = p.charAt(++i);
    }
    if (p[i + 1] === '-' && i + 2 < p.length && p[i + 2] !== ']') {
      let hi = p.charAt(i + 2);
      i += 2;
      if (hi === '\\') {
        if (i + 1 >= p.length) return undefined;
        hi = p.charAt(++i);
      }
      // The builder hands the class to Go's regexp, which refuses a reversed range such as [z-a].
      if (hi < c) return undefined;
      items.push([c, hi]);
    } else items.push(c);
  }
  return undefined;
}

function classHas(t: Extract<Token, { kind: 'class' }>, ch: string): boolean {
  const hit = t.items.some((it) => (typeof it === 'string' ? it === ch : it[0] <= ch && ch <= it[1]));
  return hit !== t.negated;
}

/**
 * Whether the tokens match the whole of `path` or, with `orParents`, one of its parent folders (`a`, `a/b` of
 * `a/b/c`): a set of positions in the pattern, advanced a character at a time; a parent matches when the set
 * accepts just before one of the path's slashes, so all of them are checked in the same single pass.
 */
export function matchTokens(tokens: readonly Token[], path: string, orParents = false): boolean {
  const n = tokens.length;
  // at[k]: about to match token k. inside[k]: within a `**/` group (there, only a `/` may end the group).
  let at = new Uint8Array(n + 1);
  let inside = new Uint8Array(n);
  let nextAt = new Uint8Array(n + 1);
  let nextInside = new Uint8Array(n);
  // Positions reachable without reading: a star, `**/` or trailing `**` may match nothing.
  const close = (set: Uint8Array) => {
    for (let k = 0; k < n; k++) {
      const kind = tokens[k]!.kind; // k < n = tokens.length
      if (set[k] && (kind === 'star' || kind === 'dirs' || kind === 'rest')) set[k + 1] = 1;
    }
  };
  at[0] = 1;
  close(at);
  for (let i = 0; i < path.length; i++) {
    const ch = path.charAt(i);
    if (orParents && ch === '/' && i > 0 && at[n]) return true;
    nextAt.fill(0);
    nextInside.fill(0);
    for (let k = 0; k < n; k++) {
      const t = tokens[k]!; // k < n = tokens.length
      if (inside[k] || (at[k] && t.kind === 'dirs')) {
        nextInside[k] = 1;
        if (ch === '/') nextAt[k + 1] = 1;
      }
      if (!at[k]) continue;
      switch (t.kind) {
        case 'char':
          if (t.ch === ch) nextAt[k + 1] = 1;
          break;
        case 'any':
          if (ch !== '/') nextAt[k + 1] = 1;
          break;
        case 'class':
          if (classHas(t, ch)) nextAt[k + 1] = 1;
          break;
        case 'star':
          if (ch !== '/') nextAt[k] = 1;
          break;
        case 'rest':
          nextAt[k] = 1;
          break;
        case 'dirs':
          break;
      }
    }
    close(nextAt);
    if (!nextAt.includes(1) && !nextInside.includes(1)) return false;
    [at, nextAt] = [nextAt, at];
    [inside, nextInside] = [nextInside, inside];
  }
  return at[n] === 1;
}

/** Patterns in order, last match wins: `ignores(path)` is moby's MatchesOrParentMatches. */
export class IgnoreMatcher {
  readonly patterns: readonly IgnorePattern[];
  /** Patterns that do not compile: the builder refuses a context whose .dockerignore has one. */
  readonly invalid: readonly string[];

  constructor(lines: readonly string[]) {
    const patterns: IgnorePattern[] = [];
    const invalid: string[] = [];
    for (const line of lines) {
      const p = compilePattern(line);
      if (!p) continue;
      if (!p.tokens) invalid.push(line);
      patterns.push(p);
    }
    this.patterns = patterns;
    this.invalid = invalid;
  }

  /** Whether a context-relative path (forward slashes, no leading `./`) is excluded, directly or through a parent. */
  ignores(path: string): boolean {
    const file = cleanPath(path);
    const parent = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
    let matched = false;
    for (const p of this.patterns) {
      // An exclusion only matters once something matched; an inclusion only while nothing has.
      if (p.exclusion !== matched || !p.tokens) continue;
      const match = file.includes(p.literal) && matchTokens(p.tokens, file, parent !== '.');
      if (match) matched = !p.exclusion;
    }
    return matched;
  }
}
