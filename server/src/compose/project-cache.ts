// The project index around a model, built once per document version and shared by the diagnostics and every editing
// feature. Each of them used to build its own: every hover, definition or rename read and parsed the env files again
// and grouped every symbol of the project (on a 200-service file, more than the request's own work).
// An index holds only while the files it read read the same: on each use, every file it read and every existence it
// asked about is asked again (the disk cache and the open documents answer at once) and compared, so an env file
// saved, or an override file edited in the editor, gives a fresh index.
import type { FileAccess } from './env';
import type { ComposeModel } from './parse/document';
import { indexProject, type ProjectIndex } from './project-index';

interface Built {
  index: ProjectIndex;
  /** The settings it was built with. */
  key: string;
  reads: Map<string, string | undefined>;
  existence: Map<string, boolean>;
}

const built = new WeakMap<ComposeModel, Built>();

/** indexProject(model, …), reused while the same settings are asked for and every file it read reads the same. */
export function projectIndexOf(
  model: ComposeModel,
  files: FileAccess,
  envFiles: readonly string[] = [],
  withProcessEnv = true,
): ProjectIndex {
  const key = `${withProcessEnv}\0${envFiles.join('\0')}`;
  const hit = built.get(model);
  if (hit && hit.key === key && readsTheSame(hit, files)) return hit.index;
  const reads = new Map<string, string | undefined>();
  const existence = new Map<string, boolean>();
  const recording: FileAccess = {
    readFile: (uri) => {
      const text = files.readFile(uri);
      if (!reads.has(uri)) reads.set(uri, text);
      return text;
    },
    exists: (uri) => {
      const found = files.exists(uri);
      if (!existence.has(uri)) existence.set(uri, found);
      return found;
    },
  };
  const index = indexProject(model, recording, envFiles, withProcessEnv);
  built.set(model, { index, key, reads, existence });
  return index;
}

function readsTheSame(b: Built, files: FileAccess): boolean {
  for (const [uri, text] of b.reads) if (files.readFile(uri) !== text) return false;
  for (const [uri, found] of b.existence) if (files.exists(uri) !== found) return false;
  return true;
}
