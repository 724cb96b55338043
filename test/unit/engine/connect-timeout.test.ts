// An engine address that accepts TCP and then stays silent (a firewall, another service, a hung daemon) must end
// as "not answering" within 10 s, not "connecting" for ever. The listener here accepts and never writes a byte.
import { strict as assert } from 'node:assert';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CONNECT_TIMEOUT_MS, Engine } from '../../../client/src/engine/engine';
import { EngineError } from '../../../client/src/engine/errors';
import { EngineManager, type EngineState } from '../../../client/src/engine/manager';

describe('engine connect timeout', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let host = '';
  before(async () => {
    server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    host = `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('is 10 s', () => assert.equal(CONNECT_TIMEOUT_MS, 10_000));

  it(
    'reports a silent host as not answering within ~10 s, and the manager leaves "connecting"',
    { timeout: 60_000 },
    async () => {
      const manager = new EngineManager({ settingHost: () => host, env: {} });
      const states: EngineState['kind'][] = [];
      manager.onDidChangeState((s) => states.push(s.kind));
      const started = Date.now();
      await assert.rejects(
        manager.get(),
        (e: unknown) =>
          e instanceof EngineError &&
          e.kind === 'timeout' &&
          e.unreachable &&
          /not answering/.test(e.message) &&
          e.message.includes('127.0.0.1'),
      );
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 12_000, `took ${elapsed} ms`);
      assert.ok(elapsed >= 9_000, `gave up too early: ${elapsed} ms`);
      assert.deepEqual(states, ['connecting', 'unreachable']);
      assert.equal(manager.current.kind, 'unreachable');
    },
  );

  it('still lets the caller cancel (kind cancelled, not timeout)', { timeout: 30_000 }, async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 200);
    await assert.rejects(
      Engine.connect({ source: 'setting', host, label: host }, ctl.signal),
      (e: unknown) => e instanceof EngineError && e.kind === 'cancelled',
    );
  });

  it('takes a shorter timeout when asked', { timeout: 30_000 }, async () => {
    await assert.rejects(
      Engine.connect({ source: 'setting', host, label: host }, undefined, 300),
      (e: unknown) => e instanceof EngineError && e.kind === 'timeout' && /within 0\.3 s/.test(e.message),
    );
  });
});
