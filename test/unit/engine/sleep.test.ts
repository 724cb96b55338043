// The shared abortable wait: polling loops wait on one signal many times, and every wait must take its abort
// listener with it when it ends.
import { strict as assert } from 'node:assert';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { abortableSleep } from '../../../client/src/engine/sleep';

describe('abortable sleep', () => {
  it('1000 waits on one signal leave no abort listener behind', async () => {
    const ctl = new AbortController();
    for (let i = 0; i < 1000; i++) assert.equal(await abortableSleep(0, ctl.signal), true);
    assert.equal(getEventListeners(ctl.signal, 'abort').length, 0);
  });

  it('ends early with false when the signal aborts, and removes its listener', async () => {
    const ctl = new AbortController();
    const started = Date.now();
    const wait = abortableSleep(60_000, ctl.signal);
    assert.equal(getEventListeners(ctl.signal, 'abort').length, 1);
    ctl.abort();
    assert.equal(await wait, false);
    assert.ok(Date.now() - started < 1000);
    assert.equal(getEventListeners(ctl.signal, 'abort').length, 0);
  });

  it('answers false at once for a signal that aborted already, and waits without a signal', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const started = Date.now();
    assert.equal(await abortableSleep(60_000, ctl.signal), false);
    assert.ok(Date.now() - started < 1000);
    assert.equal(await abortableSleep(1), true);
  });
});
