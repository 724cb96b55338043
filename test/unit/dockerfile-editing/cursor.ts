// Test helper: a Dockerfile text with the cursor written as `|` → the model and the cursor position.
import type { Position } from 'vscode-languageserver-types';
import { parseDockerfile, type DockerfileModel } from '../../../server/src/dockerfile/parse/document';

export function atCursor(textWithBar: string): { model: DockerfileModel; pos: Position; text: string } {
  const at = textWithBar.indexOf('|');
  if (at < 0) throw new Error('no | cursor in the text');
  const text = textWithBar.slice(0, at) + textWithBar.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return {
    model: parseDockerfile(text),
    pos: { line: before.length - 1, character: before[before.length - 1].length },
    text,
  };
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(
  text: string,
  edits: { range: { start: Position; end: Position }; newText: string }[],
): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
