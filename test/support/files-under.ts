// The files below a folder, for tests that read the project's own sources or corpora. Depth first, each folder's
// entries in sorted order: the oracles pick mutation sources by index from this list, so a printed seed replays only
// while the order stays the same (which readdirSync's own recursive listing does not promise). node_modules is skipped.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) {
        if (e !== 'node_modules') walk(p);
      } else if (keep(e)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Every .ts file below `dir`. */
export const typeScriptSources = (dir: string): string[] => filesUnder(dir, (name) => name.endsWith('.ts'));
