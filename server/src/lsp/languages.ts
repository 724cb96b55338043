// Which language a document is in. Other editors name these languages differently (Neovim: "yaml.docker-compose";
// many send plain "yaml" for compose files), so a document is also recognised by its file name.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageAdapter } from './adapter';

const COMPOSE_NAME = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/i;
const IGNORE_NAME = /(^|\/)([\w.-]*\.)?(docker|container)ignore$/i;
const DAEMON_JSON_NAME = /(^|\/)daemon\.json$/i;
const DOCKERFILE_NAME = /(^|\/)((Dockerfile|Containerfile)(\.[\w.-]+)?|[\w.-]+\.(dockerfile|containerfile))$/i;

/**
 * Berth's language id for a document: 'dockerfile', 'dockercompose', 'ignore-docker', 'daemon-json' (a JSON document
 * named daemon.json), or the client's own id.
 */
export function languageOf(doc: TextDocument): string {
  const id = doc.languageId.toLowerCase();
  if ((id === 'json' || id === 'jsonc' || id === 'daemon-json') && DAEMON_JSON_NAME.test(doc.uri)) return 'daemon-json';
  if (id === 'ignore-docker' || id === 'dockerignore' || IGNORE_NAME.test(doc.uri)) return 'ignore-docker';
  if (id === 'dockercompose' || id.includes('compose') || (id === 'yaml' && COMPOSE_NAME.test(doc.uri)))
    return 'dockercompose';
  if (
    id === 'dockerfile' ||
    id === 'containerfile' ||
    (id !== 'dockercompose' && DOCKERFILE_NAME.test(doc.uri) && !id.includes('yaml'))
  )
    return 'dockerfile';
  return id;
}

/** Finds the adapter of a document's language among `adapters`; undefined for a language Berth does not serve. */
export function adapterLookup(
  adapters: readonly LanguageAdapter[],
): (doc: TextDocument | undefined) => LanguageAdapter | undefined {
  return (doc) => {
    if (!doc) return undefined;
    const language = languageOf(doc);
    return adapters.find((a) => a.languageIds.includes(language));
  };
}
