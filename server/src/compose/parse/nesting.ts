// How deep a compose text nests, read before parsing it: documents nested past MAX_YAML_DEPTH are refused, since the
// features that walk the parsed document recurse as deep as it nests.

/** Documents nested deeper than this are not analysed (compose files nest a few levels; the features recurse). */
export const MAX_YAML_DEPTH = 256;

/**
 * How deep the text nests, and where it first goes past `limit`: block levels (a stack of indents) plus flow
 * brackets, in one pass. An estimate (quotes and comments are not parsed), used only to refuse hostile depth.
 */
export function nestingDepth(text: string, limit: number): { depth: number; at?: number } {
  const indents: number[] = [];
  let flow = 0;
  let depth = 0;
  let lineStart = 0;
  let inIndent = true;
  let indent = 0;
  // Character codes, not one-character strings: this runs over every character of every version.
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c === 10 /* \n */) {
      lineStart = i + 1;
      inIndent = true;
      indent = 0;
      continue;
    }
    // Only a new block level or an opening bracket deepens the text.
    let deeper = false;
    if (inIndent) {
      if (c === 32 /* space */ || c === 45 /* - */) {
        indent++;
        continue;
      }
      inIndent = false;
      if (c !== 35 /* # */ && c !== 13 /* \r */ && flow === 0) {
        while ((indents.at(-1) ?? -1) >= indent) indents.pop();
        indents.push(indent);
        deeper = true;
      }
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      flow++;
      deeper = true;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && flow > 0) flow--;
    if (deeper && indents.length + flow > depth) {
      depth = indents.length + flow;
      if (depth > limit) return { depth, at: lineStart };
    }
  }
  return { depth };
}
