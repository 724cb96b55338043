// The values the global ARGs (those before the first FROM) take from their defaults, as the builder computes them:
// in order, each default expanded with the values before it. Computed once per model: FROM images, hover and
// InvalidDefaultArgInFrom all read this one table, so a self-referencing or doubling ARG chain costs linear time.
import type { DockerfileModel } from './model';
import { PREDEFINED_ARGS } from './model';
import { perModel } from './semantic';
import { expandWord } from './variables';

export interface ArgDefault {
  /** The expanded default; undefined when the ARG has none, or when it is too long or too deep to evaluate. */
  value: string | undefined;
  /** Every variable it uses has a default of its own (predefined platform args do not count: they vary by build). */
  complete: boolean;
  /** Too long or too deep to evaluate (as opposed to having no default): nothing may be concluded from it. */
  unknown?: boolean;
}

/** What a predefined ARG stands for when a default uses it: a plausible value, so that image syntax can be checked. */
const PREDEFINED_STAND_IN = 'linux';

const DEFAULTS = Symbol('global ARG defaults');

export function globalArgDefaults(model: DockerfileModel): ReadonlyMap<string, ArgDefault> {
  return perModel(model, DEFAULTS, () => {
    const table = new Map<string, ArgDefault>();
    for (const d of model.globalArgs) {
      if (d.value === undefined) {
        if (!table.has(d.name)) table.set(d.name, { value: undefined, complete: false });
        continue;
      }
      // An ARG's own earlier value is what `ARG A=$A…` refers to, so it is read before this one is set.
      table.set(d.name, expandWithDefaults(d.value, model.escapeChar, table));
    }
    return table;
  });
}

/** Expands `word` with the given ARG values (and stand-ins for predefined ARGs). */
export function expandWithDefaults(word: string, escape: string, table: ReadonlyMap<string, ArgDefault>): ArgDefault {
  let complete = true;
  let unknown = false;
  const value = expandWord(word, escape, (name) => {
    const hit = table.get(name);
    if (hit) {
      if (!hit.complete) complete = false;
      if (hit.unknown) unknown = true;
      return hit.value;
    }
    complete = false;
    return PREDEFINED_ARGS.includes(name) ? PREDEFINED_STAND_IN : undefined;
  });
  if (unknown || value === undefined) return { value: undefined, complete: false, unknown: true };
  return { value, complete };
}
