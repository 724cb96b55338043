// Files that documents name are read only when they are plain local files: a device, a FIFO or /dev/stdin would
// block or exhaust the server (it once hung for good on `include: [/dev/stdin]` and aborted on `/dev/zero`).
// Through the real server over stdio, each refusal must arrive as a diagnostic, promptly, and the server must go on.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspSession } from '../support/lsp-session';

describe('files named by documents, over LSP', () => {
  let lsp: LspSession;
  let dir: string;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-hostile-'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    writeFileSync(path.join(dir, 'big.env'), 'A=1\n'.repeat(600_000)); // 2.4 MB
    lsp = await LspSession.start();
  });
  after(async () => {
    await lsp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses devices, FIFOs and oversized files with a diagnostic that says why, within a second each', async () => {
    const text = [
      'include:',
      '  - /dev/stdin',
      '  - ./pipe.yaml',
      'services:',
      '  a:',
      '    image: busybox',
      '    env_file: [./big.env]',
      '    extends: { file: /dev/zero, service: b }',
      '',
    ].join('\n');
    const t = performance.now();
    const diags = await lsp.openAndWait(uri('compose.yaml'), 'dockercompose', text, 10_000);
    const took = performance.now() - t;
    const refusals = diags
      .filter((d) => d.code === 'unreadable-file')
      .map((d) => `${d.range.start.line}: ${d.message}`);
    assert.deepEqual(refusals.map((r) => r.split(':')[0]).sort(), ['1', '2', '6', '7'], refusals.join('\n'));
    assert.ok(refusals.find((r) => r.startsWith('1:'))!.includes('not a regular file'));
    assert.ok(refusals.find((r) => r.startsWith('6:'))!.includes('larger than 2 MB'));
    assert.ok(took < 4000, `diagnostics took ${took.toFixed(0)} ms`);
    // The server still answers.
    const again = await lsp.openAndWait(uri('compose.yaml'), 'dockercompose', 'services:\n  a:\n    image: busybox\n');
    assert.deepEqual(
      again.filter((d) => d.severity === 1),
      [],
    );
  });

  it('reads no .dockerignore that is a FIFO beside a Dockerfile', async () => {
    execFileSync('mkfifo', [path.join(dir, '.dockerignore')]);
    const diags = await lsp.openAndWait(uri('Dockerfile'), 'dockerfile', 'FROM busybox\nCOPY a /a\n', 5000);
    assert.ok(Array.isArray(diags));
  });
});
