// Builds through the real engine: examples/ with a build arg and a target stage (image + label asserted), a RUN
// failure mapped to its Dockerfile line with both builders, and a cancelled long build that leaves no container.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { BuildError, buildImage, engineBuilder, type BuildEvent } from '../../client/src/engine/build';
import { BUSYBOX_IMAGE, ON_PODMAN } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';

const engineRun = new EngineTestRun();
const { docker, id: run, labels, labelFilter } = engineRun;
const root = path.resolve(import.meta.dirname, '../..');
const made: string[] = [];

function tempContext(dockerfile: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-build-'));
  writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  made.push(dir);
  return dir;
}

/** Processes on this host whose command line holds `text` (the engines run their containers here). */
function processesWith(text: string): number {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text)) n++;
    } catch {
      /* gone meanwhile */
    }
  }
  return n;
}

describe('build', () => {
  after(async () => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
    // The images this run built carry its label; EngineTestRun removes the images it is named.
    const images = await docker.listImages({ filters: JSON.stringify({ label: [labelFilter] }) });
    await engineRun.cleanup(...images.map((i) => i.Id));
  });

  it('builds examples/ at stage "runtime" with APP_VERSION and reports steps', async () => {
    const tag = `berth-test/example-${run}:latest`;
    const events: BuildEvent[] = [];
    const r = await buildImage(docker, {
      contextDir: path.join(root, 'examples'),
      tag,
      buildArgs: { APP_VERSION: '7.7.7' },
      target: 'runtime',
      labels,
      onEvent: (e) => events.push(e),
    });
    assert.match(r.imageId, /^sha256:[0-9a-f]{64}$/);
    const info = await docker.getImage(tag).inspect();
    assert.equal(info.Id, r.imageId);
    assert.equal(info.Config.Labels['org.opencontainers.image.version'], '7.7.7');
    assert.equal(info.Config.Labels['org.opencontainers.image.title'], 'berth-example');
    assert.deepEqual(Object.keys(info.Config.ExposedPorts ?? {}), ['8080/tcp']);
    assert.ok(
      events.some((e) => e.kind === 'step' && /COPY --from=build/.test(e.text)),
      'steps are reported',
    );
    assert.ok(
      events.some((e) => e.kind === 'context' && e.sentBytes > 0),
      'context upload is reported',
    );
  });

  it('picks BuildKit on dockerd and the classic API on Podman, which has no BuildKit session endpoint', async () => {
    assert.equal(await engineBuilder(docker), ON_PODMAN ? 'classic' : 'buildkit');
  });

  // Podman's builder (Buildah) answers classic requests only: BuildKit requests are dockerd's.
  for (const builder of ON_PODMAN ? (['classic'] as const) : (['buildkit', 'classic'] as const)) {
    it(`reports the Dockerfile line of a failing RUN step (${builder})`, async () => {
      if (builder === 'buildkit') assert.equal(await engineBuilder(docker), 'buildkit', 'this engine offers BuildKit');
      const dir = tempContext(
        `FROM ${BUSYBOX_IMAGE}\nRUN echo one\n# a comment\nRUN echo two && \\\n    exit 3\nRUN echo never\n`,
      );
      const err = await buildImage(docker, {
        contextDir: dir,
        builder,
        noCache: true,
        labels,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof BuildError, `BuildError expected, got ${String(err)}`);
      assert.equal(err.cancelled, false);
      assert.equal(err.line, 3, `line of "RUN echo two" (0-based), step ${err.step}`);
      assert.match(err.message, /exit code: 3|non-zero code: 3|exit status 3/);
      const left = await docker.listContainers({ all: true, filters: JSON.stringify({ ancestor: [BUSYBOX_IMAGE] }) });
      assert.equal(left.filter((c) => /exit 3/.test(c.Command)).length, 0, 'forcerm removed the failed step container');
    });

    it(`cancels a long build and leaves no container (${builder})`, async () => {
      const marker = `berth-sleep-${run}-${builder}`;
      const dir = tempContext(`FROM ${BUSYBOX_IMAGE}\nRUN echo ${marker} && sleep 120\n`);
      const ac = new AbortController();
      const started = Date.now();
      const p = buildImage(docker, {
        contextDir: dir,
        builder,
        noCache: true,
        signal: ac.signal,
        labels,
        onEvent: (e) => {
          if (e.kind === 'step' && /sleep 120/.test(e.text)) setTimeout(() => ac.abort(), 1000);
        },
      });
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof BuildError && err.cancelled, `cancelled BuildError expected, got ${String(err)}`);
      assert.ok(Date.now() - started < 30_000, 'stopped well before the sleep ended');
      // The engine removes the step container shortly after the client hung up.
      let left = 1;
      for (let i = 0; i < 40 && left; i++) {
        left = (await docker.listContainers({ all: true })).filter((c) => c.Command.includes(marker)).length;
        if (left) await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(left, 0, 'no container of the cancelled build is left');
      // Podman's build containers are Buildah's and not listed: the step's process itself must be gone too.
      let running = 1;
      for (let i = 0; i < 40 && running; i++) {
        running = processesWith(marker);
        if (running) await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(running, 0, 'the cancelled step stopped running');
    });
  }
});
