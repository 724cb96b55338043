// Oracle layer, daemon.json: dockerd 26's own `--validate` decides whether it accepts a configuration file, and
// Berth must agree: Berth flags the file (its schema, as VS Code's JSON support applies it, or a server check of the
// 'validate' family) ⇔ `dockerd --validate --config-file F` refuses it. Files: seeded mutations of realistic
// configurations, generated with fast-check. Value errors that only dockerd's start catches are the engine layer's.
//   BERTH_ORACLE_DOCKERD=/path/to/dockerd          the binary (run-layer.mjs sets it)
//   BERTH_SEED=N                                   replays an earlier run (its seed is printed)
//   BERTH_ORACLE_DAEMON_JSON=N                     how many files (default 500)
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { DAEMON_OPTIONS, REMOVED_OPTIONS, type DaemonOption } from '../../server/src/daemon-json/options';
import { judgeDaemonJson, refusedByValidate, schemaProblems } from '../support/daemon-json-judge';
import { propertySeed, replayHint } from '../support/property-seed';

const DOCKERD = process.env.BERTH_ORACLE_DOCKERD ?? '';
const COUNT = Number(process.env.BERTH_ORACLE_DAEMON_JSON ?? 500);
const CONCURRENCY = 4;

type Config = Record<string, unknown>;

// Options the generator leaves alone: TLS makes dockerd load certificate files, userland-proxy looks up a binary,
// userns-remap looks up a user and its /etc/subuid ranges (so the verdict is the test machine's, not the file's), and
// hosts/tcp parsing is judged by the unit tests; none of them is about keys and types.
const UNTOUCHED = new Set([
  'tls',
  'tlsverify',
  'tlscacert',
  'tlscert',
  'tlskey',
  'userland-proxy',
  'userland-proxy-path',
  'userns-remap',
  'hosts',
]);
const GENERATED = DAEMON_OPTIONS.filter((o) => !UNTOUCHED.has(o.key));

// Realistic starting points: what people put in daemon.json, from the settings the notes teach.
const BASES: Config[] = [
  { 'registry-mirrors': ['https://mirror.example.com'], 'max-concurrent-downloads': 10 },
  {
    'data-root': '/mnt/docker',
    'log-driver': 'json-file',
    'log-opts': { 'max-size': '10m', 'max-file': '3' },
    'live-restore': true,
  },
  {
    bip: '192.168.200.1/24',
    'default-address-pools': [{ base: '10.201.0.0/16', size: 24 }],
    'insecure-registries': ['harbor.example.com:80'],
    dns: ['223.5.5.5', '8.8.8.8'],
  },
  { proxies: { 'http-proxy': 'http://proxy:3128', 'no-proxy': 'localhost,127.0.0.1' }, debug: true },
  { 'exec-opts': ['native.cgroupdriver=systemd'], 'storage-driver': 'overlay2', labels: ['env=prod', 'team=ops'] },
  { 'default-ulimits': { nofile: { Name: 'nofile', Hard: 65536, Soft: 65536 } }, 'default-shm-size': '128M' },
  { features: { buildkit: true }, builder: { gc: { enabled: true, defaultKeepStorage: '20GB' } }, experimental: false },
  {},
];

/** A value of the option's own type. */
function goodValue(o: DaemonOption): fc.Arbitrary<unknown> {
  if (o.examples?.length) return fc.constantFrom(...o.examples);
  switch (o.kind) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: 0, max: 100 });
    case 'string':
      return o.schema?.enum ? fc.constantFrom(...(o.schema.enum as string[])) : fc.constantFrom('x', '/srv/a', 'v1');
    case 'string-list':
      return fc.constant(['a=b']);
    case 'string-map':
      return fc.constant({ 'max-size': '1m' });
    case 'custom':
      return fc.constant(null);
  }
}

/** A value of another JSON type, or a value of the right type that dockerd parses and refuses. */
function badValue(o: DaemonOption): fc.Arbitrary<unknown> {
  const wrongType = fc.constantFrom<unknown>('3', 1.5, -1, true, ['x'], 'yes', 7);
  const byFormat: Record<string, fc.Arbitrary<unknown>> = {
    ip: fc.constantFrom('not-an-ip', '10.0.0.300', '::1'),
    'ip-list': fc.constantFrom(['dns.google'], ['1.1.1.1', 'x'], '8.8.8.8'),
    'label-list': fc.constantFrom(['nolabel'], ['com.docker.x=1'], ['a=1', 'a=2'], ['a=1', 'a=1']),
    'log-level': fc.constantFrom('verbose', 'DEBUG', 'Warn', 'warning'),
    size: fc.constantFrom('64Q', '1.5g', 64, '10 MB', 'lots'),
    'dns-search-list': fc.constantFrom(['-bad-'], ['example.com.'], ['a..b']),
  };
  return o.format && byFormat[o.format] ? fc.oneof(byFormat[o.format]!, wrongType) : wrongType;
}

const typo = (key: string) =>
  fc.constantFrom(
    key.toUpperCase().slice(0, 1) + key.slice(1),
    key.replace(/-/g, '_'),
    key.endsWith('s') ? key.slice(0, -1) : `${key}s`,
    `${key}x`,
  );

const option = fc.constantFrom(...GENERATED);

/** One mutation of a configuration. */
const mutation: fc.Arbitrary<(c: Config) => Config> = fc.oneof(
  fc.nat().map((n) => (c: Config) => {
    const keys = Object.keys(c);
    if (keys.length === 0) return c;
    const { [keys[n % keys.length]!]: _, ...rest } = c;
    return rest;
  }),
  fc
    .tuple(option, fc.infiniteStream(fc.constant(0)))
    .chain(([o]) => goodValue(o).map((v) => (c: Config) => ({ ...c, [o.key]: v }))),
  option.chain((o) => badValue(o).map((v) => (c: Config) => ({ ...c, [o.key]: v }))),
  option.chain((o) => typo(o.key).chain((k) => goodValue(o).map((v) => (c: Config) => ({ ...c, [k]: v })))),
  fc.constantFrom(...Object.keys(REMOVED_OPTIONS)).map((k) => (c: Config) => ({ ...c, [k]: 'x' })),
  option.map((o) => (c: Config) => ({ ...c, [o.key]: null })),
  fc
    .tuple(fc.constantFrom('proxies', 'network', 'my-group'), option)
    .chain(([g, o]) => goodValue(o).map((v) => (c: Config) => ({ ...c, [g]: { [o.key]: v } }))),
);

const configArb = fc
  .tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([base, ms]) => ms.reduce((c, m) => m(c), base));

function validate(file: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const p = spawn(DOCKERD, ['--validate', '--config-file', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.on('data', (d) => (output += d));
    p.stderr.on('data', (d) => (output += d));
    p.on('close', (code) => resolve({ ok: code === 0, output: output.trim().split('\n').at(-1) ?? '' }));
  });
}

describe('daemon.json: Berth flags ⇔ dockerd --validate refuses', { concurrency: false }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-daemon-json-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`${COUNT} generated files (seed ${propertySeed})`, { timeout: 20 * 60_000 }, async () => {
    assert.ok(DOCKERD, 'BERTH_ORACLE_DOCKERD is not set: run this through `node scripts/run-layer.mjs oracle`');
    const texts = fc.sample(configArb, { numRuns: COUNT, seed: propertySeed }).map((c) => JSON.stringify(c, null, 2));
    let next = 0;
    const disagreements: string[] = [];
    let refused = 0;
    const worker = async (w: number) => {
      const file = path.join(dir, `daemon-${w}.json`);
      for (let i = next++; i < texts.length; i = next++) {
        const text = texts[i]!;
        writeFileSync(file, text);
        const [oracle, verdict] = await Promise.all([validate(file), judgeDaemonJson(text)]);
        const berth = refusedByValidate(verdict);
        if (!oracle.ok) refused++;
        if (berth !== !oracle.ok) {
          const said = [
            ...schemaProblems(verdict).map((d) => d.message),
            ...verdict.checks.filter((c) => c.family === 'validate').map((c) => `${c.code}: ${c.message}`),
          ];
          disagreements.push(
            `#${i} dockerd: ${oracle.ok ? 'accepts' : oracle.output}\n  Berth: ${said.join(' | ') || 'nothing'}\n${text}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    console.log(
      `daemon.json oracle: ${texts.length} files, dockerd refused ${refused}, agreed on ${texts.length - disagreements.length}, seed ${propertySeed}`,
    );
    assert.deepEqual(disagreements, [], replayHint);
  });
});
