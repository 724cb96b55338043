// The language server's idle-time warm-up (server/src/lsp/warm-up.ts): runs only after a quiet moment, stops when
// work arrives, and never goes past its budget of runs or of CPU time.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { WarmUp } from '../../server/src/lsp/warm-up';

const FAST = { idleMs: 20, gapMs: 1 };

/** Waits until `cond` holds (polling), or fails after `ms`. */
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await sleep(5);
  }
}

/** Spends `ms` of this process's CPU time. */
function burn(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const u = process.cpuUsage(start);
    if ((u.user + u.system) / 1000 >= ms) return;
  }
}

describe('idle-time warm-up', () => {
  it('runs on the document it was given, up to its budget of runs, and never again', async () => {
    const seen: string[] = [];
    const w = new WarmUp(async (uri) => (seen.push(uri), true), { ...FAST, runs: 7 });
    w.idle('file:///a/Dockerfile');
    await until(() => w.done);
    await sleep(50);
    assert.equal(seen.length, 7);
    assert.ok(seen.every((u) => u === 'file:///a/Dockerfile'));
    w.idle('file:///a/Dockerfile');
    await sleep(80);
    assert.equal(seen.length, 7, 'a spent budget schedules nothing');
  });

  it('waits for the quiet moment, and work arriving before it cancels the run', async () => {
    let runs = 0;
    const w = new WarmUp(async () => (runs++, true), { idleMs: 60, gapMs: 1, runs: 3 });
    w.idle('u');
    await sleep(20);
    assert.equal(runs, 0, 'nothing before the quiet moment');
    w.pause();
    await sleep(100);
    assert.equal(runs, 0, 'a pause before the quiet moment cancels it');
    w.idle('u');
    await until(() => w.done);
    assert.equal(runs, 3);
  });

  it('work arriving during a run ends the series until the next idle()', async () => {
    let runs = 0;
    const w = new WarmUp(
      async () => {
        runs++;
        if (runs === 2) w.pause(); // an edit read while the second run awaited
        return true;
      },
      { ...FAST, runs: 50 },
    );
    w.idle('u');
    await until(() => runs >= 2);
    await sleep(60);
    assert.equal(runs, 2);
    assert.equal(w.done, false);
    w.idle('u');
    await until(() => w.done);
    assert.equal(runs, 50);
  });

  it('a run that did not check (nothing to check, or other work waits) does not count and ends the series', async () => {
    let calls = 0;
    const w = new WarmUp(async () => (calls++, false), { ...FAST, runs: 5 });
    w.idle('u');
    await until(() => calls === 1);
    await sleep(60);
    assert.equal(calls, 1);
    assert.equal(w.count, 0);
  });

  it('stops once its CPU budget is spent', async () => {
    let runs = 0;
    const w = new WarmUp(async () => (runs++, burn(10), true), { ...FAST, runs: 1000, cpuBudgetMs: 35 });
    w.idle('u');
    await until(() => w.done);
    await sleep(60);
    assert.ok(runs >= 3 && runs <= 4, `${runs} runs of 10 ms for a 35 ms budget`);
  });

  it('a document whose run costs more than a keystroke may wait is not warmed again; others still are', async () => {
    const seen: string[] = [];
    const w = new WarmUp(async (uri) => (seen.push(uri), burn(uri === 'slow' ? 30 : 1), true), {
      ...FAST,
      runs: 6,
      maxRunMs: 20,
    });
    w.idle('slow');
    await until(() => seen.length === 1);
    await sleep(60);
    assert.deepEqual(seen, ['slow'], 'one costly run ends the series');
    w.idle('slow');
    await sleep(60);
    assert.deepEqual(seen, ['slow'], 'and no later idle() warms it again');
    w.idle('small');
    await until(() => w.done);
    assert.deepEqual(seen, ['slow', 'small', 'small', 'small', 'small', 'small']);
  });

  it('a setup run may cost a few times more than a keystroke may wait; the runs after it may not', async () => {
    const costs: number[] = [];
    let n = 0;
    // Run 1 is setup at 30 ms (over maxRunMs 20, under four times it), then runs of 1 ms, then one of 30 ms.
    const w = new WarmUp(
      async () => {
        n++;
        const setup = n === 1;
        const ms = setup || n === 4 ? 30 : 1;
        costs.push(ms);
        burn(ms);
        return setup ? 'setup' : true;
      },
      { ...FAST, runs: 10, maxRunMs: 20 },
    );
    w.idle('doc');
    await until(() => n === 4);
    await sleep(60);
    assert.deepEqual(costs, [30, 1, 1, 30], 'the setup run went on, the costly ordinary run ended the series');
    w.idle('doc');
    await sleep(60);
    assert.equal(n, 4, 'and no later idle() warms it again');
  });

  it('a request holds warming back until a quiet moment after it, then warming goes on', async () => {
    let runs = 0;
    const w = new WarmUp(async () => (runs++, true), { idleMs: 60, gapMs: 1, runs: 1000, cpuBudgetMs: 1e6 });
    w.request();
    await sleep(100);
    assert.equal(runs, 0, 'before any publish a request starts nothing');
    w.idle('doc');
    await until(() => runs > 3);
    w.request();
    await sleep(5); // a run under way ends first
    const held = runs;
    await sleep(35);
    assert.equal(runs, held, 'no run within the quiet time after the request');
    await until(() => runs > held + 3, 2000);
    w.pause();
  });
});
