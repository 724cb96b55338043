// Compose diagnostics through the real LSP session (dist/server.js --stdio), on files written to disk so that the
// server's own file access serves the override file, the .env, the Dockerfile and the env files.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp-session';

const COMPOSE = `services:
  web:
    build:
      context: ./web
      target: runtim
      args:
        VERSION: \${VERSION:?set VERSION}
        UNUSED: "1"
    ports: ["\${PORT:-8080}:80"]
    restart: unless-stoped
    depends_on: [db, queue]
    networks: [front]
    env_file: [web.env, {path: local.env, required: false}]
  db:
    image: postgres:16
    ports: ["8080:5432"]
networks:
  front:
  spare:
`;

const summary = (d: Diagnostic[]) => d.map((x) => `${x.range.start.line}:${String(x.code)}:${x.severity}`).sort();

describe('compose diagnostics over LSP', () => {
  let lsp: LspSession;
  let dir: string;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-compose-diag-'));
    mkdirSync(path.join(dir, 'web'));
    writeFileSync(path.join(dir, 'web', 'Dockerfile'), 'FROM busybox AS build\nARG VERSION\nFROM busybox AS runtime\n');
    writeFileSync(path.join(dir, 'web.env'), 'A=1\n');
    writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    writeFileSync(path.join(dir, 'compose.override.yaml'), 'services:\n  queue:\n    image: rabbitmq:3\n');
    lsp = await LspSession.start({ compose: { rules: { 'unused-definition': 'warning', 'port-conflict': 'off' } } });
  });
  after(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every finding with its code, severity from settings, and data for quick fixes', async () => {
    const diags = await lsp.openAndWait(uri('compose.yaml'), 'dockercompose', COMPOSE);
    assert.deepEqual(summary(diags), [
      '18:unused-definition:2', // raised from hint by berth.compose.rules
      '4:unknown-build-target:1',
      '6:unset-required-variable:2',
      '7:undeclared-build-arg:2',
      '9:invalid-value:1',
    ]);
    const target = diags.find((d) => d.code === 'unknown-build-target')!;
    assert.equal((target.data as { suggestion: string }).suggestion, 'runtime');
    assert.deepEqual(target.range, { start: { line: 4, character: 14 }, end: { line: 4, character: 20 } });
    const restart = diags.find((d) => d.code === 'invalid-value')!;
    assert.match(String(restart.message), /Did you mean "unless-stopped"/);
  });

  it('knows services of the override file and reports undefined ones as the user types', async () => {
    const edited = COMPOSE.replace('depends_on: [db, queue]', 'depends_on: [db, queue, cache]');
    const diags = await lsp.openAndWait(uri('compose.yaml'), 'dockercompose', edited);
    const missing = diags.filter((d) => d.code === 'undefined-service');
    assert.equal(missing.length, 1);
    assert.deepEqual(missing[0].data, { kind: 'service', name: 'cache' });
  });

  it('reads the .env next to the compose file for required variables', async () => {
    writeFileSync(path.join(dir, '.env'), 'VERSION=1.0\n');
    const diags = await lsp.openAndWait(uri('compose.yaml'), 'dockercompose', COMPOSE + '\n');
    assert.ok(!diags.some((d) => d.code === 'unset-required-variable'), JSON.stringify(diags));
  });

  it("reports YAML syntax errors with the parser's range and nothing else", async () => {
    const diags = await lsp.openAndWait(uri('broken.yaml'), 'dockercompose', 'services:\n  web:\n    image: [nginx\n');
    assert.ok(
      diags.length > 0 && diags.every((d) => d.code === 'yaml-syntax' && d.severity === 1),
      JSON.stringify(diags),
    );
  });
});
