// .hadolint.yaml as hadolint reads it: ignored, override, trustedRegistries, label-schema, strict-labels,
// failure-threshold, disable-ignore-pragma; the file found beside the Dockerfile or above it (stopping at the
// repository root); its effect on the diagnostics; and `# hadolint global ignore=` in the Dockerfile.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validateDockerfile } from '../../server/src/dockerfile/diagnostics';
import {
  findHadolintConfig,
  hadolintConfigFor,
  hadolintDiagnosticsOptions,
  parseHadolintConfig,
} from '../../server/src/dockerfile/rules/hadolint-config';

const CONFIG = `
ignored:
  - DL3007
  - SC2086
override:
  error:
    - DL3001
  warning: [DL3047]
  info:
    - DL3059
  style:
    - DL3003
trustedRegistries:
  - docker.io
  - "*.corp.example"
label-schema:
  maintainer: text
  org.opencontainers.image.source: url
strict-labels: true
failure-threshold: warning
`;

describe('.hadolint.yaml', () => {
  it('reads every key hadolint reads', () => {
    const c = parseHadolintConfig(CONFIG);
    assert.deepEqual(c.severities, {
      DL3007: 'off',
      SC2086: 'off',
      DL3001: 'error',
      DL3047: 'warning',
      DL3059: 'info',
      DL3003: 'hint',
    });
    assert.deepEqual(c.rules, {
      trustedRegistries: ['docker.io', '*.corp.example'],
      labelSchema: { maintainer: 'text', 'org.opencontainers.image.source': 'url' },
      strictLabels: true,
    });
    assert.equal(c.failureThreshold, 'warning');
    assert.equal(c.disableIgnorePragma, false);
    assert.deepEqual(c.problems, []);
  });

  it('lets ignored win over override, and maps none to off', () => {
    const c = parseHadolintConfig('override:\n  warning: [DL3008]\nignored: [DL3008]\nfailure-threshold: none\n');
    assert.equal(c.severities.DL3008, 'off');
    assert.equal(c.failureThreshold, 'ignore');
  });

  it('reports what it cannot use instead of throwing', () => {
    assert.equal(parseHadolintConfig('').problems.length, 0);
    assert.match(parseHadolintConfig('ignored: [DL3008\n').problems[0], /not valid YAML/);
    assert.match(parseHadolintConfig('- a\n- b\n').problems[0], /mapping/);
    const c = parseHadolintConfig('override:\n  fatal: [DL1]\nlabel-schema:\n  a: number\nfailure-threshold: loud\n');
    assert.equal(c.problems.length, 3, JSON.stringify(c.problems));
  });

  it('changes the diagnostics: ignored, overrides, trusted registries, label schema, strict labels', () => {
    const opts = hadolintDiagnosticsOptions(parseHadolintConfig(CONFIG), { DL3059: 'off' });
    const text =
      'FROM alpine:latest\nFROM ghcr.io/x/y:1\nLABEL maintainer="" extra=1\nRUN ps\nRUN cd /x\nRUN wget http://x\n';
    const ds = validateDockerfile(text, opts);
    const byCode = new Map(ds.map((d) => [String(d.code), d]));
    assert.ok(!byCode.has('DL3007'), 'ignored');
    assert.equal(byCode.get('DL3001')?.severity, 1, 'override error');
    assert.equal(byCode.get('DL3047')?.severity, 2, 'override warning');
    assert.equal(byCode.get('DL3003')?.severity, 4, 'override style is a hint');
    assert.ok(!byCode.has('DL3059'), 'berth.dockerfile.rules wins over the file');
    assert.ok(byCode.has('DL3026'), 'ghcr.io is not trusted');
    assert.ok(byCode.has('DL3051'), 'maintainer is empty');
    assert.ok(byCode.has('DL3050'), 'extra is not in the schema');
    assert.ok(byCode.has('DL3049'), 'the first stage has no maintainer label');
  });

  it('disable-ignore-pragma makes # hadolint ignore= comments suppress nothing', () => {
    const text = '# hadolint ignore=DL3006\nFROM alpine\n';
    assert.ok(!validateDockerfile(text).some((d) => d.code === 'DL3006'));
    const opts = hadolintDiagnosticsOptions(parseHadolintConfig('disable-ignore-pragma: true\n'), {});
    assert.ok(validateDockerfile(text, opts).some((d) => d.code === 'DL3006'));
  });

  it('honours # hadolint global ignore= anywhere in the file, for DL and SC codes alike', () => {
    const text = 'FROM alpine\nRUN cd /x\n# hadolint global ignore=DL3006,DL3003\n';
    const codes = validateDockerfile(text).map((d) => d.code);
    assert.ok(!codes.includes('DL3006') && !codes.includes('DL3003'), JSON.stringify(codes));
    assert.ok(validateDockerfile('FROM alpine\n').some((d) => d.code === 'DL3006'));
  });
});

describe('finding .hadolint.yaml', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'berth-hadolint-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const read = (uri: string) => {
    const p = fileURLToPath(uri);
    return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  };
  const exists = (uri: string) => existsSync(fileURLToPath(uri));
  const file = (...parts: string[]) => path.join(root, ...parts);
  const uriOf = (p: string) => pathToFileURL(p).href;

  it('takes the nearest one, .yaml before .yml, walking up to the repository root and no further', () => {
    mkdirSync(file('repo', '.git'), { recursive: true });
    mkdirSync(file('repo', 'svc', 'api'), { recursive: true });
    writeFileSync(file('.hadolint.yaml'), 'ignored: [OUTSIDE]\n');
    writeFileSync(file('repo', '.hadolint.yml'), 'ignored: [REPO]\n');
    const api = uriOf(file('repo', 'svc', 'api', 'Dockerfile'));
    assert.equal(findHadolintConfig(api, read, (f) => exists(`${f}/.git`))?.uri, uriOf(file('repo', '.hadolint.yml')));
    writeFileSync(file('repo', 'svc', '.hadolint.yml'), 'ignored: [SVC_YML]\n');
    writeFileSync(file('repo', 'svc', '.hadolint.yaml'), 'ignored: [SVC]\n');
    assert.deepEqual(hadolintConfigFor(api, read, exists).severities, { SVC: 'off' });
    rmSync(file('repo', '.hadolint.yml'));
    rmSync(file('repo', 'svc', '.hadolint.yaml'));
    rmSync(file('repo', 'svc', '.hadolint.yml'));
    assert.equal(
      findHadolintConfig(api, read, (f) => exists(`${f}/.git`)),
      undefined,
      'stops at .git',
    );
    assert.deepEqual(hadolintConfigFor(api, read, exists).severities, {});
  });

  it('stops at the workspace folder when given, and reads only file: URIs', () => {
    mkdirSync(file('ws', 'a'), { recursive: true });
    writeFileSync(file('.hadolint.yaml'), 'ignored: [OUTSIDE]\n');
    const df = uriOf(file('ws', 'a', 'Dockerfile'));
    assert.equal(
      findHadolintConfig(df, read, () => false, uriOf(file('ws'))),
      undefined,
    );
    assert.equal(findHadolintConfig(df, read, () => false)?.uri, uriOf(file('.hadolint.yaml')));
    assert.equal(
      findHadolintConfig('untitled:Untitled-1', read, () => false),
      undefined,
    );
  });
});
