// Builds LSP semantic tokens (the shared legend of adapter.ts) from ranges in any order.
import type { Range, SemanticTokens } from 'vscode-languageserver-types';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from './adapter';

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];
interface Token {
  line: number;
  char: number;
  length: number;
  type: number;
  mods: number;
}

export class TokenCollector {
  private readonly tokens: Token[] = [];

  /** Adds a single-line, non-empty range; others are ignored (the protocol's tokens never span lines). */
  add(r: Range | undefined, type: TokenType, ...mods: TokenModifier[]): void {
    if (!r || r.start.line !== r.end.line || r.end.character <= r.start.character) return;
    this.tokens.push({
      line: r.start.line,
      char: r.start.character,
      length: r.end.character - r.start.character,
      type: TOKEN_TYPES.indexOf(type),
      mods: mods.reduce((m, x) => m | (1 << TOKEN_MODIFIERS.indexOf(x)), 0),
    });
  }

  /** Sorted, relative and without overlaps, as the protocol requires (of two overlapping tokens the first wins). */
  encode(): SemanticTokens {
    const sorted = [...this.tokens].sort((a, b) => a.line - b.line || a.char - b.char);
    const data: number[] = [];
    let line = 0,
      char = 0,
      end = -1,
      endLine = -1;
    for (const t of sorted) {
      if (t.line === endLine && t.char < end) continue;
      data.push(t.line - line, t.line === line ? t.char - char : t.char, t.length, t.type, t.mods);
      line = t.line;
      char = t.char;
      endLine = t.line;
      end = t.char + t.length;
    }
    return { data };
  }
}
