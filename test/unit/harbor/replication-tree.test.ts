// Replication in the Registries view's store and model (no VS Code) against the Harbor stand-in: a system admin
// sees Replication › Endpoints and Rules, a rule's executions newest first and an execution's tasks, each drawn with
// its state; a developer sees no Replication folder; a refusal shows as an error child.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { HarborInstance } from '../../../client/src/harbor/instances';
import { ReplicationApi } from '../../../client/src/harbor/replication-rest';
import { HarborClient } from '../../../client/src/harbor/client';
import { lookOf, type RegistryNode } from '../../../client/src/harbor/tree/model';
import { RegistryStore } from '../../../client/src/harbor/tree/store';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let harbor: HarborStandIn;
const secrets: Record<string, string> = { admin: 'Harbor12345', dev: 'dev-secret-pw' };

function storeFor(username: string): RegistryStore {
  const inst = { id: `i-${username}`, url: harbor.url, registryUrl: harbor.hostPort, username, accountKind: 'user' };
  return new RegistryStore({
    list: () => [inst as HarborInstance],
    client: async (i) => new HarborClient({ url: i.url, username: i.username, secret: secrets[i.username]! }),
  });
}
const look = (n: RegistryNode) => lookOf(n, false);
const find = async (store: RegistryStore, parent: RegistryNode | undefined, label: string) => {
  const kids = await store.children(parent);
  const hit = kids.find((k) => look(k).label === label);
  assert.ok(hit, `"${label}" among ${kids.map((k) => look(k).label).join(', ')}`);
  return hit;
};

describe('Replication in the Registries tree', () => {
  before(async () => {
    harbor = await startHarborStandIn({ state: seededState() });
    harbor.state.replication.taskMs = 30;
    const rep = new ReplicationApi(new HarborClient({ url: harbor.url, username: 'admin', secret: 'Harbor12345' }));
    const endpoint = (await rep.addEndpoint({
      name: 'peer',
      type: 'harbor',
      url: harbor.url,
      accessKey: '',
      accessSecret: '',
      insecure: false,
    }))!;
    const id = (await rep.createRule({
      name: 'nightly',
      direction: 'push',
      endpointId: endpoint,
      namePattern: 'library/**',
      tagPattern: '',
      labels: [],
      destNamespace: 'copies',
      trigger: 'scheduled',
      cron: '0 0 3 * * *',
      override: true,
      enabled: true,
    }))!;
    for (let i = 0; i < 2; i++) {
      const exec = (await rep.startRule({ id, name: 'nightly' }))!;
      await rep.watchExecution(exec, () => undefined, { intervalMs: 10 });
    }
  });
  after(() => harbor.close());

  it('a system admin walks Replication › Rules › rule › execution › task, each drawn with its state', async () => {
    const store = storeFor('admin');
    const [root] = await store.children();
    const replication = await find(store, root, 'Replication');
    assert.deepEqual(
      (await store.children(replication)).map((n) => look(n).label),
      ['Endpoints', 'Rules'],
    );
    const peer = await find(store, await find(store, replication, 'Endpoints'), 'peer');
    assert.equal(look(peer).contextValue, 'harborEndpoint');
    assert.equal(look(peer).description, `harbor · ${harbor.url}`);
    const rule = await find(store, await find(store, replication, 'Rules'), 'nightly');
    assert.equal(look(rule).description, 'push to peer · scheduled 0 0 3 * * *');
    assert.equal(look(rule).contextValue, 'harborRule.enabled');
    assert.match(
      look(rule).tooltip!,
      /filters: name: library\/\*\*\ndestination namespace: copies\noverrides existing/,
    );
    const executions = await store.children(rule);
    assert.equal(executions.length, 2);
    const [newest, older] = executions as Array<Extract<RegistryNode, { kind: 'execution' }>>;
    assert.ok(newest!.execution.id > older!.execution.id, 'newest first');
    assert.match(look(newest!).description!, /^Succeed · 2\/2 done · \d+ s$/);
    assert.equal(look(newest!).icon, 'pass');
    assert.equal(look(newest!).contextValue, 'harborExecution');
    const tasks = await store.children(newest);
    assert.deepEqual(
      tasks.map((t) => look(t).label),
      ['library/hello:[latest]', 'library/hello:[1.0]'],
    );
    assert.equal(look(tasks[0]!).description, 'Succeed → copies/hello:[latest]');
    assert.equal(look(tasks[0]!).command?.command, 'berth.harbor.showReplicationTaskLog');
    assert.equal(store.parentOf(tasks[0]!)?.key, newest!.key);
  });

  it('a running execution spins and offers Stop; an empty rule says it has not run', async () => {
    harbor.state.replication.taskMs = 60_000;
    try {
      const rep = new ReplicationApi(new HarborClient({ url: harbor.url, username: 'admin', secret: 'Harbor12345' }));
      const [rule] = (await rep.listRules()).items;
      const exec = (await rep.startRule(rule!))!;
      const store = storeFor('admin');
      const [root] = await store.children();
      const node = await find(store, await find(store, await find(store, root, 'Replication'), 'Rules'), 'nightly');
      const running = (await store.children(node))[0]!;
      assert.equal(look(running).icon, 'sync~spin');
      assert.equal(look(running).contextValue, 'harborExecution.running');
      await rep.stopExecution(exec);
      store.forget(node);
      assert.equal(look((await store.children(node))[0]!).icon, 'debug-stop');
      await rep.createRule({ ...ruleForm(rule!.dest_registry!.id), name: 'never-run' });
      store.forget();
      const fresh = await find(store, await find(store, await find(store, root, 'Replication'), 'Rules'), 'never-run');
      assert.deepEqual(
        (await store.children(fresh)).map((n) => look(n).label),
        ['Not run yet'],
      );
    } finally {
      harbor.state.replication.taskMs = 30;
    }
  });

  it('a developer sees no Replication folder', async () => {
    const store = storeFor('dev');
    const [root] = await store.children();
    assert.ok(!(await store.children(root)).some((n) => n.kind === 'replication'));
  });
});

function ruleForm(endpointId: number) {
  return {
    name: '',
    direction: 'push' as const,
    endpointId,
    namePattern: '',
    tagPattern: '',
    labels: [],
    destNamespace: '',
    trigger: 'manual' as const,
    override: true,
    enabled: true,
  };
}
