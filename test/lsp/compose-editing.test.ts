// Every Compose editing feature through the real LSP session (dist/server.js --stdio), on files written to disk
// so that cross-file work (override file, .env, the Dockerfile's stages, path listing) goes through the server's
// own file access.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  Hover,
  Location,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp-session';

const COMPOSE = `version: "3.9"
services:
  web:
    build:
      context: ./web
      target: runtime
    image: shop/web:\${WEB_TAG:-dev}
    depends_on: [db]
    networks: [front]
  db:
    image: postgres:16
    volumes:
      - pgdata:/var/lib/postgresql/data
networks:
  front: {}
volumes:
  pgdata:
`;
const OVERRIDE = `services:
  worker:
    image: busybox:latest
    depends_on:
      - db
`;
const DOCKERFILE = 'FROM busybox AS deps\nFROM deps AS build\nFROM busybox AS runtime\n';

describe('compose editing over LSP', () => {
  let lsp: LspSession;
  let dir: string;
  let uri: string;
  let overrideUri: string;
  let diagnostics: Diagnostic[];
  const lines = COMPOSE.split('\n');
  /** Position of the nth occurrence of `needle` (plus `delta` characters) in the compose file. */
  const at = (needle: string, delta = 1, nth = 0) => {
    let seen = 0;
    for (let line = 0; line < lines.length; line++) {
      let from = 0;
      for (;;) {
        const c = lines[line].indexOf(needle, from);
        if (c < 0) break;
        if (seen++ === nth) return { line, character: c + delta };
        from = c + 1;
      }
    }
    throw new Error(`${needle} not in the compose file`);
  };
  const doc = () => ({ textDocument: { uri } });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-compose-editing-'));
    mkdirSync(path.join(dir, 'web'));
    writeFileSync(path.join(dir, 'web', 'Dockerfile'), DOCKERFILE);
    writeFileSync(path.join(dir, 'compose.override.yaml'), OVERRIDE);
    writeFileSync(path.join(dir, '.env'), 'WEB_TAG=1.4.2\n');
    writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    uri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
    overrideUri = pathToFileURL(path.join(dir, 'compose.override.yaml')).toString();
    lsp = await LspSession.start();
    diagnostics = await lsp.openAndWait(uri, 'dockercompose', COMPOSE);
  });
  after(async () => {
    await lsp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const complete = async (
    text: string,
    line: number,
    character: number,
    docUri = `${pathToFileURL(path.join(dir, 'c2', 'compose.yaml'))}`,
  ) => {
    await lsp.openAndWait(docUri, 'dockercompose', text);
    const r = await lsp.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri: docUri },
      position: { line, character },
    });
    return (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);
  };

  it('completes service keys, enum values, and the stages of the referenced Dockerfile', async () => {
    const keys = await lsp.request<CompletionItem[]>('textDocument/completion', {
      ...doc(),
      position: { line: 10, character: 4 },
    });
    assert.ok(
      keys.some((k) => k.label === 'healthcheck'),
      'service keys are offered',
    );
    const stagesText = COMPOSE.replace('target: runtime', 'target: ');
    const stagesUri = pathToFileURL(path.join(dir, 'stages.compose.yaml')).toString();
    assert.deepEqual(await complete(stagesText, 5, 14, stagesUri), ['deps', 'build', 'runtime']);
    assert.ok((await complete('services:\n  a:\n    restart: \n', 2, 13)).includes('unless-stopped'));
  });

  it('completes service names from the override file and images reported by the client', async () => {
    const text = COMPOSE.replace('depends_on: [db]', 'depends_on: [db, ]');
    const names = await complete(text, 7, 20, uri);
    assert.ok(names.includes('worker'), `worker comes from compose.override.yaml: ${JSON.stringify(names)}`);
    assert.ok(!names.includes('db') && !names.includes('web'));
    await lsp.conn.sendNotification('berth/engineImages', {
      images: [{ repository: 'berth/fixture', tags: ['latest'] }],
    });
    assert.deepEqual(await complete('services:\n  a:\n    image: \n', 2, 11), ['berth/fixture:latest']);
    await lsp.openAndWait(uri, 'dockercompose', COMPOSE);
  });

  it('hovers a key, a variable with its .env value, and a referenced service', async () => {
    const key = await lsp.request<Hover>('textDocument/hover', { ...doc(), position: at('depends_on') });
    assert.match((key.contents as { value: string }).value, /depends_on/);
    const variable = await lsp.request<Hover>('textDocument/hover', { ...doc(), position: at('WEB_TAG', 2) });
    assert.match((variable.contents as { value: string }).value, /1\.4\.2/);
    assert.match((variable.contents as { value: string }).value, /\.env/);
    const service = await lsp.request<Hover>('textDocument/hover', { ...doc(), position: at('[db]', 2) });
    assert.match((service.contents as { value: string }).value, /postgres:16/);
  });

  it('goes to definitions, finds references across files, highlights', async () => {
    const defs = await lsp.request<Location[]>('textDocument/definition', { ...doc(), position: at('[db]', 2) });
    assert.deepEqual(
      defs.map((d) => [d.uri, d.range.start.line]),
      [[uri, 9]],
    );
    const vol = await lsp.request<Location[]>('textDocument/definition', { ...doc(), position: at('pgdata:/') });
    assert.deepEqual(
      vol.map((d) => d.range.start.line),
      [16],
    );
    const refs = await lsp.request<Location[]>('textDocument/references', {
      ...doc(),
      position: at('  db:', 3),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((r) => (r.uri === overrideUri ? 'override' : r.range.start.line)).sort(),
      [7, 9, 'override'].sort(),
    );
    const hl = await lsp.request<DocumentHighlight[]>('textDocument/documentHighlight', {
      ...doc(),
      position: at('front', 1, 1),
    });
    assert.deepEqual(
      hl.map((h) => h.range.start.line).sort((a, b) => a - b),
      [8, 14],
    );
  });

  it('renames a service in the file and in its override', async () => {
    const prep = await lsp.request<{ placeholder: string }>('textDocument/prepareRename', {
      ...doc(),
      position: at('[db]', 2),
    });
    assert.equal(prep.placeholder, 'db');
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', {
      ...doc(),
      position: at('[db]', 2),
      newName: 'postgres',
    });
    assert.equal(edit.changes![uri].length, 2);
    assert.equal(edit.changes![overrideUri].length, 1);
    await assert.rejects(
      lsp.request('textDocument/rename', { ...doc(), position: at('[db]', 2), newName: 'bad name' }),
      /letters, digits/,
    );
  });

  it('outlines the file, links its paths, and puts Run lenses on services', async () => {
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', doc());
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['version', 'services', 'networks', 'volumes'],
    );
    assert.deepEqual(
      symbols[1].children!.map((s) => s.name),
      ['web', 'db'],
    );
    const links = await lsp.request<DocumentLink[]>('textDocument/documentLink', doc());
    const targets = links.map((l) => l.target);
    assert.ok(targets.includes(pathToFileURL(path.join(dir, 'web')).toString()));
    assert.ok(targets.includes('https://hub.docker.com/_/postgres'));
    const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', doc());
    const file = path.join(dir, 'compose.yaml');
    assert.deepEqual(
      lenses.map((l) => [l.command!.command, ...(l.command!.arguments ?? [])]),
      [
        ['berth.compose.up', file],
        ['berth.compose.upService', file, 'web'],
        ['berth.compose.upService', file, 'db'],
      ],
    );
  });

  it('offers the quick fix for the published obsolete-version diagnostic', async () => {
    const version = diagnostics.find((d) => d.code === 'obsolete-version');
    assert.ok(version, `published: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      ...doc(),
      range: version.range,
      context: { diagnostics: [version] },
    });
    assert.equal(actions[0].title, 'Remove the obsolete `version`');
    assert.deepEqual(actions[0].edit!.changes![uri], [
      { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: '' },
    ]);
    const all = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      ...doc(),
      range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      all.map((a) => [a.kind, a.edit!.changes![uri].length]),
      [['source.fixAll', 1]],
      'fix-all covers the whole file, whatever the range',
    );
  });
});
