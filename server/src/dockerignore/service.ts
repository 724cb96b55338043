// The .dockerignore language: what each line is (comment, pattern, exception), semantic tokens that refine the
// TextMate grammar, and the one mistake that breaks a build: a pattern the builder cannot compile
// (an unclosed "[" class, a reversed range, a trailing "\"), which makes `docker build` stop with "syntax error in
// pattern"; whether a pattern compiles is the build context's matcher's verdict (matcher.ts).
import * as l10n from '@vscode/l10n';
import { DiagnosticSeverity, type Diagnostic, type SemanticTokens } from 'vscode-languageserver-types';
import { TokenCollector } from '../lsp/tokens';
import { compilePattern } from './matcher';

export interface IgnoreLine {
  line: number;
  kind: 'comment' | 'pattern';
  /** Column of the "!" of an exception. */
  bang?: number;
  /** Columns of the pattern text (after "!" and surrounding blanks). */
  start: number;
  end: number;
  text: string;
}

export function parseDockerignore(text: string): IgnoreLine[] {
  const out: IgnoreLine[] = [];
  text.split(/\r?\n/).forEach((raw, line) => {
    const start = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) return;
    if (body.startsWith('#')) {
      out.push({ line, kind: 'comment', start, end: start + body.length, text: body });
      return;
    }
    if (body.startsWith('!')) {
      const rest = body.slice(1);
      const offset = start + 1 + (rest.length - rest.trimStart().length);
      out.push({
        line,
        kind: 'pattern',
        bang: start,
        start: offset,
        end: offset + rest.trim().length,
        text: rest.trim(),
      });
      return;
    }
    out.push({ line, kind: 'pattern', start, end: start + body.length, text: body });
  });
  return out;
}

/**
 * Where a pattern stops compiling, as the builder sees it; undefined when it is fine. Whether it compiles is decided
 * by the matcher the build context uses (matcher.ts, on the cleaned pattern as the builder reads it), so the editor
 * flags exactly the patterns that make `docker build` refuse the context; this only finds the place to point at.
 */
export function patternProblem(pattern: string): { at: number; message: string } | undefined {
  const compiled = compilePattern(pattern);
  if (!compiled || compiled.tokens) return undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i === pattern.length - 1)
        return {
          at: i,
          message: l10n.t('A pattern cannot end with "\\": it escapes nothing, and the builder rejects the file.'),
        };
      i++;
    } else if (c === '[') {
      // As Go's regexp reads a class: `^` negates, a `]` right after the opening one is a member.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      const first = j;
      for (; j < pattern.length && (pattern[j] !== ']' || j === first); j += pattern[j] === '\\' ? 2 : 1) {
        const hi = pattern[j + 2];
        if (pattern[j + 1] === '-' && hi !== undefined && hi !== ']' && hi !== '\\' && hi < pattern.charAt(j))
          return {
            at: j,
            message: l10n.t(
              'The range "{0}" runs backwards: the builder rejects the file ("syntax error in pattern").',
              pattern.slice(j, j + 3),
            ),
          };
      }
      if (j >= pattern.length)
        return {
          at: i,
          message: l10n.t(
            'This "[" character class is never closed with "]": the builder rejects the file ("syntax error in pattern").',
          ),
        };
      i = j;
    }
  }
  return {
    at: 0,
    message: l10n.t('The builder cannot compile this pattern ("syntax error in pattern") and rejects the file.'),
  };
}

export function dockerignoreDiagnostics(lines: IgnoreLine[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const l of lines) {
    if (l.kind !== 'pattern') continue;
    if (l.bang !== undefined && !l.text) {
      out.push({
        range: { start: { line: l.line, character: l.bang }, end: { line: l.line, character: l.bang + 1 } },
        severity: DiagnosticSeverity.Warning,
        source: 'berth',
        code: 'EmptyException',
        message: l10n.t('An exception "!" needs a pattern after it; this line has no effect.'),
      });
      continue;
    }
    const problem = patternProblem(l.text);
    if (problem) {
      out.push({
        range: { start: { line: l.line, character: l.start + problem.at }, end: { line: l.line, character: l.end } },
        severity: DiagnosticSeverity.Error,
        source: 'berth',
        code: 'InvalidIgnorePattern',
        message: problem.message,
      });
    }
  }
  return out;
}

export function dockerignoreTokens(lines: IgnoreLine[]): SemanticTokens {
  const tokens = new TokenCollector();
  const at = (line: number, from: number, to: number) => ({
    start: { line, character: from },
    end: { line, character: to },
  });
  for (const l of lines) {
    if (l.kind === 'comment') {
      tokens.add(at(l.line, l.start, l.end), 'comment');
      continue;
    }
    if (l.bang !== undefined) tokens.add(at(l.line, l.bang, l.bang + 1), 'operator');
    // Wildcards and classes as regexp, the literal path parts as strings.
    const re = /\*\*|\*|\?|\[(?:\\.|[^\]])*\]?|\\.|[^*?[\\]+/g;
    for (const m of l.text.matchAll(re)) {
      const from = l.start + m.index!;
      tokens.add(at(l.line, from, from + m[0].length), /^[*?[]/.test(m[0]) ? 'regexp' : 'string');
    }
  }
  return tokens.encode();
}
