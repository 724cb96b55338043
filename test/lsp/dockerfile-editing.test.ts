// Every Dockerfile editing feature through the bundled server (dist/server.js --stdio) and a real JSON-RPC client.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Range,
  SemanticTokens,
  SignatureHelp,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { ENGINE_IMAGES_NOTIFICATION } from '../../server/src/protocol';
import { LspSession } from '../support/lsp-session';

const TEXT = [
  '# syntax=docker/dockerfile:1', // 0
  'ARG GO_VERSION=1.22', // 1
  'FROM golang:${GO_VERSION} AS build', // 2
  'WORKDIR /src', // 3
  'COPY go.mod ./', // 4
  'RUN --mount=type=cache,target=/root/.cache go build \\', // 5
  '      -o /out/app .', // 6
  'FROM busybox:latest', // 7
  'COPY --from=build /out/app /app', // 8
  'maintainer me@example.com', // 9
  'CMD /app --serve', // 10
].join('\n');

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)))
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('Dockerfile editing over LSP', () => {
  let lsp: LspSession;
  let dir: string;
  let uri: string;
  let diagnostics: Diagnostic[];
  const doc = () => ({ textDocument: { uri } });
  const at = (line: number, character: number) => ({ ...doc(), position: { line, character } });

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berth-df-edit-'));
    writeFileSync(path.join(dir, 'go.mod'), 'module x\n');
    mkdirSync(path.join(dir, 'cmd'));
    uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    lsp = await LspSession.start();
    await lsp.conn.sendNotification(ENGINE_IMAGES_NOTIFICATION, {
      images: [{ repository: 'busybox', tags: ['latest', '1.36.1'] }],
    });
    diagnostics = await lsp.openAndWait(uri, 'dockerfile', TEXT);
  });
  after(async () => {
    await lsp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes flags, --mount types, stages, variables and engine images', async () => {
    const labels = async (line: number, ch: number, text: string) => {
      await lsp.openAndWait(uri, 'dockerfile', text);
      const r = await lsp.request<CompletionList | CompletionItem[]>('textDocument/completion', at(line, ch));
      return (Array.isArray(r) ? r : r.items).map((i) => i.label);
    };
    assert.ok((await labels(1, 6, 'FROM busybox\nRUN --')).includes('--mount'));
    assert.deepEqual((await labels(1, 17, 'FROM busybox\nRUN --mount=type=')).sort(), [
      'bind',
      'cache',
      'secret',
      'ssh',
      'tmpfs',
    ]);
    assert.ok((await labels(2, 12, 'FROM busybox AS base\nFROM busybox\nCOPY --from=')).includes('base'));
    assert.ok((await labels(2, 12, 'FROM busybox\nARG NAME=x\nRUN echo ${')).includes('NAME'));
    assert.deepEqual((await labels(0, 13, 'FROM busybox:')).sort(), ['busybox:1.36.1', 'busybox:latest']);
    assert.deepEqual(
      (await labels(1, 5, 'FROM busybox\nCOPY ')).sort(),
      ['cmd/', 'go.mod'],
      'sources from the build context on disk',
    );
    diagnostics = await lsp.openAndWait(uri, 'dockerfile', TEXT);
  });

  it('hovers instructions, variables and stages', async () => {
    const h = await lsp.request<Hover>('textDocument/hover', at(5, 1));
    assert.match((h.contents as { value: string }).value, /\*\*RUN\*\*/);
    const v = await lsp.request<Hover>('textDocument/hover', at(2, 16));
    assert.match((v.contents as { value: string }).value, /`ARG GO_VERSION` = `1.22`/);
    const s = await lsp.request<Hover>('textDocument/hover', at(8, 14));
    assert.match((s.contents as { value: string }).value, /Stage 0.*`build`/s);
    const img = await lsp.request<Hover>('textDocument/hover', at(7, 7));
    assert.match((img.contents as { value: string }).value, /local engine: `latest`, `1.36.1`/);
  });

  it('goes to definition, finds references and highlights of a stage and a variable', async () => {
    const def = await lsp.request<Location[]>('textDocument/definition', at(8, 14));
    assert.deepEqual(
      def.map((l) => [l.uri, l.range.start.line, l.range.start.character]),
      [[uri, 2, 29]],
    );
    const refs = await lsp.request<Location[]>('textDocument/references', {
      ...at(2, 30),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((l) => l.range.start.line),
      [2, 8],
    );
    const hl = await lsp.request<DocumentHighlight[]>('textDocument/documentHighlight', at(1, 6));
    assert.deepEqual(
      hl.map((h) => `${h.range.start.line}:${h.kind}`),
      ['1:3', '2:2'],
    );
  });

  it('renames a stage and rejects an invalid name with a message', async () => {
    const prep = await lsp.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at(8, 14));
    assert.equal(prep.placeholder, 'build');
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', { ...at(8, 14), newName: 'compile' });
    const renamed = applyEdits(TEXT, edit.changes![uri]);
    assert.match(renamed, /AS compile\n/);
    assert.match(renamed, /--from=compile /);
    await assert.rejects(
      lsp.request('textDocument/rename', { ...at(8, 14), newName: '9lives' }),
      /not a valid stage name/,
    );
  });

  it('gives a stage tree, folding ranges and semantic tokens', async () => {
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', doc());
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['ARG GO_VERSION', 'build', 'stage 1'],
    );
    assert.equal(symbols[1].children!.length, 3);
    const folds = await lsp.request<FoldingRange[]>('textDocument/foldingRange', doc());
    assert.ok(folds.some((f) => f.startLine === 5 && f.endLine === 6));
    assert.ok(folds.some((f) => f.startLine === 2 && f.endLine === 6 && f.kind === 'region'));
    const tokens = await lsp.request<SemanticTokens>('textDocument/semanticTokens/full', doc());
    assert.ok(tokens.data.length >= 5 * 10 && tokens.data.length % 5 === 0);
  });

  it('helps with signatures and links images and context files', async () => {
    const sig = await lsp.request<SignatureHelp>('textDocument/signatureHelp', at(2, 5));
    assert.match(sig.signatures[0].label, /^FROM \[--platform/);
    const links = await lsp.request<DocumentLink[]>('textDocument/documentLink', doc());
    const targets = links.map((l) => l.target);
    assert.ok(targets.includes('https://hub.docker.com/_/busybox'));
    assert.ok(
      targets.some((t) => t?.endsWith('/go.mod')),
      `a link to go.mod in ${targets.join(' ')}`,
    );
  });

  it('formats the document, a range and on type', async () => {
    const opts = { tabSize: 2, insertSpaces: true };
    const all = await lsp.request<TextEdit[]>('textDocument/formatting', { ...doc(), options: opts });
    const formatted = applyEdits(TEXT, all);
    assert.match(formatted, /\nMAINTAINER me@example.com\n/);
    assert.match(formatted, /go build \\\n {2}-o \/out\/app \.\n/);
    const range = await lsp.request<TextEdit[]>('textDocument/rangeFormatting', {
      ...doc(),
      options: opts,
      range: { start: { line: 9, character: 0 }, end: { line: 9, character: 3 } },
    });
    assert.deepEqual(
      range.map((e) => e.newText),
      ['MAINTAINER'],
    );
    const typed = await lsp.request<TextEdit[]>('textDocument/onTypeFormatting', {
      ...at(6, 0),
      ch: '\n',
      options: opts,
    });
    assert.deepEqual(
      typed.map((e) => e.newText),
      ['  '],
    );
  });

  it('offers quick fixes for the published diagnostics: MAINTAINER, exec form, pin from the engine, suppression', async () => {
    const actionsFor = (code: string) => {
      const d = diagnostics.filter((x) => x.code === code);
      assert.ok(d.length, `${code} published; got ${diagnostics.map((x) => x.code).join(', ')}`);
      return lsp.request<CodeAction[]>('textDocument/codeAction', {
        ...doc(),
        range: d[0].range,
        context: { diagnostics: d },
      });
    };
    const maintainer = await actionsFor('MaintainerDeprecated');
    assert.match(
      applyEdits(TEXT, maintainer[0].edit!.changes![uri]),
      /\nLABEL org.opencontainers.image.authors="me@example.com"\n/,
    );
    const exec = await actionsFor('JSONArgsRecommended');
    assert.match(applyEdits(TEXT, exec[0].edit!.changes![uri]), /\nCMD \["\/app", "--serve"\]$/);
    const pin = await actionsFor('DL3007');
    const pinned = pin.find((a) => /Pin/.test(a.title));
    assert.ok(pinned, pin.map((a) => a.title).join(' | '));
    assert.match(applyEdits(TEXT, pinned.edit!.changes![uri]), /\nFROM busybox:1\.36\.1\n/);
    const all = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      ...doc(),
      range: { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } },
      context: { diagnostics, only: ['source.fixAll'] },
    });
    assert.equal(all.length, 1);
    assert.match(
      applyEdits(TEXT, all[0].edit!.changes![uri]),
      /\nLABEL org.opencontainers.image.authors="me@example.com"\nCMD \["\/app", "--serve"\]$/,
    );
    const skip = exec.find((a) => /check=skip/.test(a.title))!;
    const skipped = applyEdits(TEXT, skip.edit!.changes![uri]);
    const after = await lsp.openAndWait(uri, 'dockerfile', skipped);
    assert.ok(!after.some((d) => d.code === 'JSONArgsRecommended'), 'the inserted directive silences the check');
    diagnostics = await lsp.openAndWait(uri, 'dockerfile', TEXT);
  });
});
