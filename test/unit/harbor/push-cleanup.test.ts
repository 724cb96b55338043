// A failed or cancelled push undoes the local tag it made: removed when the image has another name, the old image
// named again when the reference existed before, and kept (with a note in the advice) when it is the image's only
// name. Driven with a small in-memory stand-in for the dockerode calls tagAndPush makes.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { tagAndPush } from '../../../client/src/engine/push';
import { HarborError } from '../../../client/src/harbor/errors';
import { PushError } from '../../../client/src/engine/push-failures';
import { pushToHarbor } from '../../../client/src/harbor/push-flow';
import type { HarborClient } from '../../../client/src/harbor/client';

type Line = Record<string, unknown>;

/** Images by id and references → ids; push answers with `lines`, or never ends when `hang`. */
class FakeEngine {
  refs = new Map<string, string>();
  removed: string[] = [];
  lines: Line[] = [];
  hang = false;
  constructor(
    private readonly ids: string[],
    refs: Record<string, string> = {},
  ) {
    for (const [r, id] of Object.entries(refs)) this.refs.set(r, id);
  }
  private resolve(name: string): string | undefined {
    return this.refs.get(name) ?? (this.ids.includes(name) ? name : undefined);
  }
  getImage(name: string) {
    return {
      inspect: async () => {
        const id = this.resolve(name);
        if (!id) throw Object.assign(new Error(`no such image: ${name}`), { statusCode: 404 });
        return { Id: id, RepoTags: [...this.refs].filter(([, v]) => v === id).map(([r]) => r) };
      },
      tag: async ({ repo, tag }: { repo: string; tag: string }) => {
        const id = this.resolve(name);
        if (!id) throw new Error(`no such image: ${name}`);
        this.refs.set(`${repo}:${tag}`, id);
      },
      remove: async () => {
        this.refs.delete(name);
        this.removed.push(name);
      },
      push: async () => new PassThrough(),
    };
  }
  version = async () => ({});
  modem = {
    followProgress: (_s: unknown, done: (err: Error | null) => void, onLine: (l: Line) => void) => {
      if (this.hang) return;
      setImmediate(() => {
        for (const l of this.lines) onLine(l);
        done(null);
      });
    },
  };
  get docker(): Docker {
    return this as unknown as Docker;
  }
}

const target = { registry: 'harbor.example.com', repository: 'team/web', tag: 'v1' };
const REF = 'harbor.example.com/team/web:v1';
const failLine = { error: 'blob upload unknown', errorDetail: { message: 'blob upload unknown' } };
const failure = async (p: Promise<unknown>): Promise<PushError> => {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PushError, String(e));
    return e;
  }
  return assert.fail('the push succeeded');
};

describe('push: the local tag after a failed or cancelled push', () => {
  it('a failed push removes the tag it made when the image has another name', async () => {
    const engine = new FakeEngine(['sha256:aaa'], { 'web:1.0': 'sha256:aaa' });
    engine.lines = [failLine];
    const e = await failure(tagAndPush(engine.docker, 'web:1.0', target, undefined));
    assert.equal(e.failure.kind, 'other');
    assert.deepEqual(engine.removed, [REF]);
    assert.deepEqual([...engine.refs.keys()], ['web:1.0']);
    assert.deepEqual(e.failure.localTag, { reference: REF, removed: true });
    assert.doesNotMatch(e.failure.advice, /left in place/);
  });

  it('a cancelled push removes it too', async () => {
    const engine = new FakeEngine(['sha256:aaa'], { 'web:1.0': 'sha256:aaa' });
    engine.hang = true;
    const ctl = new AbortController();
    const pushing = tagAndPush(engine.docker, 'web:1.0', target, undefined, { signal: ctl.signal });
    setImmediate(() => ctl.abort());
    const e = await failure(pushing);
    assert.equal(e.failure.kind, 'cancelled');
    assert.equal(engine.refs.has(REF), false);
  });

  it('a reference that existed before names its old image again', async () => {
    const engine = new FakeEngine(['sha256:aaa', 'sha256:old'], { 'web:1.0': 'sha256:aaa', [REF]: 'sha256:old' });
    engine.lines = [failLine];
    const e = await failure(tagAndPush(engine.docker, 'web:1.0', target, undefined));
    assert.equal(engine.refs.get(REF), 'sha256:old');
    assert.equal(e.failure.localTag?.removed, true);
  });

  it("the tag that is the image's only name stays, and the advice says so", async () => {
    const engine = new FakeEngine(['sha256:eee']); // an unnamed image, pushed by id
    engine.lines = [failLine];
    const e = await failure(tagAndPush(engine.docker, 'sha256:eee', target, undefined));
    assert.equal(engine.refs.get(REF), 'sha256:eee');
    assert.deepEqual(engine.removed, []);
    assert.equal(e.failure.localTag?.removed, false);
    assert.match(
      e.failure.advice,
      /The local tag harbor\.example\.com\/team\/web:v1 made for this push was left in place \(it is the image's only name/,
    );
    assert.match(e.message, /left in place/);
  });

  it('a successful push keeps its tag', async () => {
    const engine = new FakeEngine(['sha256:aaa'], { 'web:1.0': 'sha256:aaa' });
    engine.lines = [{ aux: { Tag: 'v1', Digest: `sha256:${'1'.repeat(64)}`, Size: 5 } }];
    const r = await tagAndPush(engine.docker, 'web:1.0', target, undefined);
    assert.equal(r.digest, `sha256:${'1'.repeat(64)}`);
    assert.equal(engine.refs.get(REF), 'sha256:aaa');
  });

  it('through pushToHarbor: the note survives the rewritten advice of a rejected secret', async () => {
    const engine = new FakeEngine(['sha256:fff']);
    engine.lines = [
      {
        error: 'unauthorized: authentication required',
        errorDetail: { message: 'unauthorized: authentication required' },
      },
    ];
    const client = {
      conn: { url: 'https://harbor.example.com', username: 'dev', secret: 'pw' },
      verifyCredentials: async () => {
        throw new HarborError('unauthorized', 'no');
      },
    } as unknown as HarborClient;
    const e = await failure(
      pushToHarbor({ tagAndPush: (...a) => tagAndPush(engine.docker, ...a) }, client, 'harbor.example.com', {
        source: 'sha256:fff',
        project: 'team',
        repository: 'web',
        tag: 'v1',
      }),
    );
    assert.equal(e.failure.kind, 'unauthorized');
    assert.equal(e.failure.credentialsRejected, true);
    assert.match(e.failure.advice, /^Re-enter the password.*left in place/);
  });
});
