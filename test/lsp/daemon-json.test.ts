// daemon.json over LSP: the built server checks a JSON document named daemon.json (what VS Code's JSON support, with
// Berth's schema, cannot say) and offers the quick fixes; other JSON files are not Berth's.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp-session';

describe('daemon.json over LSP', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start();
  });
  after(async () => {
    await lsp?.stop();
  });

  it('flags a mirror without its scheme, and its quick fix adds https://', async () => {
    const uri = 'file:///tmp/lsp-daemon/daemon.json';
    const text = '{\n  "registry-mirrors": ["mirror.example.com"],\n  "bip": "10.0.0.1/33"\n}\n';
    const diags = await lsp.openAndWait(uri, 'json', text);
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start.line, d.severity]),
      [
        ['mirror-without-scheme', 1, 1],
        ['invalid-cidr', 2, 1],
      ],
    );
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diags[0]!.range,
      context: { diagnostics: [diags[0]] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.edit?.changes?.[uri]?.[0]?.newText, '"https://mirror.example.com"');
  });

  it('leaves other JSON files alone', async () => {
    const other = 'file:///tmp/lsp-daemon/package.json';
    void lsp.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: other, languageId: 'json', version: 1, text: '{"registry-mirrors": ["x"]}' },
    });
    // Documents are checked in the order they arrive: once a later daemon.json has its diagnostics, the other file
    // would have had its own.
    await lsp.openAndWait('file:///tmp/lsp-daemon/etc/daemon.json', 'json', '{"registry-mirrors": ["x"]}');
    assert.equal(lsp.latest.has(other), false);
  });
});
