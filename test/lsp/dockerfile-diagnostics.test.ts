// Dockerfile diagnostics through the real stdio server: codes, links, severities from initializationOptions and
// workspace/didChangeConfiguration, inline suppression, and the .dockerignore next to the Dockerfile on disk.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ENGINE_IMAGES_NOTIFICATION } from '../../server/src/protocol';
import { LspSession } from '../support/lsp-session';

const BAD = 'FROM node\nRUNN x\ncopy --form=a . .\nCMD node server.js\n';

describe('Dockerfile diagnostics over LSP', () => {
  let lsp: LspSession;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-df-'));
    lsp = await LspSession.start({ dockerfile: { rules: { DL3006: 'error', ConsistentInstructionCasing: 'off' } } });
  });
  after(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes codes with documentation links and the configured severities', async () => {
    const diags = await lsp.openAndWait('file:///tmp/berth-lsp-df/a/Dockerfile', 'dockerfile', BAD);
    const byCode = new Map(diags.map((d) => [String(d.code), d]));
    assert.equal(byCode.get('UnknownInstruction')?.severity, 1);
    assert.deepEqual(byCode.get('UnknownInstruction')?.range, {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 4 },
    });
    assert.equal(byCode.get('UnknownFlag')?.severity, 1);
    assert.equal((byCode.get('UnknownFlag')?.data as { fix?: { text: string } }).fix?.text, 'from');
    assert.equal(
      byCode.get('JSONArgsRecommended')?.codeDescription?.href,
      'https://docs.docker.com/reference/build-checks/json-args-recommended/',
    );
    assert.equal(byCode.get('DL3006')?.severity, 1, 'initializationOptions raised DL3006 to error');
    assert.equal(byCode.get('DL3006')?.codeDescription?.href, 'https://github.com/hadolint/hadolint/wiki/DL3006');
    assert.ok(!byCode.has('ConsistentInstructionCasing'), 'turned off in initializationOptions');
  });

  it('re-publishes with new severities after workspace/didChangeConfiguration', async () => {
    const uri = 'file:///tmp/berth-lsp-df/b/Dockerfile';
    await lsp.openAndWait(uri, 'dockerfile', BAD);
    const next = lsp.nextDiagnostics(uri);
    await lsp.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { berth: { dockerfile: { rules: { JSONArgsRecommended: 'off', UnknownInstruction: 'warning' } } } },
    });
    const diags = await next;
    assert.ok(!diags.some((d) => d.code === 'JSONArgsRecommended'));
    assert.equal(diags.find((d) => d.code === 'UnknownInstruction')?.severity, 2);
    assert.equal(diags.find((d) => d.code === 'DL3006')?.severity, 2, 'back to the default once the override is gone');
  });

  it('warns of a local base image for another platform once the client reports platforms, and stops when they change', async () => {
    const uri = 'file:///tmp/berth-lsp-df/platform/Dockerfile';
    const text = 'FROM alpine:3.20\nFROM --platform=linux/arm64 alpine:3.20 AS arm\n';
    const before = await lsp.openAndWait(uri, 'dockerfile', text);
    assert.ok(!before.some((d) => d.code === 'InvalidBaseImagePlatform'), 'no platforms reported yet');
    let next = lsp.nextDiagnostics(uri);
    await lsp.conn.sendNotification(ENGINE_IMAGES_NOTIFICATION, {
      images: [{ repository: 'alpine', tags: ['3.20'], platform: 'linux/arm64/v8' }],
      enginePlatform: 'linux/amd64',
    });
    const warned = (await next).filter((d) => d.code === 'InvalidBaseImagePlatform');
    assert.deepEqual(
      warned.map((d) => [d.range.start.line, d.severity, d.codeDescription?.href]),
      [[0, 2, 'https://docs.docker.com/reference/build-checks/invalid-base-image-platform/']],
    );
    assert.match(String(warned[0]!.message), /alpine:3\.20.*linux\/arm64\/v8.*linux\/amd64/);
    next = lsp.nextDiagnostics(uri);
    await lsp.conn.sendNotification(ENGINE_IMAGES_NOTIFICATION, {
      images: [{ repository: 'alpine', tags: ['3.20'], platform: 'linux/amd64' }],
      enginePlatform: 'linux/amd64',
    });
    assert.deepEqual(
      (await next).filter((d) => d.code === 'InvalidBaseImagePlatform').map((d) => d.range.start.line),
      [1],
      'now the arm64 stage is the one whose local image does not fit',
    );
  });

  it('honours check=skip and hadolint ignore comments', async () => {
    const text =
      '# check=skip=JSONArgsRecommended\nFROM node:20\n# hadolint ignore=DL3004\nRUN sudo npm i -g pnpm@9\nCMD node server.js\nRUN sudo true\n';
    const diags = await lsp.openAndWait('file:///tmp/berth-lsp-df/c/Dockerfile', 'dockerfile', text);
    const got = diags.map((d) => `${d.range.start.line}:${String(d.code)}`);
    assert.ok(!got.some((c) => c.endsWith('JSONArgsRecommended')), got.join(' '));
    assert.ok(!got.includes('3:DL3004'), got.join(' '));
    assert.ok(got.includes('5:DL3004'), got.join(' '));
  });

  it('re-analyses each new version of the document (one model per version)', async () => {
    const uri = 'file:///tmp/berth-lsp-df/d/Dockerfile';
    const first = await lsp.openAndWait(uri, 'dockerfile', 'FROM node:20\nRUNN npm ci\n');
    assert.ok(first.some((d) => d.code === 'UnknownInstruction'));
    const second = await lsp.openAndWait(uri, 'dockerfile', 'FROM node:20\nRUN npm ci\n');
    assert.deepEqual(
      second.map((d) => d.code),
      [],
    );
  });

  it('reads the .dockerignore next to the Dockerfile for CopyIgnoredFile', async () => {
    writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n*.env\n');
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    const text = 'FROM node:20\nWORKDIR /app\nCOPY prod.env ./\nCOPY package.json ./\n';
    writeFileSync(path.join(dir, 'Dockerfile'), text);
    const diags = await lsp.openAndWait(uri, 'dockerfile', text);
    const ignored = diags.filter((d) => d.code === 'CopyIgnoredFile');
    assert.equal(ignored.length, 1, JSON.stringify(diags));
    assert.equal(ignored[0].range.start.line, 2);
  });
});
