// Replication through Berth's REST client against two Harbor stand-ins, the notes' two-instance walkthrough: add the
// other Harbor as an endpoint and test it, create push- and pull-based rules with filters, start one and watch its
// execution finish, read task logs, stop a running execution; Harbor's refusals (401, 403, 404, 409, 412), paging and
// cancelling. Endpoint tests reach the other stand-in over HTTP for real.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { HarborError } from '../../../client/src/harbor/errors';
import {
  cronProblem,
  executionCounts,
  executionPercent,
  filterText,
  parseLabels,
  policyBody,
  ruleDescription,
  type ReplicationExecution,
  type RuleForm,
} from '../../../client/src/harbor/replication';
import { ReplicationApi, idFromLocation } from '../../../client/src/harbor/replication-rest';
import { HarborClient } from '../../../client/src/harbor/client';
import { harborOutcome } from '../../support/harbor/outcome';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let a: HarborStandIn;
let b: HarborStandIn;
const api = (h: HarborStandIn, username: string, secret: string) =>
  new ReplicationApi(new HarborClient({ url: h.url, username, secret }));
const admin = () => api(a, 'admin', 'Harbor12345');
const kindOf = (p: Promise<unknown>) => harborOutcome(p, { withStatus: true });
const form = (over: Partial<RuleForm> & Pick<RuleForm, 'name' | 'endpointId'>): RuleForm => ({
  direction: 'push',
  namePattern: '',
  tagPattern: '',
  labels: [],
  destNamespace: '',
  trigger: 'manual',
  override: true,
  enabled: true,
  ...over,
});
let endpointB: number;

describe('Harbor replication against two stand-ins', () => {
  before(async () => {
    a = await startHarborStandIn({ state: seededState() });
    const sb = seededState();
    sb.addProject('mirror');
    sb.addArtifact('library', 'upstream/alpine', { tags: ['3.20', 'edge'] });
    b = await startHarborStandIn({ state: sb });
    a.state.addArtifact('team', 'web/backend', { tags: ['v1', 'v2', 'dev'], labels: ['prod'] });
    a.state.addArtifact('team', 'broken/thing', { tags: ['v1'] });
    a.state.replication.taskMs = 60;
    // What Harbor's job service would do: put each copied artifact into the destination.
    a.state.replication.deliver = (task) =>
      b.state.projects.get(task.copy.project) &&
      b.state.addArtifact(task.copy.project, task.copy.repository, { digest: task.copy.digest, tags: task.copy.tags });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('adds the other Harbor as an endpoint, tests it for real, and lists it without its secret', async () => {
    const good = {
      name: 'harbor-b',
      type: 'harbor' as const,
      url: b.url,
      accessKey: 'admin',
      accessSecret: 'Harbor12345',
      insecure: false,
    };
    assert.deepEqual(await admin().pingEndpoint(good), { healthy: true });
    const wrong = await admin().pingEndpoint({ ...good, accessSecret: 'nope' });
    assert.equal(wrong.healthy, false);
    assert.equal(wrong.message, 'invalid credentials', "Harbor's reason, without Berth's prefix");
    const closed = await admin().pingEndpoint({ ...good, url: 'http://127.0.0.1:9' });
    assert.equal(closed.healthy, false);
    assert.match(closed.message ?? '', /ECONNREFUSED|failed to ping/);
    endpointB = (await admin().addEndpoint(good))!;
    assert.ok(endpointB > 0);
    assert.deepEqual(await admin().pingEndpoint({ id: endpointB }), { healthy: true });
    const listed = (await admin().listEndpoints()).items.find((e) => e.id === endpointB)!;
    assert.equal(listed.status, 'healthy');
    assert.equal(listed.credential?.access_key, 'admin');
    assert.ok(!JSON.stringify(listed).includes('Harbor12345'), 'Harbor never returns the secret');
    assert.equal(await kindOf(admin().addEndpoint(good)), 'conflict 409');
    assert.equal(await kindOf(admin().removeEndpoint({ id: 987_654, name: 'gone' })), 'notFound 404');
    assert.equal(await kindOf(admin().pingEndpoint({ id: 987_654 })), 'notFound 404');
  });

  it('is for system administrators: a developer gets 403 in words, wrong credentials 401', async () => {
    const dev = api(a, 'dev', 'dev-secret-pw');
    assert.equal(await kindOf(dev.listEndpoints()), 'forbidden 403');
    await assert.rejects(dev.listRules(), /replication needs a Harbor system administrator/);
    assert.equal(await kindOf(api(a, 'admin', 'wrong').listRules()), 'unauthorized 401');
    assert.equal(await kindOf(dev.startRule({ id: 1, name: 'x' })), 'forbidden 403');
  });

  it('creates a push rule with name, tag and label filters, a namespace and a schedule; refuses bad ones', async () => {
    const id = (await admin().createRule(
      form({
        name: 'to-b-scheduled',
        endpointId: endpointB,
        namePattern: 'team/**',
        tagPattern: 'v*',
        labels: ['prod'],
        destNamespace: 'mirror',
        trigger: 'scheduled',
        cron: '0 0 3 * * *',
        override: false,
      }),
    ))!;
    const rule = await admin().getRule(id);
    assert.equal(rule.dest_registry?.id, endpointB);
    assert.equal(rule.src_registry?.id ?? 0, 0, 'the source is this Harbor');
    assert.deepEqual(rule.trigger, { type: 'scheduled', trigger_settings: { cron: '0 0 3 * * *' } });
    assert.equal(rule.override, false);
    assert.equal(filterText(rule), 'name: team/**; tag: v*; label: prod');
    assert.equal(ruleDescription(rule), 'push to harbor-b · scheduled 0 0 3 * * *');
    assert.equal(
      await kindOf(admin().createRule(form({ name: 'to-b-scheduled', endpointId: endpointB }))),
      'conflict 409',
    );
    assert.equal(
      await kindOf(
        admin().createRule(
          form({ name: 'pull-on-event', endpointId: endpointB, direction: 'pull', trigger: 'event_based' }),
        ),
      ),
      'invalid 400',
    );
    assert.equal(
      await kindOf(
        admin().createRule(form({ name: 'bad-cron', endpointId: endpointB, trigger: 'scheduled', cron: '0 3 * * *' })),
      ),
      'invalid 400',
    );
    assert.equal(await kindOf(admin().createRule(form({ name: 'nowhere', endpointId: 987_654 }))), 'invalid 400');
    // The endpoint is in use now: Harbor refuses to remove it (412), in Harbor's words.
    const refused = await admin()
      .removeEndpoint({ id: endpointB, name: 'harbor-b' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(refused instanceof HarborError && refused.status === 412 && refused.kind === 'conflict');
    assert.match(refused.message, /referenced by policies \(to-b-scheduled\)/);
  });

  it('starts a rule and watches its execution finish; tasks have logs; the artifacts reach the other Harbor', async () => {
    const id = (await admin().createRule(
      form({
        name: 'to-b-now',
        endpointId: endpointB,
        namePattern: 'team/web/*',
        tagPattern: 'v*',
        destNamespace: 'mirror',
      }),
    ))!;
    const execId = (await admin().startRule({ id, name: 'to-b-now' }))!;
    const seen: ReplicationExecution[] = [];
    const done = await admin().watchExecution(execId, (e) => seen.push(e), { intervalMs: 25 });
    assert.equal(done.status, 'Succeed');
    // web/frontend:v1, web/backend:v1 and :v2 match; web/backend:dev does not.
    assert.deepEqual([done.total, done.succeed, done.failed, done.in_progress], [3, 3, 0, 0]);
    assert.ok(
      seen.some((e) => e.status === 'InProgress'),
      'the watcher saw it running',
    );
    assert.ok(
      seen.some((e) => executionPercent(e) > 0 && executionPercent(e) < 100),
      'and part-way',
    );
    assert.ok(Date.parse(done.end_time!) >= Date.parse(done.start_time!));
    assert.equal(executionCounts(done), '3/3 done');
    const tasks = (await admin().listTasks(execId)).items;
    assert.deepEqual(tasks.map((t) => t.dst_resource).sort(), [
      'mirror/web/backend:[v1]',
      'mirror/web/backend:[v2]',
      'mirror/web/frontend:[v1]',
    ]);
    assert.ok(tasks.every((t) => t.status === 'Succeed'));
    const log = await admin().taskLog(execId, tasks[0]!.id);
    assert.match(log, /copy team\/web\/\S+ completed/);
    assert.equal(await kindOf(admin().taskLog(execId, 987_654)), 'notFound 404');
    const mirrored = b.state.projects.get('mirror')!.repositories;
    assert.deepEqual([...mirrored.keys()].sort(), ['web/backend', 'web/frontend']);
    const listed = await admin().listExecutions(id);
    assert.equal(listed.items[0]!.id, execId);
  });

  it('a failing task fails the execution, with its error in the task log', async () => {
    const id = (await admin().createRule(
      form({ name: 'broken', endpointId: endpointB, namePattern: 'team/broken/**' }),
    ))!;
    const execId = (await admin().startRule({ id, name: 'broken' }))!;
    const done = await admin().watchExecution(execId, () => undefined, { intervalMs: 25 });
    assert.deepEqual([done.status, done.failed, done.succeed], ['Failed', 1, 0]);
    const [task] = (await admin().listTasks(execId)).items;
    assert.match(await admin().taskLog(execId, task!.id), /\[ERROR\] copy team\/broken\/thing:\[v1\] failed/);
  });

  it('stops a running execution; a running rule cannot be deleted (412) and a disabled one not started (412)', async () => {
    a.state.replication.taskMs = 5_000;
    try {
      const id = (await admin().createRule(form({ name: 'slow', endpointId: endpointB })))!;
      const execId = (await admin().startRule({ id, name: 'slow' }))!;
      assert.equal((await admin().getExecution(execId)).status, 'InProgress');
      assert.equal(await kindOf(admin().deleteRule({ id, name: 'slow' })), 'conflict 412');
      await admin().stopExecution(execId);
      const stopped = await admin().getExecution(execId);
      assert.equal(stopped.status, 'Stopped');
      assert.equal(stopped.stopped, stopped.total);
      assert.ok(stopped.total >= 5);
      assert.ok((await admin().listTasks(execId)).items.every((t) => t.status === 'Stopped'));
      assert.equal(await kindOf(admin().getExecution(987_654)), 'notFound 404');
      assert.equal(await kindOf(admin().stopExecution(987_654)), 'notFound 404');
      const rule = await admin().getRule(id);
      await admin().setRuleEnabled(rule, false);
      assert.equal((await admin().getRule(id)).enabled, false);
      const refused = await kindOf(admin().startRule(rule));
      assert.equal(refused, 'conflict 412');
      await admin().deleteRule(rule);
      assert.equal(await kindOf(admin().deleteRule(rule)), 'notFound 404');
      assert.equal(await kindOf(admin().startRule(rule)), 'notFound 404');
    } finally {
      a.state.replication.taskMs = 60;
    }
  });

  it('replicates the other way: a pull-based rule lists the remote Harbor through its API', async () => {
    const id = (await admin().createRule(
      form({
        name: 'from-b',
        endpointId: endpointB,
        direction: 'pull',
        namePattern: 'library/upstream/*',
        tagPattern: '3.*',
      }),
    ))!;
    const rule = await admin().getRule(id);
    assert.equal(rule.src_registry?.id, endpointB);
    assert.equal(ruleDescription(rule), 'pull from harbor-b · manual');
    const execId = (await admin().startRule(rule))!;
    const done = await admin().watchExecution(execId, () => undefined, { intervalMs: 25 });
    assert.equal(done.status, 'Succeed');
    const tasks = (await admin().listTasks(execId)).items;
    assert.deepEqual(
      tasks.map((t) => t.src_resource),
      ['library/upstream/alpine:[3.20]'],
    );
  });

  it('pages rules, executions and endpoints', async () => {
    for (let i = 0; i < 6; i++) await admin().createRule(form({ name: `page-${i}`, endpointId: endpointB }));
    const total = (await admin().listRules(1, 100)).total;
    const first = await admin().listRules(1, 4);
    assert.equal(first.items.length, 4);
    assert.ok(first.hasNext);
    assert.equal(first.total, total);
    const rest = await admin().listRules(2, 100 > total ? total - 4 : 4);
    assert.ok(
      rest.items.every((r) => !first.items.some((f) => f.id === r.id)),
      'page 2 holds other rules',
    );
    const rule =
      first.items.find((r) => r.name === 'page-0') ??
      (await admin().listRules(1, 100)).items.find((r) => r.name === 'page-0')!;
    for (let i = 0; i < 3; i++) await admin().startRule(rule);
    const execs = await admin().listExecutions(rule.id, 1, 2);
    assert.deepEqual([execs.items.length, execs.total, execs.hasNext], [2, 3, true]);
    assert.ok(execs.items[0]!.id > execs.items[1]!.id, 'newest first');
    assert.equal((await admin().listExecutions(rule.id, 2, 2)).items.length, 1);
    assert.equal((await admin().listEndpoints(1, 1)).items.length, 1);
  });

  it('cancels: a call and a watch stop when their signal aborts', async () => {
    const aborted = AbortSignal.abort();
    assert.equal(await kindOf(admin().listEndpoints(1, 10, aborted)), 'cancelled');
    a.state.replication.taskMs = 5_000;
    try {
      const rule = (await admin().listRules(1, 100)).items.find((r) => r.name === 'page-1')!;
      const execId = (await admin().startRule(rule))!;
      const ctl = new AbortController();
      const watching = kindOf(
        admin().watchExecution(execId, () => ctl.abort(), { intervalMs: 10_000, signal: ctl.signal }),
      );
      assert.equal(await watching, 'cancelled');
      assert.equal((await admin().getExecution(execId)).status, 'InProgress', 'cancelling the watch leaves it running');
      await admin().stopExecution(execId);
    } finally {
      a.state.replication.taskMs = 60;
    }
  });
});

describe('replication rules as Berth builds and shows them', () => {
  it("builds Harbor's policy body: the remote side by id, filters only when given", () => {
    const push = policyBody(form({ name: 'r', endpointId: 4, tagPattern: ' v* ', labels: parseLabels('a, b,,a') }));
    assert.deepEqual(push.dest_registry, { id: 4 });
    assert.equal('src_registry' in push, false);
    assert.deepEqual(push.filters, [
      { type: 'tag', value: 'v*', decoration: 'matches' },
      { type: 'label', value: ['a', 'b'], decoration: 'matches' },
    ]);
    assert.deepEqual(push.trigger, { type: 'manual' });
    const pull = policyBody(
      form({ name: 'r', endpointId: 4, direction: 'pull', trigger: 'scheduled', cron: '0 0 * * * *' }),
    );
    assert.deepEqual(pull.src_registry, { id: 4 });
    assert.deepEqual(pull.trigger, { type: 'scheduled', trigger_settings: { cron: '0 0 * * * *' } });
  });

  it("checks the shape of Harbor's six-field cron", () => {
    assert.equal(cronProblem('0 0 3 * * *'), undefined);
    assert.equal(cronProblem('0 */15 * * * MON-FRI'), undefined);
    assert.match(cronProblem('0 3 * * *')!, /6 fields.*this has 5/);
    assert.match(cronProblem('0 0 3 * * x!')!, /"x!" is not a cron field/);
  });

  it('reads ids from Location headers and counts executions', () => {
    assert.equal(idFromLocation('/api/v2.0/replication/executions/17'), 17);
    assert.equal(idFromLocation(null), undefined);
    const e = {
      id: 1,
      policy_id: 1,
      status: 'InProgress',
      total: 10,
      succeed: 2,
      failed: 1,
      in_progress: 7,
      stopped: 0,
    };
    assert.equal(executionCounts(e), '3/10 done, 1 failed, 7 in progress');
    assert.equal(executionPercent(e), 30);
    assert.equal(executionPercent({ ...e, total: 0, status: 'Succeed' }), 100);
  });
});
