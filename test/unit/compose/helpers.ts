// Test helpers: run Compose diagnostics over in-memory files (a real folder is not needed; FileAccess is a map).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { composeDiagnostics, type DiagnosticOptions } from '../../../server/src/compose/diagnostics';
import type { FileAccess } from '../../../server/src/compose/env';
import { parseCompose } from '../../../server/src/compose/parse/document';

export const ROOT = 'file:///project';

/** In-memory files: paths relative to ROOT → text. Folders exist implicitly when a file lives under them. */
export function memoryFiles(files: Record<string, string>): FileAccess {
  const uris = new Map(Object.entries(files).map(([p, t]) => [`${ROOT}/${p}`, t]));
  return {
    readFile: (uri) => uris.get(uri),
    exists: (uri) =>
      uris.has(uri) || [...uris.keys()].some((k) => k.startsWith(uri.replace(/\/$/, '') + '/')) || uri === ROOT,
  };
}

/** Diagnostics of `compose.yaml` (or `name`) among the given files, without the process environment. */
export function diagnose(
  text: string,
  files: Record<string, string> = {},
  options: DiagnosticOptions & { name?: string } = {},
): Diagnostic[] {
  const name = options.name ?? 'compose.yaml';
  const all = { [name]: text, ...files };
  return composeDiagnostics(parseCompose(text, `${ROOT}/${name}`), memoryFiles(all), {
    ...options,
    withProcessEnv: false,
  });
}

/** Codes of the diagnostics, sorted. */
export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => String(d.code)).sort();
}

/** The real file system as FileAccess (for the corpus under test/fixtures). */
export function diskFiles(): FileAccess {
  return {
    readFile: (uri) => {
      try {
        return readFileSync(fileURLToPath(uri), 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (uri) => {
      try {
        return existsSync(fileURLToPath(uri));
      } catch {
        return false;
      }
    },
  };
}

export const CORPUS = path.resolve(__dirname, '../../fixtures/compose-corpus');
const COMPOSE_NAME = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

/** Every compose file of a corpus folder (valid or broken), recursively. */
export function corpusFiles(kind: 'valid' | 'broken'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) {
        if (dir === path.join(CORPUS, kind)) walk(p);
      } else if (COMPOSE_NAME.test(e)) out.push(p);
    }
  };
  walk(path.join(CORPUS, kind));
  return out;
}
