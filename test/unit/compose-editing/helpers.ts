// Shared helpers for the compose editing tests: a model from text with a `|` cursor marker.
import { parseCompose, type ComposeModel } from '../../../server/src/compose/parse/document';

export const URI_BASE = 'file:///project';

/** Parses text in which one `|` marks the cursor; returns the model (without the marker) and the cursor offset. */
export function withCursor(
  text: string,
  uri = `${URI_BASE}/compose.yaml`,
): { model: ComposeModel; offset: number; text: string } {
  const offset = text.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker in the test text');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  return { model: parseCompose(clean, uri), offset, text: clean };
}

export function model(text: string, uri = `${URI_BASE}/compose.yaml`): ComposeModel {
  return parseCompose(text, uri);
}

/** The text a range covers in the model. */
export function textAt(
  m: ComposeModel,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  return m.text.slice(m.offsetAt(range.start), m.offsetAt(range.end));
}
