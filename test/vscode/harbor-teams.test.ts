// Harbor for teams in a real VS Code, with preset answers: a Project Admin adds a member (found by the user search),
// changes the role and removes the member; creates a robot account, copies its secret from the one modal that shows
// it, keeps it as a connected robot account, and refreshes it with the secret-free docker login line. No secret
// reaches the output channels, the log files, the settings or the stored instance list.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import type { HarborApi } from '../../client/src/harbor/commands';
import { LOGIN_OFFER, STORE_OFFER } from '../../client/src/harbor/robots';
import type { RegistryNode } from '../../client/src/harbor/tree/model';
import { seededState, startHarborStandIn, type HarborStandIn } from '../support/harbor/server';
import { connectHarbor, disconnectHarbors } from './harbor-session';
import { berth, until } from './support';

const run = randomUUID().slice(0, 8);
const LEAD_SECRET = `lead-secret-${run}`;

suite('harbor-teams', () => {
  let harbor: HarborStandIn;
  let api: HarborApi;
  let prompts: BerthApi['prompts'];
  const robotSecrets: string[] = [];

  suiteSetup(async () => {
    const state = seededState();
    state.addUser('lead', LEAD_SECRET);
    state.addUser('alice', `alice-${run}`);
    state.addMember(state.projects.get('team')!, 'lead', 1);
    harbor = await startHarborStandIn({ state });
    ({ harbor: api, prompts } = await berth());
    await connectHarbor(prompts, harbor.hostPort, 'lead', LEAD_SECRET);
  });
  suiteTeardown(async () => {
    await disconnectHarbors(api, prompts);
    await harbor?.close();
  });

  const children = (n?: RegistryNode) => api.provider.getChildren(n);
  const label = (n: RegistryNode) => String(api.provider.getTreeItem(n).label);
  const find = async <K extends RegistryNode['kind']>(parent: RegistryNode | undefined, kind: K, text: string) => {
    const all = await children(parent);
    const hit = all.find((c) => c.kind === kind && label(c) === text);
    assert.ok(hit, `${kind} "${text}" among: ${all.map(label).join(', ')}`);
    return hit as Extract<RegistryNode, { kind: K }>;
  };
  const leadRoot = async () => (await children()).find((n) => n.kind === 'instance' && n.inst.username === 'lead')!;
  const teamFolder = async (kind: 'members' | 'robots') =>
    find(await find(await leadRoot(), 'project', 'team'), kind, kind === 'members' ? 'Members' : 'Robot accounts');
  const clipboard = () =>
    Promise.race([
      vscode.env.clipboard.readText(),
      new Promise<string>((_, reject) => setTimeout(() => reject(new Error('clipboard did not answer in 5 s')), 5000)),
    ]);

  test('adds a member found by the user search, changes the role, removes the member after confirmation', async () => {
    const members = await teamFolder('members');
    prompts.answerNextPrompts(['User', 'alice', 'Maintainer']);
    await vscode.commands.executeCommand('berth.harbor.addMember', members);
    assert.equal(harbor.state.projects.get('team')!.members.get('alice')?.role_id, 4);
    assert.ok(
      harbor.exchanges.some((x) => x.rawUrl.startsWith('/api/v2.0/users/search?username=alice')),
      'the user was looked up through the search',
    );
    const alice = await until(async () => {
      const kids = await children(await teamFolder('members'));
      return kids.find((k) => label(k) === 'alice');
    }, 'alice in the Members folder');
    assert.equal(api.provider.getTreeItem(alice).description, 'Maintainer');
    prompts.answerNextPrompts(['Guest']);
    await vscode.commands.executeCommand('berth.harbor.changeMemberRole', alice);
    assert.equal(harbor.state.projects.get('team')!.members.get('alice')?.role_id, 3);
    prompts.answerNextPrompts([undefined]);
    await vscode.commands.executeCommand('berth.harbor.removeMember', alice);
    assert.ok(harbor.state.projects.get('team')!.members.has('alice'), 'Escape at the confirmation keeps the member');
    prompts.answerNextPrompts(['Remove member']);
    await vscode.commands.executeCommand('berth.harbor.removeMember', alice);
    assert.equal(harbor.state.projects.get('team')!.members.has('alice'), false);
  });

  test('a Developer who tries to add a member is told the role it takes', async () => {
    await connectHarbor(prompts, harbor.hostPort, 'dev', 'dev-secret-pw');
    const devRoot = (await children()).find((n) => n.kind === 'instance' && n.inst.username === 'dev');
    assert.ok(devRoot, 'dev connected');
    const members = await find(await find(devRoot, 'project', 'team'), 'members', 'Members');
    prompts.answerNextPrompts(['User', 'alice', 'Guest']);
    await vscode.commands.executeCommand('berth.harbor.addMember', members);
    assert.equal(harbor.state.projects.get('team')!.members.has('alice'), false);
    assert.match(api.outputText(), /Adding alice to team: This needs the Project Admin role on team\./);
  });

  test('creates a robot, copies the secret from the one modal, and keeps it as a connected robot account', async () => {
    const robots = await teamFolder('robots');
    prompts.answerNextPrompts(['ci', ['pull repository', 'push repository'], '30', 'Copy', [STORE_OFFER]]);
    await vscode.commands.executeCommand('berth.harbor.createRobot', robots);
    const robot = harbor.state.robots.get('robot$team+ci');
    assert.ok(robot, 'Harbor has robot$team+ci');
    robotSecrets.push(robot.secret);
    assert.deepEqual(robot.permissions[0].access.map((a) => a.action).sort(), ['pull', 'push']);
    assert.equal(await clipboard(), robot.secret, '"Copy" put the secret on the clipboard');
    const stored = api.instances().find((i) => i.username === 'robot$team+ci');
    assert.ok(stored, 'the robot is a connected instance');
    assert.equal(stored.accountKind, 'robot');
    assert.equal(await api.hasStoredSecret(stored.id), true);
    // The stored robot browses what it may: the team project.
    const robotRoot = (await children()).find((n) => n.kind === 'instance' && n.inst.id === stored.id)!;
    await until(
      async () => (await children(robotRoot)).some((n) => n.kind === 'project' && n.project.name === 'team'),
      'team under the robot instance',
    );
    const item = await until(
      async () => (await children(await teamFolder('robots'))).find((n) => label(n) === 'robot$team+ci'),
      'robot$team+ci in Robot accounts',
    );
    assert.match(String(api.provider.getTreeItem(item).description), /^pull, push · expires /);
  });

  test('refreshes the secret and copies a docker login line that reads it from stdin', async () => {
    const item = (await children(await teamFolder('robots'))).find((n) => label(n) === 'robot$team+ci')!;
    prompts.answerNextPrompts(['Refresh secret', undefined, [LOGIN_OFFER]]);
    await vscode.commands.executeCommand('berth.harbor.refreshRobotSecret', item);
    const fresh = harbor.state.robots.get('robot$team+ci')!.secret;
    assert.ok(!robotSecrets.includes(fresh), 'a new secret');
    robotSecrets.push(fresh);
    const line = await clipboard();
    assert.match(line, /docker login \S+ --username 'robot\$team\+ci' --password-stdin$/);
    for (const s of robotSecrets) assert.ok(!line.includes(s), 'the login line holds no secret');
  });

  test('disables and deletes the robot, each after confirmation', async () => {
    let item = (await children(await teamFolder('robots'))).find((n) => label(n) === 'robot$team+ci')!;
    prompts.answerNextPrompts(['Disable']);
    await vscode.commands.executeCommand('berth.harbor.disableRobot', item);
    assert.equal(harbor.state.robots.get('robot$team+ci')?.disable, true);
    item = await until(async () => {
      const n = (await children(await teamFolder('robots'))).find((k) => label(k) === 'robot$team+ci');
      return n && api.provider.getTreeItem(n).contextValue === 'harborRobot.disabled' ? n : undefined;
    }, 'the robot shown disabled');
    prompts.answerNextPrompts(['Delete robot account']);
    await vscode.commands.executeCommand('berth.harbor.deleteRobot', item);
    assert.equal(harbor.state.robots.has('robot$team+ci'), false);
  });

  test('a system admin creates a system robot over several projects from the System robot accounts folder', async () => {
    await connectHarbor(prompts, harbor.hostPort, 'admin', 'Harbor12345');
    const adminRoot = (await children()).find((n) => n.kind === 'instance' && n.inst.username === 'admin')!;
    const system = await find(adminRoot, 'robots', 'System robot accounts');
    prompts.answerNextPrompts([['team', 'library'], 'mirror', ['pull repository'], 'never', undefined, []]);
    await vscode.commands.executeCommand('berth.harbor.createRobot', system);
    const robot = harbor.state.robots.get('robot$mirror');
    assert.ok(robot, 'Harbor has robot$mirror');
    robotSecrets.push(robot.secret);
    assert.equal(robot.level, 'system');
    assert.equal(robot.expires_at, -1);
    assert.deepEqual(
      robot.permissions.map((p) => [p.namespace, p.access.map((a) => a.action).join()]),
      [
        ['team', 'pull'],
        ['library', 'pull'],
      ],
    );
    assert.ok(!api.instances().some((i) => i.username === 'robot$mirror'), 'not stored: the offer was declined');
    await until(
      async () => (await children(system)).some((n) => label(n) === 'robot$mirror'),
      'robot$mirror among the system robots',
    );
  });

  test('exports the fixable findings of a scanned artifact as CSV; a project without a scanner says so', async () => {
    const team = await find(await leadRoot(), 'project', 'team');
    const artifact = await find(await find(team, 'repository', 'web/frontend'), 'artifact', 'v1');
    await vscode.commands.executeCommand('berth.harbor.scan', artifact);
    prompts.answerNextPrompts(['CSV', 'Fixable only']);
    const outcome = await vscode.commands.executeCommand<{ rows: number; document?: vscode.TextDocument }>(
      'berth.harbor.exportVulnerabilities',
      artifact,
    );
    // seededState: 2 Critical, 5 High, 1 Low, of which half (4) have a fixed version.
    assert.equal(outcome?.rows, 4);
    const lines = outcome!.document!.getText().split('\r\n');
    assert.equal(lines[0], 'CVE,Severity,Package,Installed version,Fixed version,CVSS,Links,Description');
    assert.equal(lines.length, 6);
    assert.ok(
      lines.slice(1, 5).every((l) => /^CVE-\d{4}-\d+,(Critical|High),/.test(l)),
      lines.join('\n'),
    );
    assert.equal(vscode.window.activeTextEditor?.document, outcome!.document);

    harbor.state.addMember(harbor.state.projects.get('noscan')!, 'lead', 2);
    api.provider.refresh();
    const noscan = await find(await leadRoot(), 'project', 'noscan');
    const tool = await find(await find(noscan, 'repository', 'tool'), 'artifact', 'v1');
    const none = await vscode.commands.executeCommand<{ rows: number; missing?: string }>(
      'berth.harbor.exportVulnerabilities',
      tool,
    );
    assert.equal(none?.rows, 0);
    assert.match(String(none?.missing), /^No scanner is configured for project noscan/);
  });

  test('no robot secret or password in any output channel, log file, settings file or stored instance', () => {
    const secrets = [...robotSecrets, LEAD_SECRET, 'dev-secret-pw', 'Harbor12345'];
    assert.equal(robotSecrets.length, 3);
    const text = api.outputText();
    assert.match(text, /created robot account robot\$team\+ci/);
    for (const s of secrets) assert.ok(!text.includes(s), 'the Harbor output channel holds a secret');
    assert.ok(!JSON.stringify(api.instances()).includes(robotSecrets[0]));
    const session = path.dirname(path.dirname(api.logDir));
    const userData = path.resolve(session, '..', '..');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = path.join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(session);
    const settings = [
      path.join(userData, 'User', 'settings.json'),
      path.join(userData, 'Machine', 'settings.json'),
      ...(vscode.workspace.workspaceFolders ?? []).map((f) => path.join(f.uri.fsPath, '.vscode', 'settings.json')),
    ].filter((f) => existsSync(f));
    assert.ok(files.length > 0, 'log files found');
    for (const f of [...files, ...settings])
      for (const s of secrets) assert.ok(!readFileSync(f, 'utf8').includes(s), `${f} holds a secret`);
    const inspect = JSON.stringify(vscode.workspace.getConfiguration('berth'));
    for (const s of secrets) assert.ok(!inspect.includes(s), 'a berth setting holds a secret');
  });
});
