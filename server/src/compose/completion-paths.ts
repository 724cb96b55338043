// Path completion for compose values that name files and folders (build context, Dockerfile, env files,
// extends.file, include, config/secret files), and where those paths start from.
import { Command, CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { CompletionContext } from './cursor';
import { insideFolder, pathTarget } from './links';
import { getKey, scalarString, type ComposeModel } from './parse/document';

/** What a path value may name: a folder, a Dockerfile, a compose file, or any file. */
export type PathKind = 'folder' | 'dockerfile' | 'compose' | 'file';

const SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);
const COMPOSE_FILE = /\.ya?ml$/i;
const DOCKERFILE = /(^|\.)(docker|container)file($|\.)/i;

const serviceNode = (model: ComposeModel, service: string) =>
  getKey(model, getKey(model, model.doc.contents, 'services'), service);

/** A file inside the build context of a service (the compose file's folder when it has none or it is a URL), as the base of relative paths. */
export function contextBase(model: ComposeModel, service: string): string {
  const build = getKey(model, serviceNode(model, service), 'build');
  const written = scalarString(build) ?? scalarString(getKey(model, build, 'context'));
  const context = written !== undefined ? pathTarget(model.uri, written) : undefined;
  return context ? insideFolder(context) : model.uri;
}

/** The Dockerfile a service builds from. */
export function dockerfileOf(model: ComposeModel, service: string): string {
  const written =
    scalarString(getKey(model, getKey(model, serviceNode(model, service), 'build'), 'dockerfile')) ?? 'Dockerfile';
  const base = contextBase(model, service);
  return pathTarget(base, written) ?? pathTarget(base, 'Dockerfile')!;
}

/** The file named by a service's `extends.file`, when it has one. */
export function extendsFileOf(model: ComposeModel, service: string): string | undefined {
  const written = scalarString(getKey(model, getKey(model, serviceNode(model, service), 'extends'), 'file'));
  return written ? pathTarget(model.uri, written) : undefined;
}

/** A file whose folder relative paths of this value start from: the build context for a Dockerfile, else the compose file. */
export function baseForPath(model: ComposeModel, kind: PathKind, service: string | undefined): string {
  return kind === 'dockerfile' && service ? contextBase(model, service) : model.uri;
}

/** Entries of the folder typed so far, filtered to what the value may name; folders re-open the list. */
export function pathItems(
  ctx: CompletionContext,
  range: Range,
  base: string,
  kind: PathKind,
  sources: { listDir(uri: string): { name: string; isDirectory: boolean }[] },
): CompletionItem[] {
  if (ctx.prefix.includes('$') || /^[a-z][\w+.-]*:\/\//i.test(ctx.prefix)) return [];
  const slash = ctx.prefix.lastIndexOf('/');
  const typedFolder = slash >= 0 ? ctx.prefix.slice(0, slash + 1) : '';
  const folder = pathTarget(base, typedFolder || '.');
  if (!folder) return [];
  const fits = (e: { name: string; isDirectory: boolean }) =>
    e.isDirectory || kind === 'file' || (kind === 'compose' && COMPOSE_FILE.test(e.name)) || kind === 'dockerfile';
  return sources
    .listDir(folder)
    .filter((e) => !SKIPPED.has(e.name) && fits(e))
    .map((e) => {
      const text = `${typedFolder}${e.name}${e.isDirectory ? '/' : ''}`;
      const preferred = !e.isDirectory && (kind !== 'dockerfile' || DOCKERFILE.test(e.name));
      const item: CompletionItem = {
        label: e.isDirectory ? `${e.name}/` : e.name,
        kind: e.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File,
        filterText: text,
        textEdit: { range, newText: kind === 'folder' && e.isDirectory ? text.replace(/\/$/, '') : text },
        sortText: `${kind === 'folder' ? '0' : preferred ? '0' : e.isDirectory ? '1' : '2'}${e.name}`,
      };
      // Going into a folder asks for its entries at once.
      if (e.isDirectory && kind !== 'folder') item.command = Command.create('Suggest', 'editor.action.triggerSuggest');
      return item;
    });
}
