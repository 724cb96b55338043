// The typed router (server/src/lsp/router.ts) as a client meets it: every advertised request answers for every
// language, with the language's answer where it has the feature and null (or empty tokens) where it does not.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import { FEATURE_REQUESTS } from '../../server/src/lsp/features';
import { LspSession } from '../support/lsp-session';

const DOCKERFILE = 'file:///tmp/lsp-router/Dockerfile';
const COMPOSE = 'file:///tmp/lsp-router/compose.yaml';
const IGNORE = 'file:///tmp/lsp-router/.dockerignore';

/** Params every feature accepts: the fields of all of them at once (each request reads the ones it knows). */
function paramsFor(uri: string): Record<string, unknown> {
  const position = { line: 1, character: 2 };
  const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
  return {
    textDocument: { uri },
    position,
    range,
    context: { includeDeclaration: true, diagnostics: [], triggerKind: 1 },
    newName: 'renamed',
    options: { tabSize: 2, insertSpaces: true },
    ch: '\n',
  };
}

describe('the typed LSP router', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start();
    await lsp.openAndWait(DOCKERFILE, 'dockerfile', 'FROM busybox AS base\nRUN echo hi\nFROM base\n');
    await lsp.openAndWait(COMPOSE, 'dockercompose', 'services:\n  web:\n    image: busybox\n');
    await lsp.openAndWait(IGNORE, 'ignore-docker', 'node_modules\n*.log\n');
  });
  after(async () => {
    await lsp?.stop();
  });

  it('answers every request of the feature table, for every language, with a result or a deliberate refusal', async () => {
    for (const type of Object.values(FEATURE_REQUESTS)) {
      for (const uri of [DOCKERFILE, COMPOSE, IGNORE, 'file:///tmp/lsp-router/not-open/Dockerfile']) {
        await lsp.request(type.method, paramsFor(uri)).catch((e: { code?: number; message?: string }) => {
          // A language may refuse (rename off a symbol: RequestFailed); an unrouted method or a crash may not.
          assert.equal(e.code, LSPErrorCodes.RequestFailed, `${type.method} on ${uri}: ${e.code} ${e.message}`);
        });
      }
    }
  });

  it('routes each request to the document’s own language', async () => {
    const hover = await lsp.request<{ contents: unknown } | null>('textDocument/hover', paramsFor(DOCKERFILE));
    assert.ok(hover, 'the Dockerfile language answers hover on RUN');
    assert.match(JSON.stringify(hover.contents), /RUN/);
    const symbols = await lsp.request<{ name: string }[]>('textDocument/documentSymbol', paramsFor(COMPOSE));
    assert.ok(JSON.stringify(symbols).includes('web'), `compose symbols name the service: ${JSON.stringify(symbols)}`);
  });

  it('answers null where the language lacks the feature, and for a document that is not open', async () => {
    assert.equal(await lsp.request('textDocument/hover', paramsFor(IGNORE)), null);
    assert.equal(await lsp.request('textDocument/hover', paramsFor('file:///tmp/lsp-router/x/Dockerfile')), null);
  });

  it('answers empty semantic tokens, not null, for a language without them', async () => {
    const tokens = await lsp.request<{ data: number[] }>('textDocument/semanticTokens/full', paramsFor(COMPOSE));
    assert.deepEqual(tokens, { data: [] });
    const dockerfile = await lsp.request<{ data: number[] }>('textDocument/semanticTokens/full', paramsFor(DOCKERFILE));
    assert.ok(dockerfile.data.length > 0, 'the Dockerfile language colours its document');
  });

  it('advertises completion resolve (documentation on demand: completion-resolve.test.ts)', () => {
    assert.equal(lsp.initializeResult.capabilities.completionProvider?.resolveProvider, true);
  });
});
