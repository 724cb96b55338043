// Engine events → stale data (engine/events.ts) → views to redraw (explorer/views.ts): the two tables, and the hub
// folding a burst of real-looking event lines into one change set.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import type { Engine } from '../../../client/src/engine/engine';
import { EventHub, effectOf, type BurstChanges } from '../../../client/src/engine/events';
import { viewsChangedBy } from '../../../client/src/explorer/views';

describe('event effects', () => {
  it('a container event names the container; create and destroy change the set of containers', () => {
    assert.deepEqual(effectOf({ Type: 'container', Action: 'start' }), { lists: [], container: 'state' });
    assert.deepEqual(effectOf({ Type: 'container', Action: 'destroy' }), { lists: [], container: 'membership' });
    assert.deepEqual(effectOf({ Type: 'container', status: 'create' }), { lists: [], container: 'membership' });
    assert.deepEqual(effectOf({ Type: 'container', Action: 'commit' }), { lists: ['images'] });
  });

  it('exec, attach and copies change nothing; image save and push neither', () => {
    for (const Action of ['exec_start: sh', 'exec_die', 'attach', 'resize', 'archive-path', 'top'])
      assert.deepEqual(effectOf({ Type: 'container', Action }), { lists: [] }, Action);
    assert.deepEqual(effectOf({ Type: 'image', Action: 'push' }), { lists: [] });
    assert.deepEqual(effectOf({ Type: 'image', Action: 'save' }), { lists: [] });
    assert.deepEqual(effectOf({ Type: 'plugin', Action: 'enable' }), { lists: [] });
  });

  it('other kinds re-read their own list; a daemon event re-reads them all', () => {
    assert.deepEqual(effectOf({ Type: 'image', Action: 'tag' }).lists, ['images']);
    assert.deepEqual(effectOf({ Type: 'network', Action: 'connect' }).lists, ['networks']);
    assert.deepEqual(effectOf({ Type: 'volume', Action: 'mount' }).lists, ['volumes']);
    assert.deepEqual(effectOf({ Type: 'daemon', Action: 'reload' }).lists, [
      'containers',
      'images',
      'volumes',
      'networks',
    ]);
  });
});

describe('views a change set redraws', () => {
  it('a container state change redraws Containers only; a new or removed container also the in-use markers', () => {
    assert.deepEqual(viewsChangedBy({ lists: [], containerIds: ['a'] }), ['containers']);
    assert.deepEqual(viewsChangedBy({ lists: [], containerIds: ['a'], containerSetChanged: true }), [
      'containers',
      'images',
      'volumes',
    ]);
  });

  it('a re-read list redraws every view that shows it', () => {
    assert.deepEqual(viewsChangedBy({ lists: ['networks'] }), ['networks']);
    assert.deepEqual(viewsChangedBy({ lists: ['images'] }), ['images']);
    assert.deepEqual(viewsChangedBy({ lists: ['containers'] }), ['containers', 'images', 'volumes']);
    assert.deepEqual(viewsChangedBy({ lists: [] }), []);
  });
});

describe('event hub bursts', () => {
  it('folds a burst into one change set: ids with their last action, lists once, set changes kept', async () => {
    const stream = new PassThrough();
    const engine = { events: async () => stream } as unknown as Engine;
    const seen: Array<{ reason: string; changes?: BurstChanges }> = [];
    const hub = new EventHub({
      engine: async () => engine,
      refresh: (reason, changes) => seen.push({ reason, changes }),
      debounceMs: 20,
      maxWaitMs: 1000,
    });
    hub.start();
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual([...seen], [{ reason: 'resync', changes: undefined }]);
    const line = (o: object) => JSON.stringify(o) + '\n';
    stream.write(line({ Type: 'container', Action: 'create', Actor: { ID: 'c1' } }));
    stream.write(line({ Type: 'container', Action: 'start', Actor: { ID: 'c1' } }));
    // A line torn across two chunks is put back together.
    const torn = line({ Type: 'volume', Action: 'create', Actor: { ID: 'v1' } });
    stream.write(torn.slice(0, 9));
    stream.write(torn.slice(9));
    stream.write(line({ Type: 'volume', Action: 'create', Actor: { ID: 'v2' } }));
    stream.write(line({ Type: 'container', Action: 'exec_start: sh', Actor: { ID: 'c2' } }));
    await new Promise((r) => setTimeout(r, 80));
    hub.stop();
    assert.equal(seen.length, 2, JSON.stringify(seen));
    const burst = seen[1];
    assert.deepEqual(burst, {
      reason: 'event',
      changes: {
        lists: ['volumes'],
        containerIds: ['c1'],
        containerActions: { c1: 'start' },
        containerSetChanged: true,
      },
    });
    assert.deepEqual(viewsChangedBy(burst.changes!), ['containers', 'images', 'volumes']);
  });
});
