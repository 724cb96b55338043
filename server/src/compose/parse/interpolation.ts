// Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`,
// `${VAR:+alt}`, `${VAR+alt}`, nested defaults, and `$$` as a literal dollar. Written by hand because no maintained
// npm library follows Compose's exact grammar (dotenv-expand lacks `?` and `+`, and none report positions).
import * as l10n from '@vscode/l10n';

/** One `$…` occurrence, with offsets into the scanned string. */
export interface Interpolation {
  start: number;
  end: number;
  name: string;
  /** The operator after the name: '' (plain), ':-', '-', ':?', '?', ':+', '+'. */
  op: '' | ':-' | '-' | ':?' | '?' | ':+' | '+';
  /** The text after the operator (default value, error message or alternative), itself interpolated. */
  arg: string;
  /** Offset of `arg` in the scanned string. */
  argStart: number;
}

export interface InterpolationError {
  start: number;
  end: number;
  message: string;
}

export interface ScanResult {
  items: Interpolation[];
  errors: InterpolationError[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Finds every interpolation in a string (nested ones inside defaults are reported too). */
export function scanInterpolations(text: string, base = 0): ScanResult {
  const items: Interpolation[] = [];
  const errors: InterpolationError[] = [];
  if (!text.includes('$')) return { items, errors };
  let i = 0;
  while (i < text.length) {
    const c = text.indexOf('$', i);
    if (c < 0) break;
    const next = text[c + 1];
    if (next === '$') {
      i = c + 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, c + 1);
      if (close < 0) {
        errors.push({
          start: base + c,
          end: base + text.length,
          message: l10n.t('Unclosed `${`: add the closing `}` (or write `$$` for a literal dollar).'),
        });
        break;
      }
      const body = text.slice(c + 2, close);
      const m = NAME.exec(body);
      if (!m) {
        errors.push({
          start: base + c,
          end: base + close + 1,
          message: l10n.t(
            'Invalid variable name in `{0}`: names start with a letter or _ and hold letters, digits and _.',
            `\${${body}}`,
          ),
        });
      } else {
        const rest = body.slice(m[0].length);
        const op = (['::', ':-', ':?', ':+', '-', '?', '+'].find((o) => rest.startsWith(o)) ?? '') as
          | Interpolation['op']
          | '::';
        if ((rest && !op) || op === '::') {
          errors.push({
            start: base + c,
            end: base + close + 1,
            message: l10n.t('Invalid interpolation `{0}`: after the name use :-, -, :?, ?, :+ or +.', `\${${body}}`),
          });
        } else {
          const o = op as Interpolation['op'];
          const argStart = c + 2 + m[0].length + o.length;
          items.push({
            start: base + c,
            end: base + close + 1,
            name: m[0],
            op: o,
            arg: body.slice(m[0].length + o.length),
            argStart: base + argStart,
          });
          const nested = scanInterpolations(body.slice(m[0].length + o.length), base + argStart);
          items.push(...nested.items);
          errors.push(...nested.errors);
        }
      }
      i = close + 1;
      continue;
    }
    const m = NAME.exec(text.slice(c + 1));
    if (m) {
      items.push({
        start: base + c,
        end: base + c + 1 + m[0].length,
        name: m[0],
        op: '',
        arg: '',
        argStart: base + c + 1 + m[0].length,
      });
      i = c + 1 + m[0].length;
      continue;
    }
    // A lone `$` followed by something else is kept literally by Compose; nothing to report.
    i = c + 1;
  }
  return { items, errors };
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

/** Whether a string contains any interpolation (not counting `$$` escapes). */
export function hasInterpolation(text: string): boolean {
  return text.includes('$') && /\$(?!\$)(\{|[A-Za-z_])/.test(text.replace(/\$\$/g, ''));
}

/**
 * Substitutes variables. Returns undefined when a value depends on a variable that is not known (so callers skip
 * literal checks instead of guessing). `$$` becomes `$`.
 */
export function substitute(text: string, lookup: (name: string) => string | undefined): string | undefined {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text.indexOf('$', i);
    if (c < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, c);
    const next = text[c + 1];
    if (next === '$') {
      out += '$';
      i = c + 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, c + 1);
      if (close < 0) return undefined;
      const body = text.slice(c + 2, close);
      const m = NAME.exec(body);
      if (!m) return undefined;
      const value = lookup(m[0]);
      const rest = body.slice(m[0].length);
      const op = [':-', ':?', ':+', '-', '?', '+'].find((o) => rest.startsWith(o)) ?? '';
      const arg = rest.slice(op.length);
      let piece: string | undefined;
      switch (op) {
        case '':
          piece = value;
          break;
        case ':-':
          piece = value ? value : substitute(arg, lookup);
          break;
        case '-':
          piece = value !== undefined ? value : substitute(arg, lookup);
          break;
        case ':?':
        case '?':
          piece = value;
          break;
        case ':+':
          piece = value ? substitute(arg, lookup) : '';
          break;
        case '+':
          piece = value !== undefined ? substitute(arg, lookup) : '';
          break;
      }
      if (piece === undefined) return undefined;
      out += piece;
      i = close + 1;
      continue;
    }
    const m = NAME.exec(text.slice(c + 1));
    if (m) {
      const v = lookup(m[0]);
      if (v === undefined) return undefined;
      out += v;
      i = c + 1 + m[0].length;
      continue;
    }
    out += '$';
    i = c + 1;
  }
  return out;
}
