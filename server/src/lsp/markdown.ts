// Text from the user's files placed in hover markdown: it must not become markup. A backtick in an image name closed
// the code span and let the rest render as markdown (links included).

/** Longest text shown in one code span; hovers stay small on hostile lines. */
const MAX_SPAN = 300;

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** `text` as an inline code span (CommonMark): a fence longer than any backtick run inside, on one line. */
export function code(text: string | number): string {
  let s = String(text).replace(/[\r\n]+/g, ' ');
  if (s.length > MAX_SPAN) s = `${s.slice(0, MAX_SPAN)}…`;
  const fence = '`'.repeat(longestRun(s, '`') + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s === '' ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** `text` as a fenced code block in `language`, with a fence no line inside can close. */
export function codeBlock(text: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Plain text with markdown's punctuation escaped, for names shown in bold or in prose. */
export function plain(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
