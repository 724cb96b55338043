// The Registries view's store and model (no VS Code) against the stateful Harbor stand-in: the tree as a user
// expands it, paging with "Load more", failures as children with a way out, and forgetting a subtree.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { HarborInstance } from '../../../client/src/harbor/instances';
import { HarborClient } from '../../../client/src/harbor/client';
import { PAGE_SIZE, lookOf, type RegistryNode } from '../../../client/src/harbor/tree/model';
import { RegistryStore } from '../../../client/src/harbor/tree/store';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let harbor: HarborStandIn;

function instance(username: string): HarborInstance {
  return {
    id: `i-${username}`,
    url: harbor.url,
    registryUrl: harbor.hostPort,
    username,
    accountKind: username.startsWith('robot$') ? 'robot' : 'user',
  } as HarborInstance;
}

function storeFor(secrets: Record<string, string | undefined>, logged: string[] = []): RegistryStore {
  return new RegistryStore(
    {
      list: () => Object.keys(secrets).map(instance),
      client: async (inst) => {
        const secret = secrets[inst.username];
        return secret === undefined ? undefined : new HarborClient({ url: inst.url, username: inst.username, secret });
      },
    },
    (m) => logged.push(m),
  );
}

const labels = (nodes: RegistryNode[], scanning = false) => nodes.map((n) => lookOf(n, scanning).label);
const find = (nodes: RegistryNode[], label: string) => {
  const n = nodes.find((x) => lookOf(x, false).label === label);
  assert.ok(n, `"${label}" among ${labels(nodes).join(', ')}`);
  return n;
};

describe('Registries tree store against the Harbor stand-in', () => {
  before(async () => {
    harbor = await startHarborStandIn({ state: seededState() });
  });
  after(() => harbor.close());

  it('expands instance → projects → repositories → artifacts with what each item shows', async () => {
    const store = storeFor({ dev: 'dev-secret-pw' });
    const [root] = await store.children();
    assert.equal(root.kind, 'instance');
    const projects = await store.children(root);
    assert.deepEqual(labels(projects).sort(), ['library', 'noscan', 'team']);
    const team = find(projects, 'team');
    assert.equal(lookOf(team, false).description, 'private · 1 repository');
    assert.equal(lookOf(team, false).icon, 'lock');
    const [members, robots, ...repos] = await store.children(team);
    assert.deepEqual([members.kind, robots.kind], ['members', 'robots'], 'the team folders come first');
    assert.deepEqual(labels(repos), ['web/frontend']);
    const [artifact] = await store.children(repos[0]);
    const look = lookOf(artifact, false);
    assert.equal(look.label, 'v1');
    assert.match(look.description!, /^[0-9a-f]{12} · 12 MB · \S+/);
    assert.match(look.tooltip!, /^sha256:[0-9a-f]{64}\ntags: v1$/);
    assert.equal(look.icon, 'package');
    assert.equal(lookOf(artifact, true).description!.endsWith('scanning…'), true);
    assert.equal(store.parentOf(artifact)?.key, repos[0].key);
    assert.equal(store.byKey(team.key), team);
  });

  it('pages: the first page and "Load more", which appends the next page in place', async () => {
    for (let i = 0; i < PAGE_SIZE + 5; i++) harbor.state.addProject(`bulk-${String(i).padStart(3, '0')}`);
    const store = storeFor({ admin: 'Harbor12345' });
    const changes: Array<string | undefined> = [];
    store.onDidChange((n) => changes.push(n?.key));
    const [root] = await store.children();
    const first = await store.children(root);
    // A system admin sees "System robot accounts" and "Replication" above the first page of projects.
    assert.deepEqual(
      first.slice(0, 2).map((n) => n.kind),
      ['robots', 'replication'],
    );
    assert.equal(first.length, PAGE_SIZE + 3);
    const more = first.at(-1)!;
    assert.equal(more.kind, 'loadMore');
    assert.deepEqual(lookOf(more, false).command?.arguments, [root.key]);
    await store.loadMore(root.key);
    assert.deepEqual(changes, [root.key]);
    const all = await store.children(root);
    assert.ok(all.length > PAGE_SIZE + 5, `${all.length} projects`);
    assert.ok(all.slice(2).every((n) => n.kind === 'project'));
    assert.equal(new Set(all.map((n) => n.key)).size, all.length, 'no project twice');
  });

  it('a rejected secret is an error child with "Re-enter", logged once; forgetting refetches', async () => {
    const logged: string[] = [];
    const secrets: Record<string, string | undefined> = { dev: 'not-the-password' };
    const store = storeFor(secrets, logged);
    const [root] = await store.children();
    const kids = await store.children(root);
    assert.match(lookOf(kids[0], false).label, /did not accept the credentials/);
    assert.equal(lookOf(kids[0], false).contextValue, 'harborError');
    assert.equal(lookOf(kids[1], false).command?.command, 'berth.harbor.reenterSecret');
    assert.equal(logged.length, 1);
    // Cached: asking again does not ask Harbor again.
    await store.children(root);
    assert.equal(logged.length, 1);
    secrets.dev = 'dev-secret-pw';
    store.forget(root);
    assert.deepEqual(labels(await store.children(root)).sort(), ['library', 'noscan', 'team']);
  });

  it('a missing secret says so; an empty repository list says what to do', async () => {
    const store = storeFor({ dev: undefined });
    const [root] = await store.children();
    assert.match(lookOf((await store.children(root))[0], false).label, /No secret is stored for dev/);
    harbor.state.addProject('empty', { members: ['dev'] });
    const ok = storeFor({ dev: 'dev-secret-pw' });
    const [devRoot] = await ok.children();
    const empty = find(await ok.children(devRoot), 'empty');
    const [, , note] = await ok.children(empty);
    assert.equal(lookOf(note, false).label, 'No repositories yet: push an image here');
    assert.equal(lookOf(note, false).contextValue, 'harborMessage');
  });
});
