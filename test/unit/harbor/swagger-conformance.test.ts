// Shape conformance with Harbor's official API description (a reference file read as a test oracle, never copied;
// see docs/reference-files.md): every request Berth's client sends and every answer the stand-in gives must fit it.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { HarborError } from '../../../client/src/harbor/errors';
import { HarborClient } from '../../../client/src/harbor/client';
import { ArtifactApi } from '../../../client/src/harbor/artifacts-rest';
import { MemberApi } from '../../../client/src/harbor/members-rest';
import { ProjectApi } from '../../../client/src/harbor/projects-rest';
import { RobotApi } from '../../../client/src/harbor/robots-rest';
import { ScanApi } from '../../../client/src/harbor/scan-rest';
import { ReplicationApi } from '../../../client/src/harbor/replication-rest';
import { SbomApi } from '../../../client/src/harbor/sbom-rest';
import { PULL, PUSH, robotPermissions } from '../../../client/src/harbor/robots';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';
import { readReferenceFile } from '../../support/reference-files';
import { SwaggerChecker, type Swagger } from './swagger-validator';

const swagger = readReferenceFile('harborSwagger', 'swagger-conformance');

describe(
  "Harbor stand-in and client conform to Harbor v2.15.2's API description",
  { skip: swagger === undefined },
  () => {
    let checker: SwaggerChecker;
    let harbor: HarborStandIn;
    before(async () => {
      checker = new SwaggerChecker(parse(swagger!) as Swagger);
      harbor = await startHarborStandIn({ state: seededState() });
      // Drive every call the client makes, on success and on failure paths.
      const dev = new HarborClient({ url: harbor.url, username: 'dev', secret: 'dev-secret-pw' });
      const admin = new HarborClient({ url: harbor.url, username: 'admin', secret: 'Harbor12345' });
      const swallow = (p: Promise<unknown>) =>
        p.catch((e: unknown) => {
          if (!(e instanceof HarborError)) throw e;
        });
      await dev.systemInfo();
      await dev.verifyCredentials();
      await new HarborClient({
        url: harbor.url,
        username: 'robot$ci',
        secret: 'robot-secret-token',
      }).verifyCredentials();
      await swallow(new HarborClient({ url: harbor.url, username: 'dev', secret: 'bad' }).verifyCredentials());
      for (let i = 0; i < 30; i++) harbor.state.addProject(`page-${i}`, { public: true });
      const first = await new ProjectApi(dev).listProjects(1, 20);
      await new ProjectApi(dev).listProjects(2, first.pageSize);
      await new ProjectApi(dev).projectExists('team');
      await new ProjectApi(dev).projectExists('absent');
      await new ProjectApi(dev).createProject('made-here', true);
      await swallow(new ProjectApi(dev).createProject('made-here', true));
      await swallow(new ProjectApi(dev).createProject('Not_Valid', true));
      await new ProjectApi(dev).listRepositories('team');
      await swallow(new ProjectApi(dev).listRepositories('absent'));
      await swallow(new ProjectApi(dev).listRepositories('boom'));
      await new ArtifactApi(dev).listArtifacts('team', 'team/web/frontend');
      await new ArtifactApi(dev).listArtifacts('team', 'team/never-pushed');
      await swallow(new ArtifactApi(dev).getArtifact('team', 'web/frontend', 'missing'));
      await new ScanApi(dev).startScan('team', 'team/web/frontend', 'v1');
      await new ScanApi(dev).waitForScan('team', 'team/web/frontend', 'v1', { intervalMs: 1 });
      await swallow(new ScanApi(dev).startScan('noscan', 'noscan/tool', 'v1'));
      harbor.state.addArtifact('team', 'multi/level/name', { tags: ['a', 'b'] });
      await new ArtifactApi(dev).deleteTag('team', 'team/multi/level/name', 'a', 'b');
      await new ArtifactApi(dev).deleteArtifact('team', 'team/multi/level/name', 'a');
      await swallow(new ArtifactApi(admin).deleteArtifact('team', 'team/multi/level/name', 'a'));
      await driveTeamCalls(harbor, admin, dev, swallow);
      // The scan above succeeded: the report is there; noscan has neither report nor scanner.
      await new ScanApi(dev).vulnerabilityReport('team', 'team/web/frontend', 'v1');
      await new ScanApi(dev).vulnerabilityReport('noscan', 'noscan/tool', 'v1');
      await swallow(new ScanApi(dev).vulnerabilityReport('team', 'team/web/frontend', 'missing'));
      await new ScanApi(dev).projectScanner('team');
      await new ScanApi(dev).projectScanner('noscan');
      await driveReplicationCalls(harbor, admin, dev, swallow);
      const sbom = new SbomApi(dev);
      await sbom.overview('team', 'team/web/frontend', 'v1');
      await sbom.generate('team', 'team/web/frontend', 'v1');
      const made = await sbom.waitForSbom('team', 'team/web/frontend', 'v1', { intervalMs: 1 });
      await sbom.read('team', 'team/web/frontend', made.sbom_digest!);
      await swallow(sbom.read('team', 'team/web/frontend', `sha256:${'0'.repeat(64)}`));
      await swallow(sbom.generate('noscan', 'noscan/tool', 'v1'));
    });
    after(() => harbor?.close());

    it('team calls (members, user search, robots, permissions) fit the description, refusals included', () => {
      const team = harbor.exchanges.filter((x) => /\/(members|robots|users\/search|permissions)/.test(x.rawUrl));
      const problems = team.flatMap((x) => checker.check(x));
      assert.deepEqual(problems, []);
      const seen = new Set(team.map((x) => `${x.method} ${x.status}`));
      for (const s of ['GET 200', 'POST 201', 'PUT 200', 'DELETE 200', 'PATCH 200', 'POST 409', 'POST 403', 'GET 401'])
        assert.ok(seen.has(s), `${s} exercised among ${[...seen].join(', ')}`);
    });

    it('vulnerability reports and project scanners fit the description', () => {
      const calls = harbor.exchanges.filter((x) => /additions\/vulnerabilities|\/scanner$/.test(x.rawUrl));
      assert.deepEqual(
        calls.map((x) => `${x.method} ${x.status}`),
        ['GET 200', 'GET 200', 'GET 404', 'GET 200', 'GET 404'],
      );
      assert.deepEqual(
        calls.flatMap((x) => checker.check(x)),
        [],
      );
      const scanner = calls.find((x) => x.rawUrl.endsWith('/team/scanner'))!;
      assert.match(
        checker.check({ ...scanner, responseBody: JSON.stringify({ name: 'Trivy', healthy: true }) }).join('\n'),
        /healthy: property not in the description/,
      );
    });

    it('team drift fails: a member whose role is a name, a robot answer without its shape', () => {
      const list = harbor.exchanges.find(
        (x) => x.method === 'GET' && /\/members\?/.test(x.rawUrl) && x.status === 200,
      )!;
      const members = JSON.parse(list.responseBody) as Array<Record<string, unknown>>;
      members[0].role_id = 'projectAdmin';
      assert.match(
        checker.check({ ...list, responseBody: JSON.stringify(members) }).join('\n'),
        /role_id: expected an integer/,
      );
      const created = harbor.exchanges.find(
        (x) => x.method === 'POST' && x.rawUrl === '/api/v2.0/robots' && x.status === 201,
      )!;
      const answer = JSON.parse(created.responseBody) as Record<string, unknown>;
      assert.match(
        checker.check({ ...created, responseBody: JSON.stringify({ ...answer, token: 'x' }) }).join('\n'),
        /token: property not in the description/,
      );
      assert.match(
        checker.check({ ...created, requestBody: JSON.stringify({ name: 'x', duration: 'never' }) }).join('\n'),
        /duration: expected an integer/,
      );
      assert.match(checker.check({ ...list, method: 'PATCH' }).join('\n'), /no operation/);
    });

    it('replication calls (endpoints, rules, executions, tasks, logs) fit the description, refusals included', () => {
      const calls = harbor.exchanges.filter((x) => /\/api\/v2\.0\/(registries|replication)/.test(x.rawUrl));
      assert.deepEqual(
        calls.flatMap((x) => checker.check(x)),
        [],
      );
      const seen = new Set(calls.map((x) => `${x.method} ${x.status}`));
      for (const s of [
        'GET 200',
        'POST 201',
        'POST 200',
        'POST 400',
        'POST 409',
        'POST 412',
        'POST 404',
        'PUT 200',
        'DELETE 200',
        'DELETE 412',
        'DELETE 404',
        'GET 401',
        'GET 403',
        'GET 404',
      ])
        assert.ok(seen.has(s), `${s} exercised among ${[...seen].join(', ')}`);
      const templates = new Set(
        calls.map(
          (x) => checker.findOperation(x.method.toLowerCase(), new URL(x.rawUrl, 'http://h').pathname)?.template,
        ),
      );
      for (const t of [
        '/registries',
        '/registries/ping',
        '/registries/{id}',
        '/replication/policies',
        '/replication/policies/{id}',
        '/replication/executions',
        '/replication/executions/{id}',
        '/replication/executions/{id}/tasks',
        '/replication/executions/{id}/tasks/{task_id}/log',
      ])
        assert.ok(templates.has(t), `${t} exercised`);
    });

    it('replication drift fails: renamed counts, a trigger as a string, a log answered as JSON, an unknown query', () => {
      const exec = harbor.exchanges.find(
        (x) => x.method === 'GET' && /\/replication\/executions\/\d+$/.test(x.rawUrl) && x.status === 200,
      )!;
      const body = JSON.parse(exec.responseBody) as Record<string, unknown>;
      assert.match(
        checker.check({ ...exec, responseBody: JSON.stringify({ ...body, succeeded: body.succeed }) }).join('\n'),
        /succeeded: property not in the description/,
      );
      assert.match(
        checker.check({ ...exec, responseBody: JSON.stringify({ ...body, total: '3' }) }).join('\n'),
        /total: expected an integer/,
      );
      const create = harbor.exchanges.find(
        (x) => x.method === 'POST' && x.rawUrl === '/api/v2.0/replication/policies' && x.status === 201,
      )!;
      const policy = JSON.parse(create.requestBody) as Record<string, unknown>;
      assert.match(
        checker.check({ ...create, requestBody: JSON.stringify({ ...policy, trigger: 'manual' }) }).join('\n'),
        /trigger: expected an object/,
      );
      assert.match(
        checker.check({ ...create, requestBody: JSON.stringify({ ...policy, dest_registry: 4 }) }).join('\n'),
        /dest_registry: expected an object/,
      );
      const log = harbor.exchanges.find((x) => /\/log$/.test(x.rawUrl) && x.status === 200)!;
      assert.match(
        checker
          .check({ ...log, responseHeaders: { ...log.responseHeaders, 'Content-Type': 'application/json' } })
          .join('\n'),
        /produces text\/plain/,
      );
      const list = harbor.exchanges.find(
        (x) => x.method === 'GET' && x.rawUrl.startsWith('/api/v2.0/replication/executions?'),
      )!;
      assert.match(checker.check({ ...list, rawUrl: `${list.rawUrl}&policy=3` }).join('\n'), /"policy" is not defined/);
      const ping = harbor.exchanges.find((x) => x.rawUrl === '/api/v2.0/registries/ping')!;
      assert.match(
        checker
          .check({ ...ping, requestBody: JSON.stringify({ url: 'http://x', credential: { type: 'basic' } }) })
          .join('\n'),
        /credential: property not in the description/,
      );
    });

    it('SBOM calls (overview, generate, the sbom addition) fit the description; drift fails', () => {
      const calls = harbor.exchanges.filter(
        (x) => /with_sbom_overview|additions\/sbom/.test(x.rawUrl) || /"scan_type"/.test(x.requestBody),
      );
      assert.deepEqual(
        calls.flatMap((x) => checker.check(x)),
        [],
      );
      const seen = calls.map((x) => `${x.method} ${x.status}`);
      for (const s of ['GET 200', 'POST 202', 'GET 404', 'POST 412'])
        assert.ok(seen.includes(s), `${s} among ${seen.join(', ')}`);
      const overview = calls.findLast((x) => /with_sbom_overview/.test(x.rawUrl))!;
      const artifact = JSON.parse(overview.responseBody) as { sbom_overview: Record<string, unknown> };
      assert.equal(artifact.sbom_overview.scan_status, 'Success');
      const { scan_status, ...rest } = artifact.sbom_overview;
      assert.match(
        checker
          .check({
            ...overview,
            responseBody: JSON.stringify({ ...artifact, sbom_overview: { ...rest, status: scan_status } }),
          })
          .join('\n'),
        /sbom_overview\.status: property not in the description/,
      );
      const post = calls.find((x) => x.method === 'POST' && x.status === 202)!;
      assert.match(
        checker.check({ ...post, requestBody: JSON.stringify({ scan_type: 'spdx' }) }).join('\n'),
        /"spdx" is not one of vulnerability, sbom/,
      );
      assert.match(
        checker.check({ ...overview, rawUrl: overview.rawUrl.replace('with_sbom_overview', 'with_sbom') }).join('\n'),
        /"with_sbom" is not defined/,
      );
    });

    it('every exchange fits an operation: query and body parameters, documented status, response schema', () => {
      assert.ok(harbor.exchanges.length >= 25, `exercised ${harbor.exchanges.length} exchanges`);
      const problems = harbor.exchanges.flatMap((x) => checker.check(x));
      assert.deepEqual(problems, []);
      const statuses = new Set(harbor.exchanges.map((x) => x.status));
      for (const s of [200, 201, 202, 400, 401, 404, 409, 412, 500])
        assert.ok(statuses.has(s), `status ${s} exercised`);
    });

    it("repository names in paths decode twice to the name Harbor listed (the description's a/b → a%252Fb rule)", () => {
      const repoSegments = harbor.exchanges.flatMap((x) => {
        const m = checker.findOperation(x.method.toLowerCase(), new URL(x.rawUrl, 'http://h').pathname);
        return m?.params.repository_name ? [m.params.repository_name] : [];
      });
      assert.ok(
        repoSegments.includes('web%252Ffrontend') && repoSegments.includes('multi%252Flevel%252Fname'),
        repoSegments.join(' '),
      );
      for (const s of repoSegments)
        assert.ok(!decodeURIComponent(s).includes('/'), `${s} stays one segment after the server's first decoding`);
    });

    it("pages never ask for more than the description's maximum page_size", () => {
      const sizes = harbor.exchanges
        .map((x) => new URL(x.rawUrl, 'http://h').searchParams.get('page_size'))
        .filter(Boolean)
        .map(Number);
      assert.ok(sizes.length >= 4 && sizes.every((n) => n <= 100));
    });

    it('catches drift: a stand-in answer or a client request that leaves the description fails', () => {
      const base = harbor.exchanges.find(
        (x) => x.method === 'GET' && x.rawUrl.startsWith('/api/v2.0/projects?') && x.status === 200,
      )!;
      const projects = JSON.parse(base.responseBody) as Array<Record<string, unknown>>;
      const drifted = (mutate: (p: Record<string, unknown>) => void) => {
        const copy = structuredClone(projects);
        mutate(copy[0]);
        return { ...base, responseBody: JSON.stringify(copy) };
      };
      assert.match(
        checker
          .check(
            drifted((p) => {
              p.metadata = { public: true };
            }),
          )
          .join('\n'),
        /metadata\.public: expected a string/,
      );
      assert.match(
        checker
          .check(
            drifted((p) => {
              p.repo_count = '3';
            }),
          )
          .join('\n'),
        /repo_count: expected an integer/,
      );
      assert.match(
        checker
          .check(
            drifted((p) => {
              p.repositories = 3;
            }),
          )
          .join('\n'),
        /repositories: property not in the description/,
      );
      assert.match(
        checker.check({ ...base, rawUrl: '/api/v2.0/projects?page=1&page_size=500' }).join('\n'),
        /exceeds the maximum 100/,
      );
      assert.match(
        checker.check({ ...base, rawUrl: '/api/v2.0/projects?pageSize=5' }).join('\n'),
        /"pageSize" is not defined/,
      );
      assert.match(checker.check({ ...base, rawUrl: '/api/v2.0/catalog' }).join('\n'), /no operation/);
      const post = harbor.exchanges.find((x) => x.method === 'POST' && x.rawUrl === '/api/v2.0/projects')!;
      assert.match(
        checker
          .check({ ...post, requestBody: JSON.stringify({ project_name: 'x', metadata: { public: false } }) })
          .join('\n'),
        /metadata\.public: expected a string/,
      );
      assert.match(
        checker.check({ ...post, status: 418, responseBody: '' }).join('\n'),
        /status 418 is not a documented response/,
      );
      const err = harbor.exchanges.find((x) => x.status === 404)!;
      assert.match(
        checker.check({ ...err, responseBody: JSON.stringify({ error: 'not found' }) }).join('\n'),
        /error: property not in the description/,
      );
    });
  },
);

/** Every team call Berth makes, on success and failure paths. */
async function driveTeamCalls(
  harbor: HarborStandIn,
  admin: HarborClient,
  dev: HarborClient,
  swallow: (p: Promise<unknown>) => Promise<unknown>,
): Promise<void> {
  harbor.state.addUser('alice', 'alice-pw');
  harbor.state.addGroup('qa');
  const anon = new HarborClient({ url: harbor.url, username: 'dev', secret: 'wrong' });
  await new MemberApi(dev).listMembers('team');
  await swallow(new MemberApi(anon).listMembers('team'));
  await swallow(new MemberApi(dev).listMembers('absent'));
  await new MemberApi(admin).addMember('team', { kind: 'user', name: 'alice' }, 4);
  await new MemberApi(admin).addMember('team', { kind: 'group', name: 'qa' }, 3);
  await swallow(new MemberApi(admin).addMember('team', { kind: 'user', name: 'alice' }, 4));
  await swallow(new MemberApi(admin).addMember('team', { kind: 'user', name: 'nobody' }, 4));
  await swallow(new MemberApi(dev).addMember('team', { kind: 'user', name: 'outsider' }, 3));
  const alice = (await new MemberApi(admin).listMembers('team', 1, 100)).items.find((m) => m.entity_name === 'alice')!;
  await new MemberApi(admin).setMemberRole('team', alice.id, 5);
  await swallow(new MemberApi(admin).setMemberRole('team', 987_654, 5));
  await new MemberApi(admin).removeMember('team', alice.id);
  await new MemberApi(dev).searchUsers('a');
  await swallow(new MemberApi(anon).searchUsers('a'));
  await new RobotApi(admin).permissions();
  await swallow(new RobotApi(dev).permissions());
  const team = (await new ProjectApi(admin).listProjects(1, 100)).items.find((p) => p.name === 'team')!;
  const robot = {
    name: 'ci',
    level: 'project' as const,
    duration: 7,
    permissions: robotPermissions(['team'], [PULL, PUSH]),
  };
  await new RobotApi(admin).createRobot(robot);
  await swallow(new RobotApi(admin).createRobot(robot));
  await swallow(new RobotApi(dev).createRobot({ ...robot, name: 'mine' }));
  await swallow(new RobotApi(admin).createRobot({ ...robot, name: 'bad', duration: 0 }));
  const listed = (await new RobotApi(admin).listRobots(team)).items[0];
  await new RobotApi(admin).listRobots(undefined);
  await swallow(new RobotApi(dev).listRobots(team));
  await swallow(new RobotApi(anon).listRobots(team));
  await new RobotApi(admin).refreshRobotSecret(listed);
  await new RobotApi(admin).setRobotDisabled(listed, true);
  await new RobotApi(admin).deleteRobot(listed);
  await swallow(new RobotApi(admin).deleteRobot(listed));
}

/** Every replication call Berth makes, on success and failure paths; the stand-in's own URL is the endpoint. */
async function driveReplicationCalls(
  harbor: HarborStandIn,
  admin: HarborClient,
  dev: HarborClient,
  swallow: (p: Promise<unknown>) => Promise<unknown>,
): Promise<void> {
  harbor.state.replication.taskMs = 20;
  const rep = new ReplicationApi(admin);
  const endpoint = {
    name: 'self',
    type: 'harbor' as const,
    url: harbor.url,
    accessKey: 'admin',
    accessSecret: 'Harbor12345',
    insecure: false,
  };
  await rep.pingEndpoint(endpoint);
  await rep.pingEndpoint({ ...endpoint, accessSecret: 'wrong' });
  const id = (await rep.addEndpoint(endpoint))!;
  await swallow(rep.addEndpoint(endpoint));
  await rep.pingEndpoint({ id });
  await swallow(rep.pingEndpoint({ id: 987_654 }));
  await rep.listEndpoints();
  await swallow(new ReplicationApi(dev).listEndpoints());
  await swallow(new ReplicationApi(new HarborClient({ ...admin.conn, secret: 'wrong' })).listRules());
  const form = {
    name: 'to-self',
    direction: 'push' as const,
    endpointId: id,
    namePattern: 'library/**',
    tagPattern: 'latest',
    labels: ['prod'],
    destNamespace: 'copies',
    trigger: 'manual' as const,
    override: true,
    enabled: true,
  };
  const ruleId = (await rep.createRule({ ...form, labels: [] }))!;
  await rep.createRule({ ...form, name: 'scheduled', trigger: 'scheduled', cron: '0 0 3 * * *' });
  await swallow(rep.createRule(form));
  await swallow(rep.createRule({ ...form, name: 'x', direction: 'pull', trigger: 'event_based' }));
  await rep.listRules();
  const rule = await rep.getRule(ruleId);
  await swallow(rep.getRule(987_654));
  await swallow(rep.removeEndpoint({ id, name: 'self' }));
  harbor.state.replication.taskMs = 60_000; // running until the refused delete is done
  const execId = (await rep.startRule(rule))!;
  await rep.listExecutions(ruleId);
  await swallow(rep.deleteRule(rule));
  harbor.state.replication.taskMs = 20;
  await rep.watchExecution(execId, () => undefined, { intervalMs: 10 });
  const [task] = (await rep.listTasks(execId)).items;
  await rep.taskLog(execId, task!.id);
  await swallow(rep.taskLog(execId, 987_654));
  await rep.stopExecution(execId);
  await swallow(rep.getExecution(987_654));
  await swallow(rep.startRule({ id: 987_654, name: 'gone' }));
  await rep.setRuleEnabled(rule, false);
  await swallow(rep.startRule(rule));
  await rep.deleteRule(rule);
  await swallow(rep.deleteRule(rule));
}
