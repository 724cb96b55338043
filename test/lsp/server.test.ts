// Drives the bundled server (dist/server.js --stdio) with a real JSON-RPC LSP client, as another editor would.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { LspSession } from '../support/lsp-session';

describe('berth-language-server --stdio', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start();
  });
  after(async () => {
    await lsp?.stop();
  });

  it('answers initialize with its name and capabilities', () => {
    assert.equal(lsp.initializeResult.serverInfo?.name, 'berth-language-server');
    assert.ok(lsp.initializeResult.capabilities.completionProvider);
    assert.ok(lsp.initializeResult.capabilities.hoverProvider);
  });

  it('publishes a diagnostic for a Dockerfile line that is not an instruction', async () => {
    const diags = await lsp.openAndWait(
      'file:///tmp/lsp-test/Dockerfile',
      'dockerfile',
      'FROM busybox\nRUNN echo hi\nRUN echo \\\n  continued\n',
    );
    const codes = diags.map((d) => `${d.range.start.line}:${String(d.code)}`);
    assert.ok(codes.includes('1:UnknownInstruction'), `got ${JSON.stringify(diags)}`);
    assert.ok(!diags.some((d) => d.range.start.line === 3), 'a continuation line is not an instruction');
  });

  it('publishes YAML syntax errors of a compose file with their ranges', async () => {
    const diags = await lsp.openAndWait(
      'file:///tmp/lsp-test/compose.yaml',
      'dockercompose',
      'services:\n  web:\n    image: "unterminated\n',
    );
    assert.ok(diags.length > 0, 'a YAML error is reported');
    assert.equal(diags[0].severity, 1);
  });

  it('publishes nothing for a clean file', async () => {
    const diags = await lsp.openAndWait(
      'file:///tmp/lsp-test/ok/Dockerfile',
      'dockerfile',
      'FROM busybox\nRUN echo ok\n',
    );
    assert.deepEqual(
      diags.filter((d) => d.severity === 1),
      [],
    );
  });
});

describe('language ids of other editors', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start();
  });
  after(async () => {
    await lsp?.stop();
  });

  it('treats Neovim’s yaml.docker-compose and a plain-yaml compose.yaml as compose', async () => {
    const broken = 'services:\n  web:\n    image: "oops\n';
    assert.ok((await lsp.openAndWait('file:///tmp/nvim/compose.yaml', 'yaml.docker-compose', broken)).length > 0);
    assert.ok((await lsp.openAndWait('file:///tmp/plain/docker-compose.yml', 'yaml', broken)).length > 0);
  });

  it('leaves other YAML files alone', async () => {
    await lsp.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///tmp/plain/values.yaml', languageId: 'yaml', version: 1, text: 'a: "oops\n' },
    });
    await assert.rejects(lsp.nextDiagnostics('file:///tmp/plain/values.yaml', 500), /no diagnostics/);
  });
});
