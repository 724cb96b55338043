// Following logs survives a restart: lines from before and after arrive once each, in order, and the follower
// notes the stop and the restart instead of ending.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { followLogs, sinceSeconds } from '../../client/src/engine/logs';
import { runContainer } from '../../client/src/engine/run';
import { FIXTURE_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { until } from '../support/wait';

const engineRun = new EngineTestRun();
const { docker, labels } = engineRun;

describe('logs', () => {
  after(() => engineRun.cleanup());

  it('parses since durations', () => {
    assert.equal(sinceSeconds('10m', 1_000_000_000), 1_000_000 - 600);
    assert.equal(sinceSeconds(12), 12);
    assert.throws(() => sinceSeconds('yesterday-ish'), /not a time/);
  });

  it('follows stdout and stderr across a restart without repeating lines', async () => {
    // Each start prints a numbered "boot" line to stdout, a line to stderr, then stays up until stopped.
    const c = await runContainer(docker, {
      image: FIXTURE_IMAGE,
      labels: labels,
      cmd: [
        'sh',
        '-c',
        'n=$(cat /tmp/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/n; echo boot-$n; echo warn-$n >&2; exec sleep 300',
      ],
    });
    const lines: string[] = [];
    const notes: string[] = [];
    const ac = new AbortController();
    const following = followLogs(docker, c.id, {
      signal: ac.signal,
      pollMs: 100,
      onLine: (l, s) => lines.push(`${s}:${l}`),
      onNote: (n) => notes.push(n),
    });
    await until(() => lines.includes('stdout:boot-1') && lines.includes('stderr:warn-1'), 'first boot', 20_000, 50);
    await c.container.restart({ t: 0 });
    await until(() => lines.includes('stdout:boot-2'), 'second boot', 20_000, 50);
    await c.container.stop({ t: 0 });
    await c.container.start();
    await until(() => lines.includes('stdout:boot-3') && lines.includes('stderr:warn-3'), 'third boot', 20_000, 50);
    ac.abort();
    await following;
    assert.deepEqual(
      lines.filter((l) => l.startsWith('stdout:')),
      ['stdout:boot-1', 'stdout:boot-2', 'stdout:boot-3'],
    );
    assert.ok(
      notes.some((n) => /started again/.test(n)),
      `notes: ${notes.join(' | ')}`,
    );
  });

  it('honours tail and timestamps', async () => {
    const c = await runContainer(docker, {
      image: FIXTURE_IMAGE,
      labels: labels,
      cmd: ['sh', '-c', 'for i in 1 2 3 4 5; do echo l$i; done; exec sleep 300'],
    });
    await new Promise((r) => setTimeout(r, 500));
    const lines: string[] = [];
    const ac = new AbortController();
    const following = followLogs(docker, c.id, {
      signal: ac.signal,
      tail: 2,
      timestamps: true,
      onLine: (l) => lines.push(l),
    });
    await until(() => lines.length >= 2, 'tail lines', 20_000, 50);
    await new Promise((r) => setTimeout(r, 300));
    ac.abort();
    await following;
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^\d{4}-\d\d-\d\dT[\d:.]+Z l4$/);
    assert.match(lines[1], /Z l5$/);
  });
});
