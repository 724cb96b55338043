// Oracle layer: the real Compose v2 (`docker-compose config -q`, from Debian trixie, see scripts/oracle.sh) decides
// whether a file loads, and Berth must agree: Berth reports an Error ⇔ Compose rejects the file. Files: the project's
// corpora and seeded mutations of its valid files. A disagreement is either fixed in Berth or explained by an entry
// of ./compose-allowlist.ts; anything else fails the test with the file, Berth's codes and Compose's stderr.
//   BERTH_ORACLE_COMPOSE=/path/to/docker-compose   the binary (run-layer.mjs sets it)
//   BERTH_SEED=N                                   replays the mutations of an earlier run (its seed is printed)
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { propertySeed, replayHint } from '../support/property-seed';
import { parse, stringify } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { composeDiagnostics } from '../../server/src/compose/diagnostics';
import { projectFileUris } from '../../server/src/compose/env';
import { parseCompose } from '../../server/src/compose/parse/document';
import { diskFiles } from '../unit/compose/helpers';
import { COMPOSE_ALLOWLIST } from './compose-allowlist';
import { skipOutsideCi } from '../support/skip-outside-ci';
import { judgeAll, logTally, tally } from './verdicts';
import { filesUnder } from '../support/files-under';

const ROOT = path.resolve(__dirname, '../..');
const COMPOSE = process.env.BERTH_ORACLE_COMPOSE ?? '';
if (!COMPOSE)
  skipOutsideCi('the Compose oracle', 'BERTH_ORACLE_COMPOSE is not set (run through scripts/run-layer.mjs oracle)');
const COMPOSE_NAME = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;
const VARIANT = /^(docker-)?compose\.[^.]+\.ya?ml$/;
const CONCURRENCY = 2;
const MUTATIONS = Number(process.env.BERTH_ORACLE_MUTATIONS ?? 320);

interface Case {
  label: string;
  dir: string;
  name: string;
  text: string;
}
interface Verdict {
  c: Case;
  codes: string[];
  messages: string[];
  berthError: boolean;
  oracleError: boolean;
  stderr: string;
}

const composeFilesUnder = (dir: string): string[] => filesUnder(dir, (name) => COMPOSE_NAME.test(name));

function corpusCases(): Case[] {
  return [
    ...composeFilesUnder(path.join(ROOT, 'test/fixtures/compose-corpus')),
    ...composeFilesUnder(path.join(ROOT, 'examples')),
  ].map((f) => ({
    label: path.relative(ROOT, f),
    dir: path.dirname(f),
    name: path.basename(f),
    text: readFileSync(f, 'utf8'),
  }));
}

// ── Mutations of valid corpus files ─────────────────────────────────────────────────────────────────────────────

type Doc = Record<string, unknown>;
/** How the generator reads YAML: Compose's tags (!reset, !override) are dropped quietly, duplicates never throw. */
const PARSE = { merge: true, uniqueKeys: false, logLevel: 'silent' } as const;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SECTIONS = ['services', 'networks', 'volumes', 'configs', 'secrets'] as const;

/** Every path to a value in the document (maps and lists), for the generic mutations. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (at.length) out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (isObj(v)) for (const k of Object.keys(v)) paths(v[k], [...at, k], out);
  return out;
}
function parentOf(
  doc: Doc,
  p: (string | number)[],
): { parent: Record<string | number, unknown>; key: string | number } {
  let cur: unknown = doc;
  for (const k of p.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[k];
  return { parent: cur as Record<string | number, unknown>, key: p[p.length - 1] };
}
const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);
function services(doc: Doc): Record<string, Record<string, unknown>> {
  if (!isObj(doc.services)) doc.services = {};
  return doc.services as Record<string, Record<string, unknown>>;
}
function aService(doc: Doc, n: number): Record<string, unknown> {
  const s = services(doc);
  const name = pick(
    Object.keys(s).filter((k) => isObj(s[k])),
    n,
  );
  if (name) return s[name];
  return (s.added = { image: 'alpine' });
}
function section(doc: Doc, kind: string): Record<string, unknown> {
  if (!isObj(doc[kind])) doc[kind] = {};
  return doc[kind] as Record<string, unknown>;
}

const RETYPE_VALUES: unknown[] = [42, 'text', true, null, [], {}, ['a'], { a: 1 }, 1.5, -1, '', 'yes'];
const INTERPOLATIONS = [
  '${UNSET_VAR}',
  '${UNSET_VAR:-8080}',
  '${UNSET_VAR:-true}',
  '${UNSET_VAR:-}',
  '${UNSET_VAR:?needed}',
  '${SET_IN_ENV:-x}',
  '$${LITERAL}',
  '${UNSET_VAR-1.5}',
  '${UNSET_VAR:+set}',
  '${UNSET_VAR:-80:80}',
  '${',
  '${UNSET VAR}',
  '$UNSET_VAR',
  '${UNSET_VAR:-${NESTED:-3}}',
];

/** Object-level mutations: each gets two random numbers to choose what to touch. Returns a textual marker when the
 * mutation can only be expressed in the text (numeric keys, duplicates, several documents, an empty file). */
type Textual = { kind: 'numeric-key' | 'numeric-env-key' | 'duplicate-line' | 'multi-document' | 'empty'; n: number };
const MUTATORS: Record<string, (doc: Doc, a: number, b: number) => Textual | void> = {
  dropKey: (doc, a) => {
    const p = pick(
      paths(doc).filter((x) => typeof x[x.length - 1] === 'string'),
      a,
    );
    if (p) {
      const { parent, key } = parentOf(doc, p);
      delete parent[key];
    }
  },
  retype: (doc, a, b) => {
    const p = pick(paths(doc), a);
    if (p) {
      const { parent, key } = parentOf(doc, p);
      parent[key] = structuredClone(pick(RETYPE_VALUES, b));
    }
  },
  renameKey: (doc, a, b) => {
    const p = pick(
      paths(doc).filter((x) => typeof x[x.length - 1] === 'string'),
      a,
    );
    if (!p) return;
    const { parent, key } = parentOf(doc, p);
    const to = pick(
      [`${key}x`, String(key).toUpperCase(), 'image', 'x-extra', 'build', 'ports', 'name', `${key}_`],
      b,
    )!;
    if (to in parent) return;
    parent[to] = parent[key];
    delete parent[key];
  },
  interpolate: (doc, a, b) => {
    const p = pick(paths(doc), a);
    if (p) {
      const { parent, key } = parentOf(doc, p);
      parent[key] = pick(INTERPOLATIONS, b);
    }
  },
  dependsOnMissing: (doc, a, b) => {
    const s = aService(doc, a);
    s.depends_on = b % 2 ? ['no-such-service'] : { 'no-such-service': { condition: 'service_started' } };
  },
  undefinedNetwork: (doc, a) => {
    aService(doc, a).networks = ['no-such-network'];
  },
  undefinedVolume: (doc, a) => {
    aService(doc, a).volumes = ['no-such-volume:/data'];
  },
  xNameInSection: (doc, a, b) => {
    const kind = pick(SECTIONS, a)!;
    const body =
      kind === 'services'
        ? { image: 'alpine' }
        : kind === 'configs' || kind === 'secrets'
          ? { environment: 'HOME' }
          : b % 2
            ? {}
            : null;
    section(doc, kind)[`x-${pick(['extra', 'common', 'tools'], b)}`] = body;
  },
  networkModeAndNetworks: (doc, a, b) => {
    const s = aService(doc, a);
    s.network_mode = pick(['host', 'none', 'bridge'], b);
    s.networks = ['default'];
  },
  externalWithDriver: (doc, a, b) => {
    const kind = pick(['networks', 'volumes'], a)!;
    section(doc, kind)[`ext${a % 3}`] = {
      external: true,
      ...pick([{ driver: 'local' }, { driver_opts: { o: 'bind' } }, { labels: { a: 'b' } }, {}], b),
    };
  },
  nameAndExternalName: (doc, a) => {
    const kind = pick(['networks', 'volumes'], a)!;
    section(doc, kind).ext = { name: 'one', external: { name: 'two' } };
  },
  bindEmptySource: (doc, a, b) => {
    aService(doc, a).volumes = [
      pick([{ type: 'bind', source: '', target: '/data' }, { type: 'bind', target: '/data' }, ':/data'], b),
    ];
  },
  gpus: (doc, a, b) => {
    const device = pick(
      [
        { capabilities: ['gpu'], count: 'many' },
        { capabilities: ['gpu'], count: 1, device_ids: ['0'] },
        { count: 1 },
        { capabilities: ['gpu'], count: 'all' },
        { capabilities: ['gpu'], device_ids: ['0', '1'] },
        { capabilities: ['gpu'], count: -1 },
      ],
      b,
    );
    aService(doc, a).deploy = { resources: { reservations: { devices: [device] } } };
  },
  includeCycle: (doc) => {
    doc.include = ['compose.yaml'];
  },
  serviceNamed123: (_doc, a) => ({ kind: 'numeric-key', n: a }),
  numericEnvKey: (doc, a) => {
    aService(doc, a).environment = { BERTH_NUMERIC_KEY: 'x' };
    return { kind: 'numeric-env-key', n: a };
  },
  duplicateKey: (_doc, a) => ({ kind: 'duplicate-line', n: a }),
  multiDocument: (_doc, a) => ({ kind: 'multi-document', n: a }),
  emptyFile: (_doc, a) => ({ kind: 'empty', n: a }),
};

function applyTextual(text: string, t: Textual): string {
  switch (t.kind) {
    case 'empty':
      return pick(['', '\n', '# nothing\n', '---\n'], t.n)!;
    case 'numeric-key':
      return text.replace(/^services:\s*\n/m, (m) => `${m}  123:\n    image: alpine\n`);
    case 'numeric-env-key':
      return text.replace(/BERTH_NUMERIC_KEY:/g, '123:');
    case 'duplicate-line': {
      const lines = text.split('\n');
      const keyLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w.-]+:\s*\S/.test(l));
      const hit = pick(keyLines, t.n);
      if (hit) lines.splice(hit[1] + 1, 0, hit[0]);
      return lines.join('\n');
    }
    case 'multi-document': {
      let doc: unknown;
      try {
        doc = parse(text, PARSE);
      } catch {
        return text;
      }
      if (!isObj(doc)) return text;
      const keys = Object.keys(doc);
      const second =
        t.n % 2
          ? { services: { extra: { image: 'alpine' } } }
          : Object.fromEntries(keys.slice(Math.floor(keys.length / 2)).map((k) => [k, doc[k]]));
      const first =
        t.n % 2 ? doc : Object.fromEntries(keys.slice(0, Math.floor(keys.length / 2)).map((k) => [k, doc[k]]));
      return `${stringify(first)}---\n${stringify(second)}`;
    }
  }
}

const MUTATOR_NAMES = Object.keys(MUTATORS);
const mutationArb = (sources: number) =>
  fc.record({
    source: fc.nat(sources - 1),
    ops: fc.array(fc.tuple(fc.constantFrom(...MUTATOR_NAMES), fc.nat(), fc.nat()), { minLength: 1, maxLength: 2 }),
  });

function mutatedCases(sources: Case[]): Case[] {
  const samples = fc.sample(mutationArb(sources.length), { seed: propertySeed, numRuns: MUTATIONS });
  return samples.map(({ source, ops }, i) => {
    const src = sources[source];
    const doc = parse(src.text, PARSE) as Doc;
    const textual: Textual[] = [];
    for (const [op, a, b] of ops) {
      const t = MUTATORS[op](doc, a, b);
      if (t) textual.push(t);
    }
    let text = stringify(doc);
    for (const t of textual) text = applyTextual(text, t);
    return {
      ...src,
      label: `mutation #${i} of ${src.label}: ${ops.map(([op, a, b]) => `${op}(${a},${b})`).join(' + ')}`,
      text,
    };
  });
}

// ── Running both sides ─────────────────────────────────────────────────────────────────────────────────────────

const work = mkdtempSync(path.join(tmpdir(), 'berth-oracle-'));
const home = path.join(work, 'home');
mkdirSync(home);
after(() => rmSync(work, { recursive: true, force: true }));

/** The compose files loaded together, in Compose's order (base first): the same project Berth reads. */
function projectFiles(folder: string, name: string): string[] {
  const uri = pathToFileURL(path.join(folder, name)).toString();
  const all = projectFileUris(uri, diskFiles()).map((u) => path.basename(new URL(u).pathname));
  const self = all.shift()!;
  return VARIANT.test(self) ? [...all, self] : [self, ...all];
}

function runOracle(folder: string, names: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    // Every profile active: Berth checks the services of all profiles, and `config` skips inactive ones entirely.
    const args = [...names.flatMap((n) => ['-f', n]), '--profile', '*', 'config', '-q'];
    const child = spawn(COMPOSE, args, {
      cwd: folder,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, COMPOSE_PROJECT_NAME: 'berth-oracle' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stderr: stderr.trim() });
    });
  });
}

async function judge(c: Case, i: number): Promise<Verdict> {
  const folder = path.join(work, `case-${i}`);
  cpSync(c.dir, folder, { recursive: true });
  writeFileSync(path.join(folder, c.name), c.text);
  const uri = pathToFileURL(path.join(folder, c.name)).toString();
  const diags = composeDiagnostics(parseCompose(c.text, uri), diskFiles(), { withProcessEnv: false });
  const errorDiags = diags.filter((d) => d.severity === DiagnosticSeverity.Error);
  const errors = errorDiags.map((d) => String(d.code));
  const oracle = await runOracle(folder, projectFiles(folder, c.name));
  rmSync(folder, { recursive: true, force: true });
  return {
    c,
    codes: [...new Set(errors)].sort(),
    messages: errorDiags.map((d) => `${d.code} (line ${d.range.start.line + 1}): ${d.message}`),
    berthError: errors.length > 0,
    oracleError: oracle.code !== 0,
    stderr: oracle.stderr,
  };
}

/** Compose's stderr without its `level=warning` lines (deprecations, unset variables): the reason it rejected the file. */
function withoutWarnings(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => !/level=warning/.test(l) && l.trim())
    .join('\n    ');
}

describe('Compose oracle: Berth reports an Error ⇔ docker compose config rejects the file', { skip: !COMPOSE }, () => {
  it('agrees on the corpora and on seeded mutations of the valid files', { timeout: 600_000 }, async () => {
    console.log(`[oracle] seed ${propertySeed} (${replayHint}), ${MUTATIONS} mutations`);
    const corpus = corpusCases();
    const sources = corpus.filter((c) => !c.label.includes('/broken/'));
    const verdicts = await judgeAll([...corpus, ...mutatedCases(sources)], CONCURRENCY, judge);

    const counted = tally(verdicts, (v) => [
      COMPOSE_ALLOWLIST.find((e) => e.matches(v.codes, v.oracleError ? v.stderr : '', v.c.text))?.cause,
    ]);
    const { agreements, unexplained } = counted;
    console.log(
      `[oracle] compose: ${verdicts.length} files, ${agreements} agreements, ${verdicts.length - agreements} disagreements`,
    );
    logTally(counted);
    for (const v of unexplained) {
      console.log(
        `\n[oracle] DISAGREEMENT on ${v.c.label}\n  Berth: ${v.berthError ? `Error ${v.messages.join('\n    ')}` : 'no Error'}` +
          `\n  compose: ${v.oracleError ? `rejects: ${withoutWarnings(v.stderr)}` : 'loads the file'}\n  ---- file ----\n${v.c.text}\n  --------------`,
      );
    }
    assert.equal(
      unexplained.length,
      0,
      `${unexplained.length} disagreements between Berth and docker compose are neither fixed nor allowlisted (see above; ${replayHint})`,
    );
  });
});
