// Known, explained disagreements between Berth and `docker compose config` (the oracle layer, ./compose.test.ts).
// Each entry says, in our own words, why the two differ on purpose. `matches` gets Berth's Error codes, the oracle's
// stderr ('' when Compose loaded the file) and the file text. Keep entries narrow: an entry that matches too much
// hides real disagreements.
import { parseAllDocuments } from 'yaml';

export interface AllowlistEntry {
  cause: string;
  reason: string;
  matches(berthCodes: string[], oracleStderr: string, text: string): boolean;
}

/** Berth reports only these codes (nothing else) while Compose loads the file. */
const onlyBerth = (codes: string[], stderr: string, allowed: string[]) =>
  stderr === '' && codes.length > 0 && codes.every((c) => allowed.includes(c));

export const COMPOSE_ALLOWLIST: AllowlistEntry[] = [
  {
    cause: 'build context or Dockerfile checked on disk',
    reason:
      'Berth checks that a build context exists and that build.target names a stage of the Dockerfile; ' +
      '`compose config` reads neither (they fail only when the image is built).',
    matches: (codes, stderr) =>
      onlyBerth(codes, stderr, ['missing-build-context', 'missing-dockerfile', 'unknown-build-target']),
  },
  {
    cause: 'host port published twice',
    reason:
      'Two services publishing the same host port load fine; the second container fails to start. Berth ' +
      'reports the clash in the editor, `compose config` does not look at it.',
    matches: (codes, stderr) => onlyBerth(codes, stderr, ['port-conflict']),
  },
  {
    cause: 'restart policy value',
    reason:
      '`compose config` accepts any string as `restart` (checked: `restart: text` loads); Berth reports values ' +
      'that are not a restart policy (no, always, on-failure[:n], unless-stopped).',
    matches: (codes, stderr, text) =>
      onlyBerth(codes, stderr, ['invalid-value']) &&
      [...text.matchAll(/^\s+restart:[ \t]*(.*)$/gm)].some(
        (m) => !/^(["']?)(no|always|unless-stopped|on-failure(:\d+)?)\1$/.test(m[1].trim()),
      ),
  },
  {
    cause: 'field added to the spec after Compose 2.26',
    reason:
      'Compose 2.26 predates `models`, `provider`, lifecycle hooks, `use_api_socket` and the other fields the ' +
      'current Compose Specification added; its schema rejects them as unknown. The current schema is the reference, ' +
      'and Berth follows it.',
    matches: (codes, stderr) =>
      codes.length === 0 &&
      /Additional property (models|provider|post_start|pre_start|pre_stop|use_api_socket|provenance|sbom|no_cache_filter|interface_name|gw_priority|label_file) is not allowed/.test(
        stderr,
      ),
  },
  {
    cause: 'Compose 2.26 crashes',
    reason:
      'Compose 2.26 panics on some inputs (for instance `extends.service: null`) instead of judging the file: ' +
      'a crash of the oracle, not a verdict.',
    matches: (codes, stderr) => codes.length === 0 && /^panic: /m.test(stderr),
  },
  {
    cause: 'problem lies in another file of the project',
    reason:
      'The oracle loads the whole project (the file and its override); Berth reports each problem in the file ' +
      'where it is written, so the file that is fine has no Error of its own.',
    matches: (codes, stderr, text) => {
      if (codes.length > 0) return false;
      // A service without image or build: this file does not define it as a service (it may hold the name elsewhere,
      // under an x- extension say), so the override defines it alone, and Berth reports it there.
      const bare = /service "([\w.-]+)" has neither an image nor a build/.exec(stderr)?.[1];
      if (bare) return !definesService(text, bare);
      const name =
        /refers to undefined (?:network|volume|config|secret) "?([\w.-]+)"?|depends on undefined service "([\w.-]+)"/
          .exec(stderr)
          ?.slice(1)
          .find(Boolean);
      return !!name && !mentions(text, name);
    },
  },
  {
    cause: 'Compose 2.26 misreads x- network names',
    reason:
      "Compose 2.26 files a network named `x-…` under the section's extensions and then reports the service " +
      'that uses it as referring to an undefined network "#extensions" (not even the name written). The same ' +
      'version loads `x-` names in services, volumes, configs and secrets as real names, and Berth treats networks alike.',
    matches: (codes, stderr, text) =>
      codes.length === 0 &&
      /undefined network #extensions/.test(stderr) &&
      /^networks:\s*\n(\s+.*\n)*?\s+x-/m.test(text),
  },
  {
    cause: 'unknown key in an include entry',
    reason:
      'Compose 2.26 does not check the keys of an `include` entry; the current Compose Specification schema ' +
      'allows only path, env_file and project_directory there (additionalProperties: false), and Berth follows it.',
    matches: (codes, stderr, text) => onlyBerth(codes, stderr, ['unknown-key']) && includeHasUnknownKey(text),
  },
  {
    cause: 'variable that is not set',
    reason:
      'Compose substitutes an empty string for a variable that is not set (or its empty default); the oracle runs with an ' +
      'empty environment. Berth does not guess the value of a variable it cannot see (the shell may set it), so a ' +
      'value that is wrong only when the variable is empty is not an Error in Berth.',
    matches: (codes, stderr, text) => {
      const unset = [...stderr.matchAll(/The \\?"(\w+)\\?" variable is not set/g)].map((m) => m[1]);
      if (codes.length === 0 && unset.length > 0 && unset.some((v) => text.includes(v))) return true;
      // `${VAR:-}` or `${VAR:+x}` with VAR unset give an empty name without a warning: Compose then refers to "", or,
      // where an override file turns the list into a map, names an empty key ("Additional property  is not allowed").
      const emptyName =
        /undefined [\w ]+? (?::|"")/.test(stderr) || /Additional property {2}is not allowed/.test(stderr);
      if (codes.length === 0 && /\$\{\w+:?[-+][^}]*\}/.test(text) && emptyName) return true;
      // `${VAR:?message}`: Berth warns (unset-required-variable) instead of failing, as it cannot see the shell.
      if (codes.length === 0 && /required variable \w+ is missing a value/.test(stderr)) return true;
      // A name that exists only as a variable's default (`${VAR:-8080}`): Berth does not resolve references through it.
      // Merged with an override, Compose reports a network name that is no name (`80:80`) as a schema error instead.
      const name = (/undefined (?:service|network|volume|config|secret) "?([\w.:-]+?)"?(?=:? |:?$)/.exec(stderr) ??
        /extend service .*: service "([^"]+)" not found/.exec(stderr) ??
        /services\.[\w.-]+\.networks Additional property (\S+) is not allowed/.exec(stderr))?.[1];
      return codes.length === 0 && !!name && text.includes(`:-${name}}`);
    },
  },
  {
    cause: 'mount type outside the current spec',
    reason:
      'Compose 2.26 loads a volume mount whose `type` is not a mount type (checked: `type: ""` loads); the current ' +
      'Compose Specification schema allows only bind, volume, tmpfs, cluster, npipe and image, and Berth follows it.',
    matches: (codes, stderr, text) =>
      onlyBerth(codes, stderr, ['invalid-value']) &&
      [...text.matchAll(/^\s+(?:- )?type:[ \t]*(.*)$/gm)].some(
        (m) =>
          !['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'].includes(m[1].trim().replace(/^["']|["']$/g, '')),
      ),
  },
  {
    cause: 'value format compose config does not check',
    reason:
      '`compose config` loads an image reference or a container mount path that the engine will refuse ' +
      '(checked: `image: "UPPER/Case:::"` and `./a:3` load); Berth reports them while editing.',
    matches: (codes, stderr, text) =>
      onlyBerth(codes, stderr, ['invalid-value']) &&
      ([...text.matchAll(/^\s+image:[ \t]*(.*)$/gm)].some(
        (m) => !/^["']?[a-z0-9][a-z0-9._/:@-]*(\$\{[^}]*\}[a-z0-9._/:@-]*)*["']?$/.test(m[1].trim()),
      ) ||
        [...text.matchAll(/^\s+(?:- )?target:[ \t]*(.*)$/gm)].some((m) => !/^["']?\//.test(m[1].trim())) ||
        [...text.matchAll(/^\s+- ["']?[^\s:"']+:([^\s:"']+)/gm)].some(
          (m) => !m[1].startsWith('/') && !/^\d/.test(m[0].trim().slice(2)),
        )),
  },
  {
    cause: 'watch ignore/include as a string',
    reason:
      'Compose 2.26 wants a list for `develop.watch[].ignore` and `include`; the current Compose Specification ' +
      'allows a string or a list (string_or_list), and Berth follows it.',
    matches: (codes, stderr) =>
      codes.length === 0 && /develop\.watch\.\d+\.(ignore|include) must be a list/.test(stderr),
  },
];

/**
 * Whether `text` defines or refers to `name` as Compose names are written: a key (`app:`), a list item (`- app`) or
 * an entry of a flow list (`[app]`). Not a substring: `appx` and `image: acme/app` do not name the service `app`.
 */
function mentions(text: string, name: string): boolean {
  const n = name.replace(/[.]/g, '\\.');
  return new RegExp(`^[ \\t-]*["']?${n}["']?[ \\t]*(:|$)|[[,][ \\t]*["']?${n}["']?[ \\t]*[\\],]`, 'm').test(text);
}

/** Whether a document of `text` defines `name` under `services` (Compose merges them); YAML with errors counts. */
function definesService(text: string, name: string): boolean {
  try {
    const docs = parseAllDocuments(text, { merge: true, uniqueKeys: false, logLevel: 'silent' });
    if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) return true;
    return docs.some((doc) => {
      const services = (doc.toJS() as { services?: unknown } | null)?.services;
      return typeof services === 'object' && services !== null && Object.hasOwn(services, name);
    });
  } catch {
    return true;
  }
}

/** Whether an entry of the top-level `include` list has a key other than path, env_file and project_directory. */
function includeHasUnknownKey(text: string): boolean {
  const block = /^include:\s*\n((?:[ \t]+.*\n?|\s*\n)*)/m.exec(text)?.[1] ?? '';
  return [...block.matchAll(/^[ \t]*(?:- )?([\w.-]+):/gm)].some(
    (m) => !['path', 'env_file', 'project_directory'].includes(m[1]),
  );
}
