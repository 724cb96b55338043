// Diagnostics that depend on other files follow those files: when the client reports a change on disk
// (workspace/didChangeWatchedFiles) the server re-checks every open document; after an edit, the documents that
// read the edited one.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspSession } from '../support/lsp-session';

describe('re-checking open documents when files change on disk', () => {
  let lsp: LspSession;
  let dir: string;
  before(async () => {
    lsp = await LspSession.start();
    dir = mkdtempSync(path.join(tmpdir(), 'berth-watched-'));
  });
  after(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops the unset-variable warning of a compose file once .env defines the variable', async () => {
    const compose = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
    const text = 'services:\n  web:\n    image: "busybox:${TAG:?set TAG in .env}"\n';
    const before = await lsp.openAndWait(compose, 'dockercompose', text);
    assert.ok(
      before.some((d) => d.code === 'unset-required-variable'),
      `got ${JSON.stringify(before.map((d) => d.code))}`,
    );

    writeFileSync(path.join(dir, '.env'), 'TAG=1.36\n');
    const next = lsp.nextDiagnostics(compose);
    await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, '.env')).toString(), type: 1 }],
    });
    const after = await next;
    assert.deepEqual(
      after.filter((d) => d.code === 'unset-required-variable'),
      [],
    );
  });

  it('re-checks an open Dockerfile when its .dockerignore changes (CopyIgnoredFile)', async () => {
    writeFileSync(path.join(dir, 'app.txt'), 'x');
    const dockerfile = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    const first = await lsp.openAndWait(dockerfile, 'dockerfile', 'FROM busybox:1.36\nCOPY app.txt /app.txt\n');
    assert.deepEqual(
      first.filter((d) => d.code === 'CopyIgnoredFile'),
      [],
    );

    writeFileSync(path.join(dir, '.dockerignore'), 'app.txt\n');
    const next = lsp.nextDiagnostics(dockerfile);
    await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, '.dockerignore')).toString(), type: 1 }],
    });
    assert.ok((await next).some((d) => d.code === 'CopyIgnoredFile'));
  });

  it('re-checks open documents that read an edited one, and only those', async () => {
    const sub = path.join(dir, 'edit');
    mkdirSync(sub);
    const dockerfile = pathToFileURL(path.join(sub, 'Dockerfile')).toString();
    const compose = pathToFileURL(path.join(sub, 'compose.yaml')).toString();
    const other = pathToFileURL(path.join(dir, 'other', 'Dockerfile')).toString();
    await lsp.openAndWait(dockerfile, 'dockerfile', 'FROM busybox:1.36 AS runtime\n');
    await lsp.openAndWait(other, 'dockerfile', 'FROM busybox:1.36\n');
    const clean = await lsp.openAndWait(
      compose,
      'dockercompose',
      'services:\n  web:\n    build:\n      context: .\n      target: runtime\n',
    );
    assert.deepEqual(
      clean.filter((d) => d.code === 'unknown-build-target'),
      [],
    );

    // Renaming the stage in the open (unsaved) Dockerfile makes the compose file's target wrong…
    const composeNext = lsp.nextDiagnostics(compose);
    const otherNext = lsp.nextDiagnostics(other, 1000);
    await lsp.openAndWait(dockerfile, 'dockerfile', 'FROM busybox:1.36 AS final\n');
    assert.ok((await composeNext).some((d) => d.code === 'unknown-build-target'));
    // …while a Dockerfile that reads neither is left alone.
    await assert.rejects(otherNext, /no diagnostics/);
  });
});
