// Quick fixes for the Compose diagnostics, keyed off their codes and `data` payloads (diagnostics/codes.ts):
// remove the obsolete `version`, define a missing network/volume/secret/config/model, add a stub for a missing
// service, and apply a did-you-mean suggestion (keys, enum values, build targets).
import * as l10n from '@vscode/l10n';
import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { InvalidValueData, ObsoleteVersionData, UndefinedData, UnknownKeyData } from './diagnostics/codes';
import { getKey, keyText, nodeAt, type ComposeModel } from './parse/document';
import type { RefKind } from './spec/types';

const SECTION: Record<RefKind, string> = {
  service: 'services',
  network: 'networks',
  volume: 'volumes',
  config: 'configs',
  secret: 'secrets',
  model: 'models',
};

export function codeActions(model: ComposeModel, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const fix = (title: string, diagnostic: Diagnostic, edits: TextEdit[] | undefined, preferred = false) => {
    if (edits?.length)
      out.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [model.uri]: edits } },
        ...(preferred ? { isPreferred: true } : {}),
      });
  };
  for (const d of diagnostics) {
    if (d.source !== 'berth' || typeof d.code !== 'string') continue;
    const data = d.data as Record<string, unknown> | undefined;
    if (d.code === 'obsolete-version' && data) {
      fix(
        l10n.t('Remove the obsolete `version`'),
        d,
        [{ range: (data as unknown as ObsoleteVersionData).removeRange, newText: '' }],
        true,
      );
    } else if (d.code === 'unknown-key' && typeof data?.suggestion === 'string') {
      const { key, suggestion } = data as unknown as UnknownKeyData;
      fix(l10n.t('Change to `{0}`', suggestion!), d, replaceIfText(model, d, key, suggestion!), true);
    } else if (
      (d.code === 'invalid-value' || d.code === 'unknown-build-target') &&
      typeof data?.suggestion === 'string'
    ) {
      const suggestion = data.suggestion as string;
      const written =
        (data as unknown as InvalidValueData).value ??
        model.text.slice(model.offsetAt(d.range.start), model.offsetAt(d.range.end));
      fix(l10n.t('Change to `{0}`', suggestion), d, replaceIfText(model, d, written, suggestion), true);
    } else if (
      d.code.startsWith('undefined-') &&
      data &&
      typeof data.name === 'string' &&
      typeof data.kind === 'string'
    ) {
      const { kind, name } = data as unknown as UndefinedData;
      if (kind === 'service') {
        if (underExtendsFile(model, d)) continue; // the service belongs in the other file
        fix(l10n.t('Add a stub for service `{0}`', name), d, defineEntry(model, 'service', name));
      } else {
        fix(`Define ${kind} \`${name}\` in \`${SECTION[kind]}\``, d, defineEntry(model, kind, name), true);
      }
    }
  }
  return out;
}

/**
 * One `source.fixAll` action applying the fixes that need no judgement: removing the obsolete `version` and
 * did-you-mean corrections. Definitions and stubs stay quick fixes, since they add content the user should see.
 */
export function fixAll(model: ComposeModel, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const safe = new Set(['obsolete-version', 'unknown-key', 'invalid-value', 'unknown-build-target']);
  const edits: TextEdit[] = [];
  const taken: [number, number][] = [];
  for (const action of codeActions(
    model,
    diagnostics.filter((d) => safe.has(String(d.code))),
  )) {
    for (const e of action.edit?.changes?.[model.uri] ?? []) {
      const span: [number, number] = [model.offsetAt(e.range.start), model.offsetAt(e.range.end)];
      if (taken.some(([a, b]) => span[0] < b && a < span[1])) continue; // overlapping fixes: keep the first
      taken.push(span);
      edits.push(e);
    }
  }
  return edits.length
    ? [
        {
          title: l10n.t('Fix all auto-fixable Compose problems'),
          kind: CodeActionKind.SourceFixAll,
          edit: { changes: { [model.uri]: edits } },
        },
      ]
    : [];
}

/** Replaces the diagnostic's range with `replacement` when it holds `expected` (quotes kept). */
function replaceIfText(
  model: ComposeModel,
  d: Diagnostic,
  expected: string,
  replacement: string,
): TextEdit[] | undefined {
  const start = model.offsetAt(d.range.start);
  const end = model.offsetAt(d.range.end);
  const text = model.text.slice(start, end);
  if (text === expected) return [{ range: d.range, newText: replacement }];
  if (text.length === expected.length + 2 && /^(["']).*\1$/.test(text) && text.slice(1, -1) === expected) {
    return [{ range: model.rangeOf([start + 1, end - 1]), newText: replacement }];
  }
  return undefined;
}

function underExtendsFile(model: ComposeModel, d: Diagnostic): boolean {
  const { path } = nodeAt(model, model.offsetAt(d.range.start));
  if (path[0] !== 'services' || path[2] !== 'extends' || typeof path[1] !== 'string') return false;
  const service = getKey(model, getKey(model, model.doc.contents, 'services'), path[1]);
  return !!getKey(model, getKey(model, service, 'extends'), 'file');
}

/** The body of a new top-level entry (indented one more step than the entry): a valid stub, easy to fill in. */
function entryBody(kind: RefKind, name: string, indent: string): string {
  switch (kind) {
    case 'service':
      return `\n${indent}${indent}image: ${/^[a-z0-9]+([._-][a-z0-9]+)*$/.test(name) ? name : 'busybox'}`;
    case 'secret':
    case 'config':
      return `\n${indent}${indent}file: ./${name}`;
    case 'model':
      return `\n${indent}${indent}model: ${name}`;
    default:
      return '';
  }
}

/** Inserts `name:` (with a stub body) at the end of its top-level section, creating the section when missing. */
export function defineEntry(model: ComposeModel, kind: RefKind, name: string): TextEdit[] | undefined {
  const root = model.doc.contents;
  const section = SECTION[kind];
  const text = model.text;
  const at = (offset: number) => {
    const p = model.positionAt(offset);
    return { start: p, end: p };
  };
  if (root !== null && !isMap(root)) return undefined;
  const pair = isMap(root) ? root.items.find((p) => keyText(p) === section) : undefined;
  if (!pair) {
    const lead = text.length === 0 || text.endsWith('\n') ? '' : '\n';
    return [{ range: at(text.length), newText: `${lead}${section}:\n  ${name}:${entryBody(kind, name, '  ')}\n` }];
  }
  const value = pair.value as Node | null;
  if (value && (!isMap(value) || (value as YAMLMap).flow)) return undefined; // flow or wrong shape: leave it to the user
  const entries = value ? (value as YAMLMap).items : [];
  const first = entries[0];
  const indent = first ? ' '.repeat(model.positionAt((first.key as Node).range![0]).character) : '  ';
  const last: Pair | undefined = entries.at(-1);
  const lastEnd = last
    ? Math.max((last.key as Node).range![1], (last.value as Node | null)?.range?.[1] ?? 0)
    : (pair.key as Node).range![1];
  let contentEnd = lastEnd; // block values end after their newline: step back onto the last written line
  while (contentEnd > 0 && /\s/.test(text.charAt(contentEnd - 1))) contentEnd--;
  const lineEnd = text.indexOf('\n', contentEnd);
  const insertAt = lineEnd < 0 ? text.length : lineEnd;
  return [{ range: at(insertAt), newText: `\n${indent}${name}:${entryBody(kind, name, indent)}` }];
}
