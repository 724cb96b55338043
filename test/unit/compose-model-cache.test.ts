// The model cache of open compose documents: the server's warm-up copies (negative versions) are parsed on their own
// and leave the document's model in place, so its next version is still built from (and carries) the real one.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { forgetComposeModel, getComposeModel } from '../../server/src/compose/parse/document';

const URI = 'file:///project/compose.yaml';
const TEXT = 'services:\n  web:\n    image: nginx\n    environment:\n      A: "1"\n  db:\n    image: postgres\n';

describe('compose model cache', () => {
  it('keeps the real version across a warm-up copy, and builds the next version from it', () => {
    const v1 = TextDocument.create(URI, 'dockercompose', 1, TEXT);
    const m1 = getComposeModel(v1);
    assert.equal(getComposeModel(v1), m1, 'one model per version');
    const warm = getComposeModel(TextDocument.create(URI, 'dockercompose', -1, TEXT));
    assert.notEqual(warm, m1);
    assert.equal(getComposeModel(v1), m1, 'the warm-up copy did not replace the real version');
    const v2 = TextDocument.update(
      v1,
      [{ range: { start: { line: 4, character: 10 }, end: { line: 4, character: 10 } }, text: '2' }],
      2,
    );
    const m2 = getComposeModel(v2);
    assert.equal(m2.text, v2.getText());
    assert.equal(m2.carried?.from, m1.token, 'the edit was re-read from the real version');
    forgetComposeModel(URI);
  });
});
