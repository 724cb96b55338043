// `berth lint` on a small project (test/fixtures/cli/project): golden output for each format, the SARIF validated
// against the official SARIF 2.1.0 schema, exit codes for --fail-on, and how files are found.
// Golden files were written by running the CLI (BERTH_UPDATE_GOLDEN=1 rewrites them) and checked by reading them.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { runLint } from '../../../server/src/cli/main';
import { formatGithub } from '../../../server/src/cli/formats';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

const ROOT = path.resolve(__dirname, '../../..');
const PROJECT = path.join(ROOT, 'test/fixtures/cli/project');
const GOLDEN = path.join(ROOT, 'test/fixtures/cli/golden');
const UPDATE = process.env.BERTH_UPDATE_GOLDEN === '1';

async function run(args: string[], cwd = PROJECT): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runLint(args, { cwd, stdout: (t) => (out += t), stderr: (t) => (err += t) });
  // Absolute locations (the checkout's README in help links, the project folder in SARIF) differ per machine.
  out = out.split(pathToFileURL(ROOT).href).join('file:///ROOT');
  return { code, out, err };
}

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs (BERTH_UPDATE_GOLDEN=1 rewrites it; then read it)`);
}

describe('berth lint', () => {
  for (const [format, ext] of [
    ['text', 'txt'],
    ['json', 'json'],
    ['sarif', 'sarif'],
    ['github', 'txt'],
  ] as const) {
    it(`--format ${format} matches its golden output, exit 1 on Errors`, async () => {
      const { code, out, err } = await run(['--format', format]);
      assert.equal(err, '');
      assert.equal(code, 1);
      golden(`project.${format}.${ext}`, out);
    });
  }

  it('writes SARIF that the SARIF 2.1.0 schema accepts, each rule with a help URI', async () => {
    const { out } = await run(['--format', 'sarif']);
    const log = JSON.parse(out) as {
      runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleIndex: number }[] }[];
    };
    // The schema's own patterns are written for JavaScript's non-unicode regular expressions.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const { rules } = log.runs[0].tool.driver;
    assert.ok(rules.length >= 5);
    for (const r of rules) assert.match(r.helpUri ?? '', /^(https:|file:)/, r.id);
    for (const res of log.runs[0].results) assert.ok(rules[res.ruleIndex]);
    // The schema is strict enough to refuse a broken log.
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
  });

  it('exits 0 when nothing reaches --fail-on, 1 when something does', async () => {
    assert.equal((await run(['--fail-on', 'none'])).code, 0);
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-lint-'));
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20 AS build\nRUN true\nCMD run\n');
      const warningsOnly = await run([], dir);
      assert.match(warningsOnly.out, /JSONArgsRecommended/);
      assert.equal(warningsOnly.code, 0, 'warnings do not fail by default');
      assert.equal((await run(['--fail-on', 'warning'], dir)).code, 1);
      assert.equal((await run(['--fail-on', 'warning', '--rule', 'JSONArgsRecommended=off'], dir)).code, 0);
      writeFileSync(path.join(dir, '.berth.json'), '{ "failOn": "warning" }');
      assert.equal((await run([], dir)).code, 1, '.berth.json sets failOn');
      assert.equal((await run(['--fail-on', 'error'], dir)).code, 0, 'the flag wins over .berth.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes files, folders and globs, and names a file it cannot find', async () => {
    const files = async (args: string[]) =>
      (JSON.parse((await run(['--format', 'json', ...args])).out) as { files: { path: string; language: string }[] })
        .files;
    assert.deepEqual(
      (await files(['web/*'])).map((f) => `${f.path}:${f.language}`),
      ['web/.dockerignore:dockerignore', 'web/Dockerfile:dockerfile'],
    );
    assert.deepEqual(
      (await files(['compose.yaml'])).map((f) => f.path),
      ['compose.yaml'],
    );
    assert.deepEqual(
      (await files([])).map((f) => f.path),
      ['compose.override.yaml', 'compose.yaml', 'web/.dockerignore', 'web/Dockerfile'],
      'a folder: Compose files with their override, Dockerfiles and ignore files, nothing else',
    );
    const missing = await run(['nope/Dockerfile']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\/Dockerfile: no such file or folder/);
  });

  it('reads .berth.json: severities per code, in its own shape or VS Code spelling', async () => {
    const { out } = await run(['--format', 'json']);
    assert.doesNotMatch(out, /"code": "DL3018"/, '.berth.json turns DL3018 off');
    const overridden = await run(['--format', 'json', '--rule', 'StageNameCasing=error']);
    assert.match(overridden.out, /"severity": "error",\s+"code": "StageNameCasing"/);
  });

  it('reads the nearest .hadolint.yaml for Dockerfiles: ignored rules and its failure-threshold', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-lint-'));
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine\nCMD run\n');
      const plain = await run(['--format', 'json'], dir);
      assert.match(plain.out, /"code": "DL3006"/);
      assert.equal(plain.code, 0);
      writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3006]\nfailure-threshold: warning\n');
      const tuned = await run(['--format', 'json'], dir);
      assert.doesNotMatch(tuned.out, /"code": "DL3006"/);
      assert.equal(tuned.code, 1, 'failure-threshold: warning fails on the JSONArgsRecommended warning');
      assert.equal((await run(['--fail-on', 'error'], dir)).code, 0, '--fail-on wins over failure-threshold');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad flags with exit 2', async () => {
    assert.equal((await run(['--format', 'xml'])).code, 2);
    assert.equal((await run(['--fail-on', 'fatal'])).code, 2);
    assert.equal((await run(['--rule', 'X'])).code, 2);
    assert.equal((await run(['--bogus'])).code, 2);
  });

  it('escapes GitHub workflow commands', () => {
    const out = formatGithub(
      [
        {
          file: path.join(PROJECT, 'a,b:c'),
          language: 'dockerfile',
          diagnostics: [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
              severity: DiagnosticSeverity.Information,
              code: 'X',
              message: '100% sure\nsecond line',
            },
          ],
        },
      ],
      PROJECT,
    );
    assert.equal(
      out.split('\n')[0],
      '::notice file=a%2Cb%3Ac,line=1,col=1,endLine=1,endColumn=4,title=berth X::100%25 sure%0Asecond line',
    );
  });
});
