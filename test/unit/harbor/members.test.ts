// Project members through Berth's REST client against the Harbor stand-in: list with paging, add a user or group,
// change a role, remove, user search; and Harbor's refusals (401, 403, 404, 409) as Berth words them.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { HarborError } from '../../../client/src/harbor/errors';
import { asProjectAdminError, roleName } from '../../../client/src/harbor/members';
import { HarborClient } from '../../../client/src/harbor/client';
import { MemberApi } from '../../../client/src/harbor/members-rest';
import { ProjectApi } from '../../../client/src/harbor/projects-rest';
import { harborOutcome } from '../../support/harbor/outcome';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let harbor: HarborStandIn;
const client = (username: string, secret: string) =>
  new MemberApi(new HarborClient({ url: harbor.url, username, secret }));
const admin = () => client('admin', 'Harbor12345');
const dev = () => client('dev', 'dev-secret-pw');
const kindOf = (p: Promise<unknown>) => harborOutcome(p);

describe('Harbor project members against the stand-in', () => {
  before(async () => {
    const state = seededState();
    state.addUser('alice', 'alice-pw');
    state.addUser('alina', 'alina-pw');
    state.addGroup('qa-team');
    for (let i = 0; i < 7; i++) state.addUser(`bulk${i}`, 'x');
    harbor = await startHarborStandIn({ state });
  });
  after(() => harbor.close());

  it('lists members with their roles; the owner is Project Admin, seeded members Developers', async () => {
    const page = await dev().listMembers('team');
    assert.deepEqual(
      page.items.map((m) => [m.entity_name, m.entity_type, roleName(m.role_id)]),
      [
        ['admin', 'u', 'Project Admin'],
        ['dev', 'u', 'Developer'],
      ],
    );
    const sent = harbor.exchanges.at(-1)!;
    assert.equal(sent.requestHeaders['x-is-resource-name'], 'true');
  });

  it('adds a user and a group with a role, then pages through the members', async () => {
    await admin().addMember('team', { kind: 'user', name: 'alice' }, 4);
    await admin().addMember('team', { kind: 'group', name: 'qa-team' }, 3);
    for (let i = 0; i < 7; i++) await admin().addMember('team', { kind: 'user', name: `bulk${i}` }, 5);
    const first = await dev().listMembers('team', 1, 5);
    assert.equal(first.total, 11);
    assert.equal(first.hasNext, true);
    const third = await dev().listMembers('team', 3, 5);
    assert.equal(third.items.length, 1);
    assert.equal(third.hasNext, false);
    const all = (await dev().listMembers('team', 1, 100)).items;
    const alice = all.find((m) => m.entity_name === 'alice')!;
    assert.equal(alice.role_id, 4);
    assert.equal(alice.role_name, 'maintainer');
    assert.equal(all.find((m) => m.entity_name === 'qa-team')?.entity_type, 'g');
  });

  it('changes a role and removes a member', async () => {
    const alice = (await admin().listMembers('team', 1, 100)).items.find((m) => m.entity_name === 'alice')!;
    await admin().setMemberRole('team', alice.id, 2);
    let now = (await admin().listMembers('team', 1, 100)).items.find((m) => m.entity_name === 'alice');
    assert.equal(now?.role_id, 2);
    await admin().removeMember('team', alice.id);
    now = (await admin().listMembers('team', 1, 100)).items.find((m) => m.entity_name === 'alice');
    assert.equal(now, undefined);
  });

  it('refuses as Harbor does: 409 already a member, 404 unknown user or member, 400 a role that is none', async () => {
    await assert.rejects(admin().addMember('team', { kind: 'user', name: 'dev' }, 2), /already a member/);
    assert.equal(await kindOf(admin().addMember('team', { kind: 'user', name: 'dev' }, 2)), 'conflict');
    assert.equal(await kindOf(admin().addMember('team', { kind: 'user', name: 'nobody' }, 2)), 'notFound');
    assert.equal(await kindOf(admin().setMemberRole('team', 999_999, 2)), 'notFound');
    assert.equal(await kindOf(admin().addMember('team', { kind: 'user', name: 'alina' }, 9)), 'invalid');
    assert.equal(await kindOf(admin().listMembers('no-such-project')), 'notFound');
  });

  it('a Developer may list but not manage; the refusal names the role it needs', async () => {
    const e = await dev()
      .addMember('team', { kind: 'user', name: 'alina' }, 3)
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    assert.ok(e instanceof HarborError && e.kind === 'forbidden' && e.status === 403);
    const worded = asProjectAdminError(e, 'team') as HarborError;
    assert.equal(worded.message, 'This needs the Project Admin role on team.');
    const devMember = (await dev().listMembers('team', 1, 100)).items.find((m) => m.entity_name === 'dev')!;
    assert.equal(await kindOf(dev().setMemberRole('team', devMember.id, 1)), 'forbidden');
    assert.equal(await kindOf(dev().removeMember('team', devMember.id)), 'forbidden');
    // An outsider cannot see a private project's members at all; a wrong password is anonymous → 401.
    assert.equal(await kindOf(client('outsider', 'outsider-pw').listMembers('team')), 'forbidden');
    assert.equal(await kindOf(client('dev', 'wrong').listMembers('team')), 'unauthorized');
    // Public project, not a member: the project reads, its members do not.
    assert.equal(await kindOf(dev().listMembers('library')), 'forbidden');
  });

  it('a Limited Guest cannot list members', async () => {
    const bulk0 = client('bulk0', 'x');
    assert.equal(await kindOf(new ProjectApi(bulk0.client).listRepositories('team')), 'ok');
    assert.equal(await kindOf(bulk0.listMembers('team')), 'forbidden');
  });

  it('searches users by part of the name, paged; anonymous search is a 401', async () => {
    const found = await dev().searchUsers('ali');
    assert.deepEqual(
      found.items.map((u) => u.username),
      ['alice', 'alina'],
    );
    assert.ok(found.items.every((u) => Number.isInteger(u.user_id)));
    const paged = await dev().searchUsers('bulk', 2, 3);
    assert.deepEqual(
      paged.items.map((u) => u.username),
      ['bulk3', 'bulk4', 'bulk5'],
    );
    assert.equal(paged.total, 7);
    assert.equal(await kindOf(client('dev', 'wrong').searchUsers('a')), 'unauthorized');
  });

  it('cancel: an aborted member list rejects as cancelled', async () => {
    const ctl = new AbortController();
    ctl.abort();
    assert.equal(await kindOf(dev().listMembers('team', 1, 50, ctl.signal)), 'cancelled');
  });
});
