// The server also serves .dockerignore files: by VS Code's language id and, for other editors, by file name.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { SemanticTokens } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp-session';

describe('.dockerignore over LSP', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start();
  });
  after(async () => {
    await lsp?.stop();
  });

  it('reports a pattern the builder rejects and answers semantic tokens', async () => {
    const uri = 'file:///tmp/lsp-ignore/.dockerignore';
    const diags = await lsp.openAndWait(uri, 'ignore-docker', '# deps\nnode_modules\n!node_modules/[keep\n');
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start.line, d.severity]),
      [['InvalidIgnorePattern', 2, 1]],
    );
    const tokens = await lsp.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(tokens.data.length >= 5 * 4, `tokens: ${tokens.data.length / 5}`);
  });

  it('recognises a .dockerignore sent with another editor’s language id', async () => {
    const diags = await lsp.openAndWait('file:///tmp/lsp-ignore2/app.dockerignore', 'gitignore', 'bad[\n');
    assert.deepEqual(
      diags.map((d) => d.code),
      ['InvalidIgnorePattern'],
    );
  });
});
