// A logical line: an instruction's text with line continuations removed, plus the map back to document positions.
// Every range the parser produces goes through here, so ranges stay exact across continuations.
import * as l10n from '@vscode/l10n';
import type { Position, Range } from 'vscode-languageserver-types';

interface Piece {
  line: number;
  col: number;
  start: number;
  length: number;
}

export class LogicalLine {
  text = '';
  private readonly pieces: Piece[] = [];

  append(line: number, col: number, s: string): void {
    this.pieces.push({ line, col, start: this.text.length, length: s.length });
    this.text += s;
  }

  /** Document position of a content offset. At a piece boundary a start maps forward and an end maps backward. */
  pos(offset: number, asEnd = false): Position {
    const pieces = this.pieces;
    if (pieces.length === 0) return { line: 0, character: 0 };
    let lo = 0,
      hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const p = pieces[mid]!; // lo < mid ≤ hi < pieces.length
      if (p.start < offset || (!asEnd && p.start === offset)) lo = mid;
      else hi = mid - 1;
    }
    const p = pieces[lo]!;
    const within = Math.max(0, Math.min(offset - p.start, p.length));
    return { line: p.line, character: p.col + within };
  }

  range(from: number, to: number): Range {
    if (to <= from) {
      const at = this.pos(from);
      return { start: at, end: at };
    }
    return { start: this.pos(from), end: this.pos(to, true) };
  }

  get lastLine(): number {
    return this.pieces.at(-1)?.line ?? 0;
  }
}

/** Whitespace, plus the byte-order mark some Windows editors put at the start (BuildKit drops it too). */
export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v' || c === '\uFEFF';
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Splits text[from, to) into whitespace-separated words. Quotes keep whitespace inside a word; the escape character
 * protects the next character. Unterminated quotes run to the end (error tolerance).
 */
export function splitWords(text: string, from: number, to: number, escape: string): Span[] {
  const out: Span[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(text[i])) i++;
    if (i >= to) break;
    const start = i;
    let quote = '';
    while (i < to) {
      const c = text[i];
      if (quote) {
        if (c === escape && quote === '"' && i + 1 < to) {
          i += 2;
          continue;
        }
        if (c === quote) quote = '';
        i++;
        continue;
      }
      if (isSpace(c)) break;
      if (c === escape && i + 1 < to) {
        i += 2;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      i++;
    }
    out.push({ start, end: i });
  }
  return out;
}

/** Decodes a JSON array of strings starting at text[from]; returns the strings with their spans or an error message. */
export function parseJsonStrings(
  text: string,
  from: number,
  to: number,
): { items: { value: string; start: number; end: number }[] } | { error: string } {
  let i = from;
  const skip = () => {
    while (i < to && isSpace(text[i])) i++;
  };
  skip();
  if (text[i] !== '[') return { error: 'expected "["' };
  i++;
  const items: { value: string; start: number; end: number }[] = [];
  skip();
  if (text[i] === ']') {
    i++;
    skip();
    return i >= to ? { items } : { error: l10n.t('unexpected text after "]"') };
  }
  for (;;) {
    skip();
    if (text[i] !== '"')
      return {
        error:
          i >= to ? 'unterminated array' : l10n.t('expected a double-quoted string at "{0}"', text.slice(i, i + 8)),
      };
    const start = i;
    const end = scanJsonString(text, i, to);
    if (end < 0) return { error: 'unterminated string' };
    let value: string;
    try {
      value = JSON.parse(text.slice(start, end)) as string;
    } catch {
      return { error: l10n.t('invalid escape in a string (write \\\\ for a backslash)') };
    }
    items.push({ value, start, end });
    i = end;
    skip();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === ']') {
      i++;
      break;
    }
    return { error: i >= to ? 'missing "]"' : `expected "," or "]" at "${text.slice(i, i + 8)}"` };
  }
  skip();
  return i >= to ? { items } : { error: l10n.t('unexpected text after "]"') };
}

function scanJsonString(text: string, i: number, to: number): number {
  i++;
  while (i < to) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '"') return i + 1;
    i++;
  }
  return -1;
}
