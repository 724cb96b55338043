// The one per-version model cache every language keeps its models in (server/src/lsp/adapter.ts ModelCache):
// one build per version, the next version built from the previous model, the server's warm-up copies (negative
// versions) built but never kept, the caller's context handed to the build, and a closed document forgotten.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelCache } from '../../server/src/lsp/adapter';

const URI = 'file:///project/.dockerignore';
const doc = (version: number, text: string) => TextDocument.create(URI, 'ignore-docker', version, text);

interface Built {
  text: string;
  from?: Built;
  context?: string;
}

describe('per-version model cache', () => {
  it('builds once per version, from the previous model, and keeps a warm-up copy out', () => {
    let builds = 0;
    const cache = new ModelCache<Built>((d, previous) => (builds++, { text: d.getText(), from: previous }));
    const m1 = cache.get(doc(1, 'a'));
    assert.equal(cache.get(doc(1, 'a')), m1, 'every feature of one version shares one model');
    assert.equal(builds, 1);
    const warm = cache.get(doc(-1, 'a'));
    assert.notEqual(warm, m1);
    assert.equal(warm.from, undefined, 'a warm-up copy is built in full');
    assert.equal(cache.get(doc(1, 'a')), m1, 'the warm-up copy did not replace the real version');
    const m2 = cache.get(doc(2, 'ab'));
    assert.equal(m2.from, m1, 'the next version is built from the real one');
    assert.equal(builds, 3);
    cache.forget(URI);
    assert.equal(cache.get(doc(2, 'ab')).from, undefined, 'a closed document starts over');
  });

  it("hands the caller's context to the build", () => {
    const cache = new ModelCache<Built, string>((d, _previous, context) => ({ text: d.getText(), context }));
    assert.equal(cache.get(doc(1, 'a'), 'unit file').context, 'unit file');
  });
});
