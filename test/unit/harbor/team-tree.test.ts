// The Registries view's team folders against the Harbor stand-in: Members and Robot accounts under each project,
// System robot accounts for system admins only, and a refusal shown as the role it needs, not as an empty list.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { HarborInstance } from '../../../client/src/harbor/instances';
import { HarborClient } from '../../../client/src/harbor/client';
import { lookOf, type RegistryNode } from '../../../client/src/harbor/tree/model';
import { RegistryStore } from '../../../client/src/harbor/tree/store';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let harbor: HarborStandIn;
const SECRETS: Record<string, string> = { admin: 'Harbor12345', dev: 'dev-secret-pw', lead: 'lead-pw' };

function storeAs(username: string): RegistryStore {
  const inst = { id: `i-${username}`, url: harbor.url, registryUrl: harbor.hostPort, username, accountKind: 'user' };
  return new RegistryStore({
    list: () => [inst as HarborInstance],
    client: async (i) => new HarborClient({ url: i.url, username: i.username, secret: SECRETS[i.username] }),
  });
}
const look = (n: RegistryNode) => lookOf(n, false);
async function projectOf(store: RegistryStore, name: string) {
  const [root] = await store.children();
  const p = (await store.children(root)).find((n) => n.kind === 'project' && n.project.name === name);
  assert.ok(p);
  return { root, project: p };
}

describe('Registries view: members and robot accounts', () => {
  before(async () => {
    const state = seededState();
    state.addUser('lead', 'lead-pw');
    state.addMember(state.projects.get('team')!, 'lead', 1);
    state.addRobot('robot$team+deploy', 'deploy-secret', ['team']).disable = true;
    harbor = await startHarborStandIn({ state });
  });
  after(() => harbor.close());

  it('a Project Admin sees the members with their roles and the robots with permissions and state', async () => {
    const store = storeAs('lead');
    const { project } = await projectOf(store, 'team');
    const [members, robots] = await store.children(project);
    assert.equal(look(members).label, 'Members');
    assert.deepEqual(
      (await store.children(members)).map((n) => [look(n).label, look(n).description, look(n).contextValue]),
      [
        ['admin', 'Project Admin', 'harborMember'],
        ['dev', 'Developer', 'harborMember'],
        ['lead', 'Project Admin', 'harborMember'],
      ],
    );
    assert.equal(look(robots).label, 'Robot accounts');
    const [deploy] = await store.children(robots);
    assert.equal(look(deploy).label, 'robot$team+deploy');
    assert.equal(look(deploy).description, 'disabled · push, pull · never expires');
    assert.equal(look(deploy).contextValue, 'harborRobot.disabled');
    assert.equal(store.parentOf(deploy)?.key, robots.key);
  });

  it('a Developer sees the members, and for robots the role it takes instead of an empty list', async () => {
    const store = storeAs('dev');
    const { root, project } = await projectOf(store, 'team');
    assert.ok(
      (await store.children(root)).every((n) => n.kind !== 'robots'),
      'no system robots for a non-admin',
    );
    const [members, robots] = await store.children(project);
    assert.equal((await store.children(members)).length, 3);
    const [refusal] = await store.children(robots);
    assert.equal(look(refusal).label, 'This needs the Project Admin role on team.');
    assert.equal(look(refusal).contextValue, 'harborError');
  });

  it('a system admin sees the system robot accounts above the projects', async () => {
    const store = storeAs('admin');
    const [root] = await store.children();
    const [system] = await store.children(root);
    assert.equal(look(system).label, 'System robot accounts');
    assert.equal(look(system).contextValue, 'harborRobots.system');
    assert.deepEqual(
      (await store.children(system)).map((n) => look(n).label),
      ['robot$ci'],
    );
  });
});
