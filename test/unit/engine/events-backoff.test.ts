// The event hub's reconnect backoff against an engine that accepts /events and closes the stream at once: the
// delays must grow, and go back to the initial one only after a stream that stayed up for the stable time.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import type { Engine } from '../../../client/src/engine/engine';
import { EventHub, type HubTimers } from '../../../client/src/engine/events';

/** Timers run by hand: `due()` lists what is scheduled, `fire()` runs the earliest one. */
class ManualTimers implements HubTimers {
  clock = 0;
  private next = 1;
  private queue = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }
  now(): number {
    return this.clock;
  }
  due(): number[] {
    return [...this.queue.values()].map((t) => t.ms);
  }
  fire(): number {
    const [id, t] = [...this.queue.entries()].sort((a, b) => a[1].ms - b[1].ms)[0];
    this.queue.delete(id);
    this.clock += t.ms;
    t.fn();
    return t.ms;
  }
}

const settle = () => new Promise<void>((r) => setImmediate(r));

function flakyEngine() {
  const streams: PassThrough[] = [];
  const engine = {
    events: async () => {
      const s = new PassThrough();
      streams.push(s);
      return s;
    },
  } as unknown as Engine;
  return { engine, streams };
}

describe('event hub reconnect backoff', () => {
  it('grows the delay for a stream that opens and closes at once, again and again', async () => {
    const timers = new ManualTimers();
    const { engine, streams } = flakyEngine();
    let resyncs = 0;
    const hub = new EventHub({
      engine: async () => engine,
      refresh: (reason) => {
        if (reason === 'resync') resyncs++;
      },
      timers,
      backoffInitialMs: 250,
      backoffMaxMs: 5000,
    });
    hub.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      await settle();
      assert.equal(streams.length, i + 1, 'connected');
      streams[i].destroy(); // the engine closes the stream at once
      await settle();
      assert.equal(timers.due().length, 1, 'one reconnect scheduled');
      delays.push(timers.fire());
    }
    hub.stop();
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    assert.equal(resyncs, 8);
  });

  it('resets the delay after a stream that stayed up for the stable time', async () => {
    const timers = new ManualTimers();
    const { engine, streams } = flakyEngine();
    const hub = new EventHub({
      engine: async () => engine,
      refresh: () => undefined,
      timers,
      backoffInitialMs: 100,
      backoffMaxMs: 10_000,
      stableMs: 30_000,
    });
    hub.start();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await settle();
      streams[i].destroy();
      await settle();
      delays.push(timers.fire());
    }
    await settle();
    timers.clock += 29_999; // not quite stable
    streams[3].destroy();
    await settle();
    delays.push(timers.fire());
    await settle();
    timers.clock += 30_000; // stable: the engine is healthy again
    streams[4].destroy();
    await settle();
    delays.push(timers.fire());
    hub.stop();
    assert.deepEqual(delays, [100, 200, 400, 800, 100]);
  });
});
