// Reopening a log stream after a restart: the engine replays from the last stamp seen (inclusive), and the filter
// must drop exactly the lines already shown — also when many lines share one stamp, as with Podman's whole seconds.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ReplayFilter } from '../../../client/src/engine/logs';

const S = (sec: number, frac = ''): string => `2026-11-23T10:00:${String(sec).padStart(2, '0')}${frac}Z`;

describe('log replay filter', () => {
  it('accepts every line of the first stream, even lines that share a stamp', () => {
    const f = new ReplayFilter();
    f.reopen();
    assert.deepEqual(
      [S(1), S(1), S(1), S(2)].map((t) => f.accept(t)),
      [true, true, true, true],
    );
  });

  it('on reopen drops older lines and as many same-stamp lines as were shown, then takes the rest', () => {
    const f = new ReplayFilter();
    f.reopen();
    for (const t of [S(1), S(2), S(2)]) f.accept(t);
    assert.equal(f.lastTs, S(2));
    f.reopen(); // the engine replays from S(2): both S(2) lines again, then a third S(2) line that is new
    assert.deepEqual(
      [S(2), S(2), S(2), S(3)].map((t) => f.accept(t)),
      [false, false, true, true],
    );
    f.reopen();
    assert.deepEqual(
      [S(1), S(3), S(3), S(4)].map((t) => f.accept(t)),
      [false, false, true, true],
    );
  });

  it('compares fractions of different widths as times', () => {
    const f = new ReplayFilter();
    f.reopen();
    f.accept(S(5, '.5'));
    f.reopen();
    assert.equal(f.accept(S(5, '.500000000')), false, 'the same instant, written with more digits');
    assert.equal(f.accept(S(5, '.50000001')), true);
  });
});
