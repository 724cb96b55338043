import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fileActions } from '../../../server/src/compose/actions-files';
import { composeDiagnostics } from '../../../server/src/compose/diagnostics';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { URI_BASE } from './helpers';

const URI = `${URI_BASE}/compose.yaml`;
const ENV = `${URI_BASE}/.env`;

function actionsFor(text: string, disk: Record<string, string>) {
  const files = { readFile: (u: string) => disk[u], exists: (u: string) => u in disk };
  const model = parseCompose(text, URI);
  return fileActions(model, composeDiagnostics(model, files, { withProcessEnv: false }), {
    envFileUri: ENV,
    readFile: files.readFile,
  });
}

describe('compose quick fixes in other files', () => {
  const text = 'services:\n  app:\n    image: "app:${BERTH_TEST_TAG:?set the tag}"\n';
  it('creates the environment file with a required variable that is unset', () => {
    const [action] = actionsFor(text, {});
    assert.equal(action.title, 'Add BERTH_TEST_TAG to .env');
    assert.deepEqual(
      action.edit!.documentChanges!.map((c) =>
        'kind' in c ? c.kind : (c as { edits: { newText: string }[] }).edits[0].newText,
      ),
      ['create', 'BERTH_TEST_TAG=\n'],
    );
  });
  it('appends to an existing environment file, on a line of its own', () => {
    const [action] = actionsFor(text, { [ENV]: 'OTHER=1' });
    assert.deepEqual(action.edit!.changes![ENV], [
      { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, newText: '\nBERTH_TEST_TAG=\n' },
    ]);
  });
  it('creates a missing env file', () => {
    const actions = actionsFor('services:\n  app:\n    image: busybox\n    env_file: ./local.env\n', {});
    assert.deepEqual(
      actions.map((a) => [a.title, a.edit!.documentChanges]),
      [['Create local.env', [{ kind: 'create', uri: `${URI_BASE}/local.env`, options: { ignoreIfExists: true } }]]],
    );
  });
  it('offers nothing when the file is right', () => {
    assert.deepEqual(actionsFor(text, { [ENV]: 'BERTH_TEST_TAG=1\n' }), []);
  });
});
