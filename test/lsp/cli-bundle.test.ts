// The built `berth` command (dist/cli.js, package.json bin) runs standalone and prints what the in-process CLI does:
// the golden JSON of test/unit/cli/lint-cli.test.ts, exit status 1 for the project's Errors.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');
const PROJECT = path.join(ROOT, 'test/fixtures/cli/project');

describe('berth command (dist/cli.js)', () => {
  it('is the package bin, and lints a project like the in-process CLI', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.equal(pkg.bin.berth, './dist/cli.js');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'lint', '--format', 'json'], {
      cwd: PROJECT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    const out = r.stdout.split(pathToFileURL(ROOT).href).join('file:///ROOT');
    assert.equal(out, readFileSync(path.join(ROOT, 'test/fixtures/cli/golden/project.json.json'), 'utf8'));
  });

  it('answers --help with exit 0 and an unknown command with exit 2', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { encoding: 'utf8' });
    const help = cli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: berth lint/);
    assert.equal(cli(['frobnicate']).status, 2);
  });
});
