// Harbor replication, vulnerabilities and SBOMs in a real VS Code, with preset answers: a system admin adds the
// second Harbor as an endpoint (Harbor reaches it for real), creates a push rule with filters, starts it and watches
// the execution finish in a progress notification that links to its entry, reads a task's log, stops a slow one;
// then opens an artifact's vulnerability list (sorting, Fixable only, export) and generates and shows its SBOM.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import type { HarborApi } from '../../client/src/harbor/commands';
import type { ReplicationWatch } from '../../client/src/harbor/replication-commands/executions';
import type { TableHandle } from '../../client/src/harbor/table-panel';
import type { RegistryNode } from '../../client/src/harbor/tree/model';
import { seededState, startHarborStandIn, type HarborStandIn } from '../support/harbor/server';
import { connectHarbor, disconnectHarbors } from './harbor-session';
import { berth, until } from './support';

suite('harbor-replication', () => {
  let a: HarborStandIn;
  let b: HarborStandIn;
  let api: HarborApi;
  let prompts: BerthApi['prompts'];

  suiteSetup(async () => {
    const sa = seededState();
    // Only the admin account is connected in this suite, so nothing else answers the instance's questions.
    // Three tasks for the rule below, 1.5 s each: long enough to be seen running on a loaded machine.
    sa.addArtifact('team', 'web/backend', { tags: ['v1', 'v2'] });
    a = await startHarborStandIn({ state: sa });
    const sb = seededState();
    sb.addProject('mirror');
    b = await startHarborStandIn({ state: sb });
    a.state.replication.taskMs = 1500;
    a.state.replication.deliver = (task) =>
      b.state.projects.get(task.copy.project) &&
      b.state.addArtifact(task.copy.project, task.copy.repository, { digest: task.copy.digest, tags: task.copy.tags });
    ({ harbor: api, prompts } = await berth());
    await connectHarbor(prompts, a.hostPort, 'admin', 'Harbor12345');
  });
  suiteTeardown(async () => {
    await disconnectHarbors(api, prompts, (inst) => inst.url === a?.url);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a?.close();
    await b?.close();
  });

  const children = (n?: RegistryNode) => api.provider.getChildren(n);
  const label = (n: RegistryNode) => String(api.provider.getTreeItem(n).label);
  const find = async <K extends RegistryNode['kind']>(parent: RegistryNode | undefined, kind: K, text?: string) => {
    const all = await children(parent);
    const hit = all.find((c) => c.kind === kind && (text === undefined || label(c) === text));
    assert.ok(hit, `${kind} "${text}" among: ${all.map(label).join(', ')}`);
    return hit as Extract<RegistryNode, { kind: K }>;
  };
  const root = async () =>
    (await children()).find(
      (n): n is Extract<RegistryNode, { kind: 'instance' }> =>
        n.kind === 'instance' && n.inst.url === a.url && n.inst.username === 'admin',
    )!;
  const replication = async () => find(await root(), 'replication');
  const rule = async (name: string) => {
    const rules = await find(await replication(), 'rules');
    api.provider.refresh(rules);
    return until(async () => (await children(rules)).find((n) => n.kind === 'rule' && label(n) === name), name);
  };

  test('adds the other Harbor as an endpoint; Harbor reaches it before it is saved', async () => {
    const endpoints = await find(await replication(), 'endpoints');
    prompts.answerNextPrompts(['Harbor', b.url, 'harbor-b', 'admin', 'Harbor12345']);
    await vscode.commands.executeCommand('berth.harbor.addReplicationEndpoint', endpoints);
    const saved = [...a.state.replication.endpoints.values()];
    assert.deepEqual(
      saved.map((e) => [e.name, e.url, e.type, e.access_key]),
      [['harbor-b', b.url, 'harbor', 'admin']],
    );
    assert.ok(
      a.exchanges.some((x) => x.rawUrl === '/api/v2.0/registries/ping' && x.status === 200),
      'tested before saving',
    );
    const node = await until(
      async () => (await children(await find(await replication(), 'endpoints'))).find((n) => label(n) === 'harbor-b'),
      'harbor-b in Endpoints',
    );
    assert.equal(await vscode.commands.executeCommand('berth.harbor.testReplicationEndpoint', node), true);
    assert.ok(!api.outputText().includes('Harbor12345'), 'the endpoint secret is not logged');
  });

  test('creates a push rule with filters and a destination namespace, runs it and watches it finish', async () => {
    const rules = await find(await replication(), 'rules');
    prompts.answerNextPrompts([
      'to-b',
      'Push-based',
      'harbor-b',
      'team/**',
      'v*',
      '',
      'mirror',
      'Manual',
      ['Override existing artifacts', 'Enabled'],
    ]);
    await vscode.commands.executeCommand('berth.harbor.createReplicationRule', rules);
    const [policy] = [...a.state.replication.policies.values()];
    assert.equal(policy?.name, 'to-b');
    assert.deepEqual(policy?.filters, [
      { type: 'name', value: 'team/**' },
      { type: 'tag', value: 'v*', decoration: 'matches' },
    ]);
    assert.deepEqual([policy?.dest_namespace, policy?.override, policy?.enabled], ['mirror', true, true]);

    prompts.answerNextPrompts(['Start']);
    const watch = await vscode.commands.executeCommand<ReplicationWatch>(
      'berth.harbor.startReplicationRule',
      await rule('to-b'),
    );
    assert.equal(watch.final?.status, 'Succeed', watch.error);
    assert.equal(watch.final!.total, 3, 'web/frontend:v1, web/backend:v1 and :v2');
    assert.equal(watch.final!.succeed, watch.final!.total);
    assert.ok(
      watch.messages.some((m) => m.startsWith('InProgress')),
      `the notification showed it running: ${watch.messages.join(' | ')}`,
    );
    assert.match(watch.messages[0]!, /\[Show execution\]\(command:berth\.harbor\.revealReplicationExecution\?/);
    assert.ok(b.state.projects.get('mirror')!.repositories.has('web/frontend'), 'the artifact reached Harbor B');

    // The notification's link: the execution selected in the Registries view, its tasks below it.
    const instId = (await root()).inst.id;
    const revealed = await vscode.commands.executeCommand<RegistryNode>(
      'berth.harbor.revealReplicationExecution',
      instId,
      policy!.id,
      watch.executionId,
    );
    assert.equal(revealed?.kind, 'execution');
    const tasks = await children(revealed);
    assert.equal(tasks.length, watch.final!.total);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(
      'berth.harbor.showReplicationTaskLog',
      tasks[0],
    );
    assert.match(doc.getText(), /copy team\/web\/frontend:\[v1\] completed/);
  });

  test('stops a running execution from the tree, waits until Harbor has stopped it; the watch ends Stopped', async () => {
    a.state.replication.taskMs = 60_000;
    // Harbor stops the tasks in the background: the execution stays InProgress a moment after the stop is asked.
    a.state.replication.stopMs = 1500;
    try {
      const before = api.lastReplication()?.executionId;
      prompts.answerNextPrompts(['Start']);
      const started = vscode.commands.executeCommand<ReplicationWatch>(
        'berth.harbor.startReplicationRule',
        await rule('to-b'),
      );
      const watch = await until(() => {
        const w = api.lastReplication();
        return w && w.executionId !== before ? w : undefined;
      }, 'the new execution');
      const ruleNode = await rule('to-b');
      api.provider.refresh(ruleNode);
      const running = await until(
        async () =>
          (await children(ruleNode)).find(
            (n) =>
              n.kind === 'execution' && n.execution.id === watch.executionId && n.execution.status === 'InProgress',
          ),
        'the running execution in the tree',
      );
      assert.equal(api.provider.getTreeItem(running).contextValue, 'harborExecution.running');
      prompts.answerNextPrompts(['Stop']);
      await vscode.commands.executeCommand('berth.harbor.stopReplicationExecution', running);
      // The command returns once Harbor says the execution ended, and the tree shows it so.
      const shown = (await children(ruleNode)).find(
        (n) => n.kind === 'execution' && n.execution.id === watch.executionId,
      );
      assert.equal(shown?.kind === 'execution' ? shown.execution.status : undefined, 'Stopped');
      const ended = await started;
      assert.equal(ended.final?.status, 'Stopped');
      assert.equal(ended.final?.stopped, ended.final?.total);
    } finally {
      a.state.replication.taskMs = 1500;
      a.state.replication.stopMs = 0;
    }
  });

  test("opens an artifact's vulnerability list: sorted, filtered, Fixable only, exported as shown", async () => {
    const frontend = a.state.projects.get('team')!.repositories.get('web/frontend')!.artifacts[0]!;
    frontend.scan = { status: 'Success', reads: 9 };
    const team = await find(await root(), 'project', 'team');
    const artifact = await find(await find(team, 'repository', 'web/frontend'), 'artifact', 'v1');
    const view = await vscode.commands.executeCommand<TableHandle>('berth.harbor.showVulnerabilities', artifact);
    assert.equal(view.title, 'Vulnerabilities: team/web/frontend@v1');
    const html = view.html();
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonce, 'a CSP with a script nonce');
    assert.match(html, /default-src 'none'/);
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    assert.ok(!/<(script|link|img)[^>]+(src|href)=/i.test(html), 'nothing loaded from anywhere');
    // seededState: 2 Critical, 5 High, 1 Low; the first half have a fixed version.
    assert.equal(view.shown().length, 8);
    await view.receive({ type: 'sort', column: 'cvss' });
    await view.receive({ type: 'sort', column: 'cvss' });
    const ascending = view.shown() as Array<{ cvss: number }>;
    assert.deepEqual(
      ascending.map((r) => r.cvss),
      [2.1, 7.5, 7.5, 7.5, 7.5, 7.5, 9.8, 9.8],
    );
    assert.equal(await view.receive({ type: 'switch', id: 'fixable', on: true }), 4);
    assert.equal(await view.receive({ type: 'filter', text: 'openssl' }), 2);
    const exported = (await view.receive({ type: 'export', id: 'csv' })) as vscode.TextDocument;
    const lines = exported.getText().trim().split('\r\n');
    assert.equal(lines.length, 3, 'the header and the two rows shown');
    assert.ok(lines.slice(1).every((l) => l.includes(',openssl,')));
  });

  test('generates an SBOM where the scanner can, and shows packages and licences; no scanner says so', async () => {
    const team = await find(await root(), 'project', 'team');
    const artifact = await find(await find(team, 'repository', 'web/frontend'), 'artifact', 'v1');
    prompts.answerNextPrompts(['Generate SBOM']);
    const view = await vscode.commands.executeCommand<TableHandle>('berth.harbor.showSbom', artifact);
    assert.equal(view.title, 'SBOM: team/web/frontend@v1');
    assert.equal(view.shown().length, 8);
    assert.match(view.html(), /SPDX-2\.3 · 8 packages · Apache-2\.0 2, GPL-2\.0-only 2, MIT 2 · 2 without a licence/);
    assert.equal(await view.receive({ type: 'switch', id: 'unlicensed', on: true }), 2);
    // Shown again, the SBOM is read at once, without generating.
    const posts = a.exchanges.filter((x) => x.rawUrl.endsWith('/scan')).length;
    const again = await vscode.commands.executeCommand<TableHandle>('berth.harbor.showSbom', artifact);
    assert.equal(again.shown().length, 8);
    assert.equal(a.exchanges.filter((x) => x.rawUrl.endsWith('/scan')).length, posts);

    const noscan = await find(await root(), 'project', 'noscan');
    const tool = await find(await find(noscan, 'repository', 'tool'), 'artifact', 'v1');
    const none = await vscode.commands.executeCommand<{ missing?: string }>('berth.harbor.showSbom', tool);
    assert.match(String(none.missing), /^No scanner is configured for project noscan/);
    const list = await vscode.commands.executeCommand<{ missing?: string }>('berth.harbor.showVulnerabilities', tool);
    assert.match(String(list.missing), /^No scanner is configured for project noscan/);
  });
});
