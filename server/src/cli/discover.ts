// Which files `berth lint` checks, and as what: the paths, folders and globs on its command line. A folder is searched
// for Dockerfiles, Compose files (override files included: they match the same names) and ignore files, skipping
// node_modules and .git. Names follow the editor's file associations (package.json `contributes.languages`).
import { statSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export type LintLanguage = 'dockerfile' | 'compose' | 'dockerignore';

export interface LintTarget {
  /** Absolute path. */
  file: string;
  language: LintLanguage;
}

const IGNORE_NAME = /^(\.dockerignore|\.containerignore|.+\.dockerignore|.+\.containerignore)$/;
const COMPOSE_NAME = /^(docker-)?compose(\.[^/]+)?\.ya?ml$/;
const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|containerfile)$/;
const SKIPPED_FOLDERS = ['**/node_modules/**', '**/.git/**'];

/** The language of a file by its name; undefined when the name is none of Berth's. */
export function languageOf(file: string): LintLanguage | undefined {
  const name = path.basename(file);
  if (IGNORE_NAME.test(name)) return 'dockerignore';
  if (COMPOSE_NAME.test(name)) return 'compose';
  if (DOCKERFILE_NAME.test(name)) return 'dockerfile';
  return undefined;
}

/** A file named on the command line is checked even when its name is unusual: YAML as Compose, else a Dockerfile. */
function languageOfNamed(file: string): LintLanguage {
  return languageOf(file) ?? (/\.ya?ml$/i.test(file) ? 'compose' : 'dockerfile');
}

/** The files to check, sorted and without repeats. Throws when a plain path does not exist. */
export async function discover(args: readonly string[], cwd: string): Promise<LintTarget[]> {
  const found = new Map<string, LintLanguage>();
  const addFound = (files: string[]) => {
    for (const f of files) {
      const language = languageOf(f);
      if (language) found.set(path.resolve(cwd, f), language);
    }
  };
  for (const arg of args.length ? args : ['.']) {
    if (isDynamicPattern(arg)) {
      const files = await glob(arg, { cwd, dot: true, ignore: SKIPPED_FOLDERS, absolute: true });
      for (const f of files) found.set(f, languageOfNamed(f));
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new Error(`${arg}: no such file or folder`);
    }
    if (!isDir) {
      found.set(abs, languageOfNamed(abs));
      continue;
    }
    addFound(await glob('**/*', { cwd: abs, dot: true, ignore: SKIPPED_FOLDERS, absolute: true, onlyFiles: true }));
  }
  return [...found]
    .map(([file, language]) => ({ file, language }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
