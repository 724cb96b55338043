// Files inside containers through the archive API alone, on the real engine (dockerd and Podman): listing, stat,
// read and write on a running container and on a stopped one, symbolic links kept as links, and errors that say what
// happened. The container's own shell (busybox) is the witness: what Berth writes, `cat` reads back, and the other
// way round.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import {
  listContainerDirectory,
  readContainerFile,
  statContainerPath,
  writeContainerFile,
  makeContainerDirectory,
} from '../../client/src/engine/container-files';
import { EngineError } from '../../client/src/engine/errors';
import {
  BUSYBOX_IMAGE,
  ENGINE_KIND,
  ON_PODMAN,
  TEST_LABEL,
  removeTestObjects,
  testDocker,
} from '../support/engine-env';

const docker = testDocker();
const run = randomUUID().slice(0, 8);

async function sh(c: Docker.Container, script: string): Promise<string> {
  const exec = await c.exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    docker.modem.demuxStream(stream, { write: (b: Buffer) => out.push(b) } as never, { write: () => true } as never);
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return Buffer.concat(out).toString('utf8');
}

describe(`files inside a container through the archive API (${ENGINE_KIND})`, () => {
  let running: Docker.Container;
  let stopped: Docker.Container;

  before(async () => {
    running = await docker.createContainer({
      Image: BUSYBOX_IMAGE,
      name: `berth-files-${run}`,
      Cmd: ['sh', '-c', 'sleep 600'],
      Labels: { [TEST_LABEL]: run },
    });
    await running.start();
    await sh(
      running,
      'mkdir -p /data/sub/deeper && echo hello > /data/a.txt && echo x > /data/sub/deeper/z && ln -s /etc/passwd /data/link && chmod 0750 /data/sub',
    );
    stopped = await docker.createContainer({
      Image: BUSYBOX_IMAGE,
      name: `berth-files-stopped-${run}`,
      Cmd: ['true'],
      Labels: { [TEST_LABEL]: run },
    });
  });
  after(async () => {
    await removeTestObjects(docker, run);
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
    const gone = await docker.createContainer({ Image: BUSYBOX_IMAGE, Cmd: ['true'], Labels: { [TEST_LABEL]: run } });
    await gone.remove();
    await assert.rejects(statContainerPath(docker, gone.id, '/etc'), /no longer exists/);
  });
});
