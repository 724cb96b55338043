// The Harbor output log keeps its last lines only, oldest first.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { HARBOR_LOG_LINES, LineRing } from '../../../client/src/harbor/log-buffer';

describe('Harbor log line ring', () => {
  it('keeps every line while under the bound', () => {
    const r = new LineRing(3);
    r.push('a');
    r.push('b');
    assert.deepEqual(r.lines(), ['a', 'b']);
  });

  it('keeps the last 5,000 of 12,345 lines, in order', () => {
    const r = new LineRing();
    assert.equal(r.max, HARBOR_LOG_LINES);
    assert.equal(HARBOR_LOG_LINES, 5000);
    for (let i = 0; i < 12_345; i++) r.push(`line ${i}`);
    const kept = r.lines();
    assert.equal(r.length, 5000);
    assert.equal(kept.length, 5000);
    assert.equal(kept[0], 'line 7345');
    assert.equal(kept[4999], 'line 12344');
    assert.ok(kept.every((l, i) => l === `line ${7345 + i}`));
  });
});
