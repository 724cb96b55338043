// The custom request the Build command uses: a Dockerfile's stages and ARGs (with defaults) from the server's
// model, for an open document and for a file only on disk.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { DOCKERFILE_INFO_REQUEST, type DockerfileInfo } from '../../server/src/protocol';
import { LspSession } from '../support/lsp-session';

describe('berth/dockerfileInfo', () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start();
  });
  after(() => lsp.stop());

  it('reads examples/Dockerfile from disk: two stages, ARG defaults, global flag', async () => {
    const uri = URI.file(path.resolve(import.meta.dirname, '../../examples/Dockerfile')).toString();
    const info = await lsp.request<DockerfileInfo>(DOCKERFILE_INFO_REQUEST, { uri });
    assert.deepEqual(
      info.stages.map((s) => s.name),
      ['build', 'runtime'],
    );
    assert.deepEqual(info.args, [
      { name: 'BASE_IMAGE', default: 'busybox:latest', global: true },
      { name: 'APP_VERSION', default: 'dev', global: false },
    ]);
  });

  it('reads the open document, including ARGs without a default', async () => {
    const uri = 'untitled:build-info/Dockerfile';
    await lsp.openAndWait(uri, 'dockerfile', 'FROM busybox AS base\nARG TOKEN\nARG MODE="fast"\nFROM base\n');
    const info = await lsp.request<DockerfileInfo>(DOCKERFILE_INFO_REQUEST, { uri });
    assert.deepEqual(
      info.stages.map((s) => [s.name, s.base]),
      [
        ['base', 'busybox'],
        [undefined, 'base'],
      ],
    );
    assert.deepEqual(info.args, [
      { name: 'TOKEN', global: false },
      { name: 'MODE', default: 'fast', global: false },
    ]);
    assert.equal(await lsp.request(DOCKERFILE_INFO_REQUEST, { uri: 'file:///nonexistent/Dockerfile' }), null);
  });
});
