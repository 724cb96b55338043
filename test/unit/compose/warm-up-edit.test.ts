// The Compose warm-up step (server/src/compose/warm-up-edit.ts) runs the edit path on a copy of its own: after two
// setup steps each step re-reads one service and reuses the others, and the document's own model and findings stay
// as they were.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realisticCompose } from '../../../bench/support/realistic';
import { composeAdapter } from '../../../server/src/compose/adapter';
import { getComposeModel } from '../../../server/src/compose/parse/document';
import { lastWarmUpStep, warmUpComposeEdit } from '../../../server/src/compose/warm-up-edit';
import { memoryContext } from '../../support/adversarial';

const FOLDER = 'file:///warm';

test('warm-up steps re-read one service and reuse the others, leaving the document alone', async () => {
  const { text, files } = realisticCompose(40);
  const ctx = memoryContext(FOLDER, { 'compose.yaml': text, ...files });
  const doc = TextDocument.create(`${FOLDER}/compose.yaml`, 'dockercompose', 3, text);
  const before = await composeAdapter.diagnostics(doc, ctx);
  const model = getComposeModel(doc);
  try {
    assert.equal(warmUpComposeEdit(doc, ctx), 'setup', 'the first step parses the copy');
    assert.equal(lastWarmUpStep.checked, 0);
    assert.equal(warmUpComposeEdit(doc, ctx), 'setup', 'the second checks it in full');
    assert.equal(lastWarmUpStep.reused, 0);
    assert.ok(lastWarmUpStep.checked >= 40);
    for (let step = 0; step < 4; step++) {
      assert.equal(warmUpComposeEdit(doc, ctx), 'edit');
      const { reused, checked } = lastWarmUpStep;
      assert.ok(checked >= 1 && checked <= 3, `step ${step}: one service re-checked, got ${checked}`);
      assert.ok(reused >= 3 * 40 - 9, `step ${step}: the other services' findings reused, got ${reused}`);
    }
    assert.equal(getComposeModel(doc), model, "the document's model is still the one it had");
    assert.equal(model.text, text);
    assert.deepEqual(await composeAdapter.diagnostics(doc, ctx), before);
  } finally {
    composeAdapter.forget?.(doc.uri);
  }
});

test('the copy outlives edits of its document, and goes when the document closes', () => {
  const { text, files } = realisticCompose(10);
  const ctx = memoryContext(FOLDER, { 'compose.yaml': text, ...files });
  const uri = `${FOLDER}/compose.yaml`;
  try {
    for (let step = 0; step < 3; step++) warmUpComposeEdit(TextDocument.create(uri, 'dockercompose', 1, text), ctx);
    const edited = TextDocument.create(uri, 'dockercompose', 2, text.replace('svc3:', 'svc3x:'));
    assert.equal(warmUpComposeEdit(edited, ctx), 'edit', 'an edit of the document keeps the copy');
    composeAdapter.forget?.(uri);
    assert.equal(warmUpComposeEdit(edited, ctx), 'setup', 'a closed document takes its copy along');
  } finally {
    composeAdapter.forget?.(uri);
  }
});
