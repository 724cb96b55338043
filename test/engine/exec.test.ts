// Exec through the terminal core that backs Berth's shell terminals: keystrokes in, output out, exit code shown,
// with a TTY (interactive shell, resize) and without (one-off command, demultiplexed stdout/stderr).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { attachSession, execCollect, probeShell, startExec } from '../../client/src/engine/exec';
import { createContainer, runContainer } from '../../client/src/engine/run';
import { ProcessTerminalCore } from '../../client/src/commands/terminal-core';
import { FIXTURE_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { until } from '../support/wait';

const engineRun = new EngineTestRun();
const { docker, labels } = engineRun;
let id = '';

function terminal(cmd: string[], tty: boolean) {
  let screen = '';
  let closed: number | undefined | null = null;
  const core = new ProcessTerminalCore(
    (dims, onOutput) =>
      startExec(docker, id, { cmd, tty, stdin: tty, cols: dims?.columns, rows: dims?.rows, onOutput }),
    {
      write: (t) => {
        screen += t;
      },
      close: (c) => {
        closed = c;
      },
    },
    tty,
  );
  return { core, screen: () => screen, closed: () => closed };
}

describe('exec', () => {
  before(async () => {
    id = (await runContainer(docker, { image: FIXTURE_IMAGE, cmd: ['sleep', '300'], labels: labels })).id;
  });
  after(() => engineRun.cleanup());

  it('probes the shell without quoting: no bash in busybox, so sh', async () => {
    assert.equal(await probeShell(docker, id), 'sh');
    assert.equal(await probeShell(docker, id, ['bash', 'zsh']), undefined);
  });

  it('round-trips echo through an interactive TTY terminal, forwards resize, shows the exit code', async () => {
    const t = terminal(['sh'], true);
    await t.core.open({ columns: 100, rows: 30 });
    t.core.input('stty size; echo round-$((40+2))-trip\r');
    await until(() => /round-42-trip/.test(t.screen()), 'echo output', 10_000, 25);
    assert.match(t.screen(), /30 100/, 'the initial size reached the TTY');
    t.core.resize({ columns: 120, rows: 40 });
    await new Promise((r) => setTimeout(r, 200));
    t.core.input('stty size\r');
    await until(() => /40 120/.test(t.screen()), 'resized size', 10_000, 25);
    t.core.input('exit 7\r');
    assert.equal(await t.core.exited, 7);
    assert.match(t.screen(), /exited with code 7/);
    t.core.input('x');
    assert.equal(t.closed(), 7, 'a key after the exit closes the terminal');
  });

  it('round-trips echo without a TTY, demultiplexing stderr, with CRLF for the terminal', async () => {
    const t = terminal(['sh', '-c', 'echo out-line; echo err-line >&2; exit 3'], false);
    await t.core.open();
    assert.equal(await t.core.exited, 3);
    assert.match(t.screen(), /out-line\r\n/);
    assert.match(t.screen(), /err-line\r\n/);
    const r = await execCollect(docker, id, ['sh', '-c', 'echo a; echo b >&2']);
    assert.deepEqual(r, { code: 0, stdout: 'a\n', stderr: 'b\n' });
  });

  it('attaches a terminal to an interactive run (created, attached, then started) and reports its exit', async () => {
    const created = await createContainer(docker, {
      image: FIXTURE_IMAGE,
      cmd: ['sh'],
      interactive: true,
      labels: labels,
    });
    let screen = '';
    const core = new ProcessTerminalCore(
      (dims, onOutput) => attachSession(docker, created.id, { cols: dims?.columns, rows: dims?.rows, onOutput }),
      {
        write: (t) => {
          screen += t;
        },
        close: () => undefined,
      },
      true,
    );
    await core.open({ columns: 90, rows: 20 });
    core.input('echo attached-$((2*21)); stty size\r');
    await until(() => /attached-42/.test(screen) && /20 90/.test(screen), 'attached output', 10_000, 25);
    core.input('exit 4\r');
    assert.equal(await core.exited, 4);
    assert.equal((await created.container.inspect()).State.ExitCode, 4);
  });
});
