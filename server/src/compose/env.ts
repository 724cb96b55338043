// Where a compose file's variables come from, and which files make up its project.
// Variables: the `.env` next to the compose file, then the `berth.compose.envFiles` setting (later files win),
// and the server's own environment (Compose reads the shell's; ours is the closest we have).
// Project files: the compose file itself, its sibling override file, and the COMPOSE_FILE list of the `.env`.
import { parseEnv } from 'node:util';
import { URI, Utils } from 'vscode-uri';
import { memoByString } from '../text/string-memo';

/** What the pure Compose modules may ask of their surroundings (a subset of the LSP AdapterContext). */
export interface FileAccess {
  readFile(uri: string): string | undefined;
  exists(uri: string): boolean;
  /** Why an existing file is not read (device, FIFO, network path, oversized); undefined when it is read or absent. */
  refusal?(uri: string): string | undefined;
}

export interface VariableSource {
  value: string;
  /** URI of the env file, or 'environment' for the process env. */ source: string;
}

/** Known variables by name. */
export type Variables = ReadonlyMap<string, VariableSource>;

/** Resolves a path written in a compose file (relative to `baseUri`'s folder) to a URI. */
export function resolvePath(baseUri: string, path: string): string {
  return resolveInDir(folderOf(baseUri), path);
}

// Every version of a file resolves the same paths again (each service's build context, env files, extends files):
// parsing and printing URIs was a tenth of a 200-service edit's check, so answers are remembered (text/string-memo.ts).
const folderOf = memoByString((uri) => Utils.dirname(URI.parse(uri)).toString());
const resolvedInDir = memoByString((key) => {
  const cut = key.indexOf('\n');
  return resolveFresh(key.slice(0, cut), key.slice(cut + 1));
});

/** Resolves a path relative to a folder URI (absolute paths and `~/` are kept). */
export function resolveInDir(dirUri: string, path: string): string {
  // `~/` reads HOME, which the memo's key does not hold.
  return path.startsWith('~/') ? resolveFresh(dirUri, path) : resolvedInDir(`${dirUri}\n${path}`);
}

function resolveFresh(dirUri: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  if (path.startsWith('/')) return URI.file(path).toString();
  const home = process.env.HOME;
  if (path.startsWith('~/') && home) return URI.file(home + path.slice(1)).toString();
  return Utils.resolvePath(URI.parse(dirUri), path).toString();
}

/** Parses `.env` text with Node's own dotenv parser. */
export function parseEnvText(text: string): Record<string, string> {
  try {
    return parseEnv(text) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * The variables visible to a compose file. `envFiles` are the `berth.compose.envFiles` setting (paths relative to it).
 * The same map is returned while the env files read the same: every version of a document asks, and callers compare
 * the map itself to tell that nothing changed (diagnostics/reuse.ts). Callers must not change it.
 */
export function loadVariables(
  composeUri: string,
  files: FileAccess,
  envFiles: readonly string[] = [],
  withProcessEnv = true,
): Variables {
  const fileUris = envFiles.length
    ? envFiles.map((p) => resolvePath(composeUri, p))
    : [resolvePath(composeUri, '.env')];
  const texts = fileUris.map((uri) => files.readFile(uri));
  const key = `${withProcessEnv}\0${fileUris.join('\0')}`;
  const hit = loaded.get(key);
  if (hit && hit.texts.every((t, i) => t === texts[i])) return hit.variables;
  const vars = new Map<string, VariableSource>(withProcessEnv ? processVariables() : []);
  texts.forEach((text, i) => {
    if (text !== undefined)
      for (const [k, v] of Object.entries(parseEnvText(text))) vars.set(k, { value: v, source: fileUris[i]! });
  });
  if (loaded.size >= 256) loaded.clear();
  loaded.set(key, { texts, variables: vars });
  return vars;
}

/** The last variables read per set of env files, with the texts they were read from. */
const loaded = new Map<string, { texts: (string | undefined)[]; variables: Variables }>();

let processEnvironment: [string, VariableSource][] | undefined;
/**
 * The server's own environment, read once: a process's environment is fixed when it starts, as `docker compose`'s is,
 * and reading process.env asks the C library for every name.
 */
function processVariables(): [string, VariableSource][] {
  processEnvironment ??= Object.entries(process.env)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => [k, { value: v, source: 'environment' }]);
  return processEnvironment;
}

const OVERRIDE_NAMES: Record<string, string> = {
  'compose.yaml': 'compose.override.yaml',
  'compose.yml': 'compose.override.yml',
  'docker-compose.yaml': 'docker-compose.override.yaml',
  'docker-compose.yml': 'docker-compose.override.yml',
};

/**
 * The compose files read together with `uri` (itself first): COMPOSE_FILE from the `.env` when it lists this file,
 * else the base file and its override (from either side). Existing files only; include files are added by the index.
 */
export function projectFileUris(uri: string, files: FileAccess, vars?: Variables): string[] {
  const dir = Utils.dirname(URI.parse(uri));
  const name = Utils.basename(URI.parse(uri));
  const out = [uri];
  const add = (u: string) => {
    if (!out.includes(u) && files.exists(u)) out.push(u);
  };
  // COMPOSE_FILE lives in the project folder's .env, which may be this file's folder or one of its parents.
  for (let d = dir, up = 0; up < 3; up++, d = Utils.dirname(d)) {
    const env = parseEnvText(files.readFile(Utils.joinPath(d, '.env').toString()) ?? '');
    const composeFile = (up === 0 ? vars?.get('COMPOSE_FILE')?.value : undefined) ?? env.COMPOSE_FILE;
    if (composeFile) {
      const sep = env.COMPOSE_PATH_SEPARATOR ?? (composeFile.includes(';') ? ';' : ':');
      const listed = composeFile
        .split(sep)
        .filter(Boolean)
        .map((p) => resolveInDir(d.toString(), p));
      if (listed.includes(uri)) {
        listed.forEach(add);
        return out;
      }
    }
    if (d.path === '/' || d.path === '') break;
  }
  const override = OVERRIDE_NAMES[name];
  if (override) add(Utils.joinPath(dir, override).toString());
  const base = Object.entries(OVERRIDE_NAMES).find(([, o]) => o === name)?.[0];
  if (base) add(Utils.joinPath(dir, base).toString());
  // A variant such as compose.prod.yaml is used on top of the base file (`-f compose.yaml -f compose.prod.yaml`).
  else if (/^(docker-)?compose\.[^.]+\.ya?ml$/.test(name)) {
    const prefix = name.startsWith('docker-') ? 'docker-compose' : 'compose';
    for (const ext of ['yaml', 'yml']) add(Utils.joinPath(dir, `${prefix}.${ext}`).toString());
  }
  return out;
}
