// Robot accounts through Berth's REST client against the Harbor stand-in: list (project and system), create with
// permissions and expiry, refresh the secret, disable and enable, delete; Harbor's refusals; the secret-free login line.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { HarborClient } from '../../../client/src/harbor/client';
import { ProjectApi } from '../../../client/src/harbor/projects-rest';
import { RobotApi } from '../../../client/src/harbor/robots-rest';
import {
  PULL,
  PUSH,
  dockerLoginLine,
  expiryText,
  parseDuration,
  permissionChoices,
  robotDescription,
  robotPermissions,
} from '../../../client/src/harbor/robots';
import type { HarborProject } from '../../../client/src/harbor/types';
import { harborOutcome } from '../../support/harbor/outcome';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let harbor: HarborStandIn;
const client = (username: string, secret: string) =>
  new RobotApi(new HarborClient({ url: harbor.url, username, secret }));
const admin = () => client('admin', 'Harbor12345');
const lead = () => client('lead', 'lead-pw');
const kindOf = (p: Promise<unknown>) => harborOutcome(p);
let team: HarborProject;

describe('Harbor robot accounts against the stand-in', () => {
  before(async () => {
    const state = seededState();
    state.addUser('lead', 'lead-pw');
    state.addMember(state.projects.get('team')!, 'lead', 1);
    harbor = await startHarborStandIn({ state });
    team = (await new ProjectApi(admin().client).listProjects()).items.find((p) => p.name === 'team')!;
  });
  after(() => harbor.close());

  it('a Project Admin creates a project robot; its secret logs in once; the list shows it without the secret', async () => {
    const catalogue = await lead().permissions();
    const choices = permissionChoices(catalogue.project);
    assert.deepEqual(choices.slice(0, 2), [PULL, PUSH]);
    assert.ok(choices.length > 2, 'Harbor offers more than push and pull');
    const created = await lead().createRobot({
      name: 'ci',
      description: 'pipeline',
      level: 'project',
      duration: 30,
      permissions: robotPermissions(['team'], [PULL, PUSH]),
    });
    assert.equal(created.name, 'robot$team+ci');
    assert.ok(created.secret.length >= 16);
    assert.ok(created.expires_at! > Date.now() / 1000 + 29 * 86_400);
    const me = await client(created.name, created.secret).client.verifyCredentials();
    assert.deepEqual(me, { kind: 'robot', name: 'robot$team+ci' });
    assert.equal(
      await kindOf(new ProjectApi(client(created.name, created.secret).client).listRepositories('team')),
      'ok',
    );
    const listed = await lead().listRobots(team);
    assert.deepEqual(
      listed.items.map((r) => r.name),
      ['robot$team+ci'],
    );
    assert.equal(JSON.stringify(listed.items).includes(created.secret), false);
    assert.match(robotDescription(listed.items[0]), /^pull, push · expires \d{4}-\d\d-\d\d$/);
  });

  it('refreshes the secret: the old one stops working, the new one logs in', async () => {
    const robot = (await lead().listRobots(team)).items[0];
    const old = harbor.state.robots.get(robot.name)!.secret;
    const fresh = await lead().refreshRobotSecret(robot);
    assert.notEqual(fresh, old);
    assert.equal(await kindOf(client(robot.name, old).client.verifyCredentials()), 'unauthorized');
    assert.equal(await kindOf(client(robot.name, fresh).client.verifyCredentials()), 'ok');
  });

  it('disables and enables: a disabled robot cannot log in', async () => {
    const robot = (await lead().listRobots(team)).items[0];
    const secret = harbor.state.robots.get(robot.name)!.secret;
    await lead().setRobotDisabled(robot, true);
    assert.equal((await lead().listRobots(team)).items[0].disable, true);
    assert.equal(await kindOf(client(robot.name, secret).client.verifyCredentials()), 'unauthorized');
    await lead().setRobotDisabled({ ...robot, disable: true }, false);
    assert.equal(await kindOf(client(robot.name, secret).client.verifyCredentials()), 'ok');
  });

  it('system robots: only a system admin lists and creates them', async () => {
    const sys = await admin().createRobot({
      name: 'mirror',
      level: 'system',
      duration: -1,
      permissions: robotPermissions(['team', 'library'], [PULL]),
    });
    assert.equal(sys.name, 'robot$mirror');
    assert.equal(expiryText(sys), 'never expires');
    const listed = await admin().listRobots(undefined);
    assert.ok(listed.items.some((r) => r.name === 'robot$mirror' && r.level === 'system'));
    assert.equal(await kindOf(lead().listRobots(undefined)), 'forbidden');
    assert.equal(
      await kindOf(
        lead().createRobot({
          name: 'x',
          level: 'system',
          duration: -1,
          permissions: robotPermissions(['team'], [PULL]),
        }),
      ),
      'forbidden',
    );
  });

  it('refuses as Harbor does: 409 taken name, 400 bad duration, 403 a Developer, 401 anonymous, 404 unknown', async () => {
    const ci = { name: 'ci', level: 'project' as const, duration: 5, permissions: robotPermissions(['team'], [PULL]) };
    assert.equal(await kindOf(lead().createRobot(ci)), 'conflict');
    assert.equal(await kindOf(lead().createRobot({ ...ci, name: 'other', duration: 0 })), 'invalid');
    assert.equal(await kindOf(client('dev', 'dev-secret-pw').createRobot({ ...ci, name: 'mine' })), 'forbidden');
    assert.equal(await kindOf(client('dev', 'dev-secret-pw').listRobots(team)), 'forbidden');
    assert.equal(await kindOf(client('dev', 'wrong').listRobots(team)), 'unauthorized');
    assert.equal(await kindOf(admin().listRobots({ project_id: 987_654 })), 'notFound');
    assert.equal(
      await kindOf(lead().deleteRobot({ id: 987_654, name: 'gone', level: 'project', disable: false })),
      'notFound',
    );
    assert.equal(await kindOf(permissionsAs('dev', 'dev-secret-pw')), 'forbidden');
  });

  it('pages the robot list and deletes', async () => {
    for (let i = 0; i < 4; i++)
      await lead().createRobot({
        name: `bot${i}`,
        level: 'project',
        duration: -1,
        permissions: robotPermissions(['team'], [PULL]),
      });
    const first = await lead().listRobots(team, 1, 2);
    assert.equal(first.total, 5);
    assert.equal(first.hasNext, true);
    const last = await lead().listRobots(team, 3, 2);
    assert.equal(last.items.length, 1);
    assert.equal(last.hasNext, false);
    await lead().deleteRobot(last.items[0]);
    assert.equal((await lead().listRobots(team, 1, 100)).total, 4);
  });

  it('cancel: aborted robot calls reject as cancelled and change nothing', async () => {
    const ctl = new AbortController();
    ctl.abort();
    assert.equal(await kindOf(lead().listRobots(team, 1, 50, ctl.signal)), 'cancelled');
    const before = harbor.state.robots.size;
    const ci = {
      name: 'late',
      level: 'project' as const,
      duration: 1,
      permissions: robotPermissions(['team'], [PULL]),
    };
    assert.equal(await kindOf(lead().createRobot(ci, ctl.signal)), 'cancelled');
    assert.equal(harbor.state.robots.size, before);
  });

  it('parses expiry as days or never', () => {
    assert.equal(parseDuration('never'), -1);
    assert.equal(parseDuration(' 30 '), 30);
    assert.equal(parseDuration('0'), undefined);
    assert.equal(parseDuration('-5'), undefined);
    assert.equal(parseDuration('1.5'), undefined);
    assert.equal(expiryText({ expires_at: 1 }), 'expired');
  });

  it('the docker login line reads the secret from stdin, quotes the $ in robot names, and runs in sh', () => {
    const line = dockerLoginLine('harbor.example.test', 'robot$team+ci');
    assert.match(line, /--password-stdin/);
    assert.doesNotMatch(line, /--password /);
    // sh parses the line as intended: `docker` here is a function that prints what it received.
    const out = execFileSync(
      'sh',
      ['-c', `docker() { printf 'args:%s|' "$@"; printf 'stdin:%s' "$(cat)"; }; ${line}`],
      { env: { PATH: process.env.PATH, HARBOR_ROBOT_SECRET: 's3cr3t' }, encoding: 'utf8' },
    );
    assert.equal(
      out,
      'args:login|args:harbor.example.test|args:--username|args:robot$team+ci|args:--password-stdin|stdin:s3cr3t',
    );
  });
});

function permissionsAs(user: string, secret: string) {
  return client(user, secret).permissions();
}
