// Navigation over the reference index (index.ts): definition, references, highlight and rename of services,
// networks, volumes, configs, secrets, models and YAML anchors, across the project's files (override, include).
import * as l10n from '@vscode/l10n';
import {
  DocumentHighlightKind,
  type DocumentHighlight,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { indexFile, type ComposeSymbol, type ProjectIndex, type SymbolKind } from './project-index';
import { pathTarget } from './links';
import { getKey, nodeAt, parseCompose, scalarString, type ComposeModel } from './parse/document';
import { NAME_PATTERN } from './spec/types';

const location = (s: ComposeSymbol): Location => ({ uri: s.uri, range: s.range });
const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

/** The definitions and uses of the name under the cursor, or undefined when the cursor is on no name. */
function occurrences(project: ProjectIndex, uri: string, position: Position) {
  const symbol = project.symbolAt(uri, position);
  if (!symbol) return undefined;
  return {
    symbol,
    definitions: project.definitionsOf(symbol.kind, symbol.name, uri),
    references: project.referencesTo(symbol.kind, symbol.name, uri),
  };
}

export function definition(project: ProjectIndex, uri: string, position: Position): Location[] {
  return occurrences(project, uri, position)?.definitions.map(location) ?? [];
}

/**
 * `extends: { file, service }` names a service of another file, which is not part of the project: the
 * definition is looked up in that file alone.
 */
export function extendsDefinition(
  model: ComposeModel,
  offset: number,
  readFile: (uri: string) => string | undefined,
): Location[] {
  const { path, onKey } = nodeAt(model, offset);
  if (onKey || path[0] !== 'services' || typeof path[1] !== 'string' || path[2] !== 'extends' || path[3] !== 'service')
    return [];
  const svc = getKey(model, getKey(model, model.doc.contents, 'services'), path[1]);
  const ext = getKey(model, svc, 'extends');
  const file = scalarString(getKey(model, ext, 'file'));
  const name = scalarString(getKey(model, ext, 'service'));
  const target = file && name ? pathTarget(model.uri, file) : undefined;
  const text = target ? readFile(target) : undefined;
  if (!target || text === undefined) return [];
  return indexFile(parseCompose(text, target))
    .definitions.filter((d) => d.kind === 'service' && d.name === name)
    .map(location);
}

export function references(
  project: ProjectIndex,
  uri: string,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const found = occurrences(project, uri, position);
  if (!found) return [];
  return [...(includeDeclaration ? found.definitions : []), ...found.references].map(location);
}

export function highlights(project: ProjectIndex, uri: string, position: Position): DocumentHighlight[] {
  const found = occurrences(project, uri, position);
  if (!found) return [];
  return [
    ...found.definitions
      .filter((d) => d.uri === uri)
      .map((d) => ({ range: d.range, kind: DocumentHighlightKind.Write })),
    ...found.references.filter((r) => r.uri === uri).map((r) => ({ range: r.range, kind: DocumentHighlightKind.Read })),
  ];
}

export function prepareRename(
  project: ProjectIndex,
  uri: string,
  position: Position,
): { range: Range; placeholder: string } | undefined {
  const symbol = project.symbolAt(uri, position);
  return symbol ? { range: symbol.range, placeholder: symbol.name } : undefined;
}

/** Why a new name cannot be used for this kind of thing, or undefined when it can. */
export function invalidName(kind: SymbolKind, name: string): string | undefined {
  if (kind === 'anchor')
    return /^[^\s[\]{},]+$/.test(name) ? undefined : l10n.t('An anchor name cannot contain spaces or any of [ ] { } ,');
  if (!NAME_PATTERN.test(name)) return l10n.t("A {0} name may contain only letters, digits, '.', '_' and '-'.", kind);
  if (kind === 'service' && !/^[a-zA-Z0-9]/.test(name))
    return l10n.t('A service name must start with a letter or a digit.');
  return undefined;
}

/** Renames the name under the cursor everywhere in the project. Throws with a readable message for an invalid name. */
export function rename(
  project: ProjectIndex,
  uri: string,
  position: Position,
  newName: string,
): WorkspaceEdit | undefined {
  const found = occurrences(project, uri, position);
  if (!found) return undefined;
  const problem = invalidName(found.symbol.kind, newName);
  if (problem) throw new Error(problem);
  if (newName !== found.symbol.name && project.definitionsOf(found.symbol.kind, newName, uri).length) {
    throw new Error(`A ${found.symbol.kind} named "${newName}" already exists.`);
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const s of [...found.definitions, ...found.references]) {
    const edits = (changes[s.uri] ??= []);
    if (!edits.some((e) => sameRange(e.range, s.range))) edits.push({ range: s.range, newText: newName });
  }
  return { changes };
}
