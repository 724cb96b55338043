// Code lenses: "Run all" above `services:` and "Run service" above each service. They call the Compose commands
// of the client (berth.compose.up / berth.compose.upService), which own the engine work, prompts and progress.
import * as l10n from '@vscode/l10n';
import { isMap, type Node } from 'yaml';
import type { CodeLens } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { keyText, type ComposeModel } from './parse/document';

export const COMPOSE_UP_COMMAND = 'berth.compose.up';
export const COMPOSE_UP_SERVICE_COMMAND = 'berth.compose.upService';

export function codeLenses(model: ComposeModel): CodeLens[] {
  const root = model.doc.contents;
  if (!isMap(root)) return [];
  const servicesPair = root.items.find((p) => keyText(p) === 'services');
  const services = servicesPair?.value;
  if (!servicesPair || !isMap(services) || services.items.length === 0) return [];
  const lensAt = (key: unknown, title: string, command: string, args: unknown[]): CodeLens | undefined => {
    const r = (key as Node | null)?.range;
    return r ? { range: model.rangeOf([r[0], r[1]]), command: { title, command, arguments: args } } : undefined;
  };
  const file = composeFileArgument(model.uri);
  const lenses: (CodeLens | undefined)[] = [lensAt(servicesPair.key, l10n.t('▶ Run all'), COMPOSE_UP_COMMAND, [file])];
  const runService = l10n.t('▶ Run service'); // once, not per service: l10n.t formats on every call
  for (const entry of services.items) {
    const name = keyText(entry);
    if (name && name !== '<<') lenses.push(lensAt(entry.key, runService, COMPOSE_UP_SERVICE_COMMAND, [file, name]));
  }
  return lenses.filter((l): l is CodeLens => !!l);
}

/**
 * The compose file as the commands take it: a file system path for local files (arguments travel as JSON, and the
 * commands read a string argument as a path), the URI otherwise.
 */
export function composeFileArgument(uri: string): string {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : uri;
  } catch {
    return uri;
  }
}
