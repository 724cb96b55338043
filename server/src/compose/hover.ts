// Hover for compose files: on a `${VAR}` its value and where it comes from; on a service/network/volume/… name
// its definition; on a key our description of it (type, allowed values, default, deprecation).
import { translated } from '../l10n/locale';
import * as l10n from '@vscode/l10n';
import { code, codeBlock, plain } from '../lsp/markdown';
import { isScalar, type Scalar } from 'yaml';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import type { ComposeSymbol, ProjectIndex } from './project-index';
import { scanInterpolations, substitute, type Interpolation } from './parse/interpolation';
import type { Variables } from './env';
import { nodeAt, type ComposeModel } from './parse/document';
import { describeKinds, specAt } from './spec';
import type { SpecNode } from './spec/types';

/** Variables whose values hover shows masked: a hover is often on a shared screen. */
const SECRET_NAME = /pass(word)?|secret|token|api_?key|private|credential/i;

export interface HoverSources {
  project(): ProjectIndex;
  variables(): Variables;
}

const markdown = (value: string, range?: Hover['range']): Hover => ({
  contents: { kind: MarkupKind.Markdown, value },
  ...(range ? { range } : {}),
});
const fileName = (uri: string) => Utils.basename(URI.parse(uri));

/**
 * The paragraphs of a key's description after its type: allowed values, default and deprecation, in the current
 * language. Completion shows them under the description too (the type is its item's detail there).
 */
export function specNotes(spec: SpecNode): string[] {
  const notes: string[] = [];
  if (spec.enum?.length) notes.push(l10n.t('Allowed: {0}', spec.enum.map((v) => `${code(v)}`).join(', ')));
  if (spec.default !== undefined) notes.push(l10n.t('Default: {0}', code(String(spec.default))));
  if (spec.deprecated) notes.push(l10n.t('**Deprecated:** {0}', translated(spec.deprecated)));
  return notes;
}

export function describeSpec(spec: SpecNode, title?: string): string {
  return [
    ...(title ? [`**${title}**`] : []),
    translated(spec.description),
    l10n.t('Type: {0}', describeKinds(spec)),
    ...specNotes(spec),
  ].join('\n\n');
}

export function hoverCompose(model: ComposeModel, offset: number, sources: HoverSources): Hover | undefined {
  const at = nodeAt(model, offset);
  if (!at.node) return undefined;
  if (!at.onKey && isScalar(at.node)) {
    const variable = variableHover(model, at.node as Scalar, offset, sources.variables());
    if (variable) return variable;
  }
  // A fixed key (restart, build, …) names nothing: describe it without building the project index.
  const fixedKey =
    at.onKey &&
    typeof at.path.at(-1) === 'string' &&
    !!specAt(at.path.slice(0, -1))?.properties?.[at.path.at(-1) as string];
  if (!fixedKey) {
    const project = sources.project();
    const symbol = project.symbolAt(model.uri, model.positionAt(offset));
    if (symbol) return symbolHover(project, symbol);
  }
  let spec: SpecNode | undefined;
  let key: string | number | undefined;
  if (at.onKey) {
    spec = specAt(at.path);
    key = at.path.at(-1);
  } else if (isScalar(at.node)) {
    // On a value, describe the fixed key it belongs to (for a list item: its list's key).
    const keyIndex = at.path.findLastIndex((s) => typeof s === 'string');
    key = at.path[keyIndex];
    spec = typeof key === 'string' ? specAt(at.path.slice(0, keyIndex))?.properties?.[key] : undefined;
  }
  if (!spec || typeof key !== 'string') return undefined;
  const r = at.node.range;
  return markdown(describeSpec(spec, key), r ? model.rangeOf([r[0], r[1]]) : undefined);
}

function variableHover(model: ComposeModel, node: Scalar, offset: number, variables: Variables): Hover | undefined {
  const r = node.range;
  if (!r) return undefined;
  const source = model.text.slice(r[0], r[1]);
  if (!source.includes('$')) return undefined;
  const hit = innermost(scanInterpolations(source, r[0]).items, offset);
  if (!hit) return undefined;
  const known = variables.get(hit.name);
  const mask = (v: string) => (SECRET_NAME.test(hit.name) && v ? '••••••' : v);
  const lines = [`**\${${hit.name}}**`];
  if (known) {
    const from =
      known.source === 'environment'
        ? l10n.t('the environment of the language server')
        : `${code(fileName(known.source))}`;
    lines.push(`= ${code(mask(known.value))} (from ${from})`);
  } else {
    lines.push(l10n.t('Not set: neither in the environment file nor in the environment.'));
  }
  const whenUnset: Partial<Record<Interpolation['op'], string>> = {
    ':-': l10n.t('default when unset or empty'),
    '-': l10n.t('default when unset'),
    ':?': l10n.t('error when unset or empty'),
    '?': l10n.t('error when unset'),
    ':+': l10n.t('replacement when set and not empty'),
    '+': l10n.t('replacement when set'),
  };
  if (hit.op) lines.push(`${code(hit.op + hit.arg)}: ${whenUnset[hit.op]}`);
  const whole = substitute(String(node.value ?? ''), (n) => variables.get(n)?.value);
  if (whole !== undefined && whole !== String(node.value) && !SECRET_NAME.test(source))
    lines.push(`Value: ${code(whole)}`);
  return markdown(lines.join('\n\n'), model.rangeOf([hit.start, hit.end]));
}

/** The interpolation at an offset, preferring a nested one (`${A:-${B}}` on B gives B). */
function innermost(items: Interpolation[], offset: number): Interpolation | undefined {
  return items
    .filter((i) => i.start <= offset && offset <= i.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

function symbolHover(project: ProjectIndex, symbol: ComposeSymbol): Hover | undefined {
  const defs = project.definitionsOf(symbol.kind, symbol.name, symbol.uri);
  const parts = defs.slice(0, 3).map((d) => {
    const file = project.files.find((f) => f.uri === d.uri);
    const snippet = file ? entryText(file.model.text, file.model.offsetAt(d.range.start)) : '';
    const where = d.uri === project.uri ? '' : ` — ${fileName(d.uri)}`;
    return `${symbol.kind} **${plain(symbol.name)}**${where}\n${codeBlock(snippet, 'yaml')}`;
  });
  if (!parts.length)
    return markdown(
      l10n.t('{0} **{1}** is not defined in this project.', symbol.kind, plain(symbol.name)),
      symbol.range,
    );
  return markdown(parts.join('\n\n'), symbol.range);
}

/**
 * The text of the YAML entry starting on the line of `offset`: that line and the more-indented lines after it. Reads
 * only those lines (a hover on a 6,000-line file must not split the whole text for a 20-line snippet).
 */
export function entryText(text: string, offset: number, maxLines = 20): string {
  const lineAt = (start: number): [string, number] => {
    const end = text.indexOf('\n', start);
    return end < 0 ? [text.slice(start), text.length + 1] : [text.slice(start, end), end + 1];
  };
  const indent = (s: string) => s.length - s.trimStart().length;
  // (lastIndexOf treats a negative start as 0, and would find a newline at offset 0.)
  const [first, second] = lineAt(offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0);
  let next = second;
  const base = indent(first);
  const out = [first.slice(base)];
  while (next <= text.length && out.length < maxLines) {
    const [l, after] = lineAt(next);
    if (l.trim() && indent(l) <= base) break;
    out.push(l.slice(Math.min(base, indent(l))));
    next = after;
  }
  while (out.length > 1 && !out.at(-1)?.trim()) out.pop();
  if (out.length === maxLines) out.push('…');
  return out.join('\n');
}
