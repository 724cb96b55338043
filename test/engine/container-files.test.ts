// Files inside containers through the archive API alone, on the real engine (dockerd and Podman): listing, stat,
// read and write on a running container and on a stopped one, symbolic links kept as links, and errors that say what
// happened. The container's own shell (busybox) is the witness: what Berth writes, `cat` reads back, and the other
// way round.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { listContainerFolder } from '../../client/src/engine/container-files/listing';
import { statContainerPath } from '../../client/src/engine/container-files/path';
import { listContainerDirectory, readContainerFile } from '../../client/src/engine/container-files/read';
import { removeContainerPath, renameContainerPath } from '../../client/src/engine/container-files/shell';
import { downloadContainerPath, uploadToContainer } from '../../client/src/engine/container-files/transfer';
import { makeContainerDirectory, writeContainerFile } from '../../client/src/engine/container-files/write';
import { EngineError } from '../../client/src/engine/errors';
import { shellIn } from '../support/container-shell';
import { ENGINE_KIND, ON_PODMAN } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';

const engineRun = new EngineTestRun();
const { docker, id: run } = engineRun;

const sh = (c: Docker.Container, script: string) => shellIn(docker, c, script);

describe(`files inside a container through the archive API (${ENGINE_KIND})`, () => {
  let running: Docker.Container;
  let stopped: Docker.Container;

  before(async () => {
    running = await engineRun.busybox({ name: `berth-files-${run}`, script: 'sleep 600' });
    await sh(
      running,
      'mkdir -p /data/sub/deeper && echo hello > /data/a.txt && echo x > /data/sub/deeper/z && ln -s /etc/passwd /data/link && chmod 0750 /data/sub',
    );
    stopped = await engineRun.busybox({ name: `berth-files-stopped-${run}`, script: 'true', start: false });
  });
  after(async () => {
    await engineRun.cleanup();
  });

  it('lists a folder: direct children only, with types, sizes, modes and links as links', async () => {
    const listing = await listContainerDirectory(docker, running.id, '/data');
    assert.equal(listing.complete, true);
    const byName = Object.fromEntries(listing.entries.map((e) => [e.name, e]));
    assert.deepEqual(Object.keys(byName).sort(), ['a.txt', 'link', 'sub']);
    assert.equal(byName['a.txt']!.type, 'file');
    assert.equal(byName['a.txt']!.size, 6);
    assert.equal(byName.sub!.type, 'directory');
    assert.equal(byName.sub!.mode, 0o750);
    assert.equal(byName.link!.type, 'symlink');
    assert.equal(byName.link!.linkTarget, '/etc/passwd');
  });

  it('stops reading a big folder at its byte budget and says the listing is incomplete', async () => {
    const listing = await listContainerDirectory(docker, running.id, '/bin', { maxBytes: 64 * 1024 });
    assert.equal(listing.complete, false);
    const full = await listContainerDirectory(docker, running.id, '/bin');
    assert.equal(full.complete, true);
    assert.ok(full.entries.length > listing.entries.length, `${full.entries.length} vs ${listing.entries.length}`);
  });

  it('stats a file, a folder and a link without following it', async () => {
    const file = await statContainerPath(docker, running.id, '/data/a.txt');
    assert.deepEqual([file.type, file.size, file.name], ['file', 6, 'a.txt']);
    assert.equal((await statContainerPath(docker, running.id, '/data/sub')).type, 'directory');
    const link = await statContainerPath(docker, running.id, '/data/link');
    assert.deepEqual([link.type, link.linkTarget], ['symlink', '/etc/passwd']);
  });

  it('writes a file the container reads back byte for byte, keeping the mode given', async () => {
    const bytes = randomBytes(200_000);
    await writeContainerFile(docker, running.id, '/data/blob.bin', bytes, { mode: 0o600 });
    assert.deepEqual(await readContainerFile(docker, running.id, '/data/blob.bin'), bytes);
    assert.equal((await sh(running, 'stat -c %a /data/blob.bin')).trim(), '600');
    assert.equal(
      (await sh(running, 'md5sum /data/blob.bin')).split(' ')[0],
      createHash('md5').update(bytes).digest('hex'),
    );
  });

  it('reads and writes files of a stopped container', async () => {
    await writeContainerFile(docker, stopped.id, '/etc/berth-note', Buffer.from('written while stopped\n'));
    assert.equal(
      (await readContainerFile(docker, stopped.id, '/etc/berth-note')).toString(),
      'written while stopped\n',
    );
    await makeContainerDirectory(docker, stopped.id, '/etc/new-folder');
    assert.equal((await statContainerPath(docker, stopped.id, '/etc/new-folder')).type, 'directory');
  });

  it('says what went wrong: a missing path, a folder opened as a file, a removed container', async () => {
    await assert.rejects(readContainerFile(docker, running.id, '/data/nope'), (e: EngineError) => {
      assert.match(e.message, /\/data\/nope does not exist/);
      return true;
    });
    await assert.rejects(readContainerFile(docker, running.id, '/data/sub'), /is a folder, not a file/);
    if (ON_PODMAN) {
      // Podman (4.3) creates the missing folder of a PUT archive where dockerd refuses it: the write succeeds.
      await writeContainerFile(docker, running.id, '/nowhere/x', Buffer.from('x'));
      assert.equal((await readContainerFile(docker, running.id, '/nowhere/x')).toString(), 'x');
    } else
      await assert.rejects(
        writeContainerFile(docker, running.id, '/nowhere/x', Buffer.from('x')),
        /\/nowhere does not exist/,
      );
    const gone = await engineRun.busybox({ script: 'true', start: false });
    await gone.remove();
    await assert.rejects(statContainerPath(docker, gone.id, '/etc'), /no longer exists/);
  });

  it('lists / of a running container with find, of a stopped one from the archive, both complete', async () => {
    const live = await listContainerFolder(docker, running.id, '/', { running: true });
    assert.equal(live.source, 'find');
    assert.equal(live.complete, true);
    const names = live.entries.map((e) => e.name);
    for (const n of ['bin', 'etc', 'data']) assert.ok(names.includes(n), names.join(' '));
    assert.equal(live.entries.find((e) => e.name === 'etc')?.type, 'directory');
    const still = await listContainerFolder(docker, stopped.id, '/', { running: false });
    assert.deepEqual([still.source, still.complete], ['archive', true]);
    assert.ok(still.entries.some((e) => e.name === 'etc' && e.type === 'directory'));
  });

  it('takes names with glob characters literally where the engine can', async () => {
    // busybox's `[` and `[[`: Podman expands globs in archive paths, so Berth asks it again with the name escaped.
    const bracket = await statContainerPath(docker, running.id, '/bin/[');
    assert.deepEqual([bracket.name, bracket.type], ['[', 'symlink']);
    await sh(running, "printf odd > '/data/odd[1]*.txt' && printf even > '/data/odd1x.txt'");
    if (ON_PODMAN)
      // Podman (4.3) finds this name neither as written nor escaped: its archive API cannot address it.
      await assert.rejects(readContainerFile(docker, running.id, '/data/odd[1]*.txt'), /does not exist/);
    else {
      assert.equal((await statContainerPath(docker, running.id, '/data/odd[1]*.txt')).name, 'odd[1]*.txt');
      assert.equal((await readContainerFile(docker, running.id, '/data/odd[1]*.txt')).toString(), 'odd');
    }
  });

  it('asks find once a folder outgrows the byte budget, and agrees with the full archive listing', async () => {
    const viaFind = await listContainerFolder(docker, running.id, '/bin', { running: true, maxBytes: 64 * 1024 });
    assert.deepEqual([viaFind.source, viaFind.complete], ['find', true]);
    const full = await listContainerDirectory(docker, running.id, '/bin');
    // The archive gives a link's target as written (`busybox`), the path-stat header the engine's resolved path
    // (`/bin/busybox`): compared resolved. Podman cannot tell the target of `[` and `[[` (it answers for them only
    // escaped, with the escaped path as target), so there those two are compared by name and type.
    const unknownTarget = (name: string) => ON_PODMAN && /[[\]*?]/.test(name);
    const shape = (l: { entries: Array<{ name: string; type: string; linkTarget?: string }> }) =>
      l.entries
        .map((e) => {
          const target = e.linkTarget && !unknownTarget(e.name) ? posix.resolve('/bin', e.linkTarget) : '';
          return `${e.name} ${e.type} ${target}`;
        })
        .sort();
    assert.deepEqual(shape(viaFind), shape(full));
    const partial = await listContainerFolder(docker, stopped.id, '/bin', { running: false, maxBytes: 64 * 1024 });
    assert.deepEqual([partial.source, partial.complete], ['archive', false]);
  });

  it("deletes and renames with the container's own rm and mv; a stopped container says to start it", async () => {
    await sh(
      running,
      'mkdir -p /trash/full/inner && echo 1 > /trash/full/inner/f && echo 2 > /trash/one && mkdir /trash/empty',
    );
    await removeContainerPath(docker, running.id, '/trash/one', { directory: false, recursive: false });
    await assert.rejects(
      removeContainerPath(docker, running.id, '/trash/full', { directory: true, recursive: false }),
      /not empty/,
    );
    await removeContainerPath(docker, running.id, '/trash/full', { directory: true, recursive: true });
    await removeContainerPath(docker, running.id, '/trash/empty', { directory: true, recursive: false });
    assert.equal((await sh(running, 'ls -A /trash')).trim(), '');
    await writeContainerFile(docker, running.id, '/trash/old-name', Buffer.from('moved'));
    await renameContainerPath(docker, running.id, '/trash/old-name', '/trash/new-name');
    assert.equal((await sh(running, 'cat /trash/new-name; ls /trash')).trim(), 'movednew-name');
    await assert.rejects(
      removeContainerPath(docker, stopped.id, '/etc/berth-note', { directory: false, recursive: false }),
      /Start the container first/,
    );
  });

  it('uploads a host folder and downloads it back byte for byte, links as links, mode bits kept', async () => {
    const host = await fs.mkdtemp(join(tmpdir(), 'berth-files-'));
    try {
      const src = join(host, 'tree');
      await fs.mkdir(join(src, 'nested'), { recursive: true });
      const blob = randomBytes(300_000);
      await fs.writeFile(join(src, 'nested', 'blob.bin'), blob);
      await fs.writeFile(join(src, 'run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
      await fs.symlink('/etc/passwd', join(src, 'passwd-link'));
      let uploaded = 0;
      await uploadToContainer(docker, running.id, [src], '/tmp', { onProgress: (n) => (uploaded = n) });
      assert.ok(uploaded > 300_000, `progress ${uploaded}`);
      assert.equal(
        (
          await sh(
            running,
            'stat -c %a /tmp/tree/run.sh; readlink /tmp/tree/passwd-link; md5sum < /tmp/tree/nested/blob.bin',
          )
        )
          .split(/\s+/)
          .slice(0, 3)
          .join(' '),
        `755 /etc/passwd ${createHash('md5').update(blob).digest('hex')}`,
      );
      const back = join(host, 'back');
      await fs.mkdir(back);
      const target = await downloadContainerPath(docker, running.id, '/tmp/tree', back);
      assert.equal(target, join(back, 'tree'));
      assert.deepEqual(await fs.readFile(join(target, 'nested', 'blob.bin')), blob);
      assert.equal((await fs.stat(join(target, 'run.sh'))).mode & 0o777, 0o755);
      assert.equal(await fs.readlink(join(target, 'passwd-link')), '/etc/passwd');
      assert.deepEqual(await fs.readdir(back), ['tree'], 'no staging folder left behind');
      await assert.rejects(downloadContainerPath(docker, running.id, '/tmp/tree', back), /already exists/);
      await downloadContainerPath(docker, running.id, '/tmp/tree', back, { overwrite: true });
    } finally {
      await fs.rm(host, { recursive: true, force: true });
    }
  });

  it('a cancelled download leaves nothing on the host', async () => {
    await sh(running, 'mkdir -p /big && head -c 30000000 /dev/urandom > /big/a && cp /big/a /big/b');
    const host = await fs.mkdtemp(join(tmpdir(), 'berth-files-'));
    try {
      const ac = new AbortController();
      await assert.rejects(
        downloadContainerPath(docker, running.id, '/big', host, {
          signal: ac.signal,
          onProgress: (n) => n > 5_000_000 && ac.abort(),
        }),
        (e: EngineError) => e.kind === 'cancelled',
      );
      assert.deepEqual(await fs.readdir(host), []);
    } finally {
      await fs.rm(host, { recursive: true, force: true });
    }
  });
});
