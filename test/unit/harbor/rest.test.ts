// Berth's Harbor REST client against the stateful Harbor stand-in (test/support/harbor), behaviour by behaviour.
import { strict as assert } from 'node:assert';
import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { HarborError } from '../../../client/src/harbor/errors';
import {
  formatVulnerabilities,
  normaliseHarborUrl,
  projectNameProblem,
  repositoryPathSegment,
} from '../../../client/src/harbor/names';
import { HarborClient } from '../../../client/src/harbor/client';
import { ArtifactApi } from '../../../client/src/harbor/artifacts-rest';
import { ProjectApi } from '../../../client/src/harbor/projects-rest';
import { ScanApi } from '../../../client/src/harbor/scan-rest';
import { scanOf } from '../../../client/src/harbor/types';
import { seededState, startHarborStandIn, type HarborStandIn } from '../../support/harbor/server';

let harbor: HarborStandIn;
const client = (username: string, secret: string, timeoutMs?: number) =>
  new HarborClient({ url: harbor.url, username, secret, timeoutMs });
const rejectsWith = (p: Promise<unknown>, kind: string, text?: RegExp) =>
  assert.rejects(
    p,
    (e: unknown) =>
      (e instanceof HarborError && e.kind === kind && (!text || text.test(e.message))) ||
      assert.fail(`got ${String((e as Error).name)} ${(e as HarborError).kind}: ${(e as Error).message}`),
  );

describe('Harbor REST client against the stand-in', () => {
  before(async () => {
    harbor = await startHarborStandIn({ state: seededState() });
  });
  after(() => harbor.close());

  it('verifies credentials with /users/current: user, robot (412), wrong password (401)', async () => {
    const me = await client('dev', 'dev-secret-pw').verifyCredentials();
    assert.equal(me.kind, 'user');
    assert.equal(me.kind === 'user' && me.user.username, 'dev');
    assert.deepEqual(await client('robot$ci', 'robot-secret-token').verifyCredentials(), {
      kind: 'robot',
      name: 'robot$ci',
    });
    await rejectsWith(client('dev', 'wrong').verifyCredentials(), 'unauthorized', /did not accept the credentials/);
  });

  it('shows why the check is needed: a wrong password is served as anonymous (public projects only)', async () => {
    const anon = await new ProjectApi(client('dev', 'wrong')).listProjects();
    assert.deepEqual(
      anon.items.map((p) => p.name),
      ['library'],
    );
    const dev = await new ProjectApi(client('dev', 'dev-secret-pw')).listProjects();
    assert.deepEqual(
      dev.items.map((p) => p.name),
      ['library', 'noscan', 'team'],
    );
    assert.equal(dev.items.find((p) => p.name === 'team')?.metadata?.public, 'false');
    assert.equal(dev.items.find((p) => p.name === 'team')?.repo_count, 1);
  });

  it('reads systeminfo: registry_url, read_only, project_creation_restriction', async () => {
    const info = await client('dev', 'dev-secret-pw').systemInfo();
    assert.equal(info.registry_url, harbor.hostPort);
    assert.equal(info.read_only, false);
    assert.equal(info.project_creation_restriction, 'everyone');
  });

  it('sends no cookie, so writes pass the CSRF trap that a cookie-carrying client falls into', async () => {
    const c = client('dev', 'dev-secret-pw');
    await new ProjectApi(c).listProjects(); // the stand-in answered with Set-Cookie: sid=…
    await new ProjectApi(c).createProject('csrf-check', false);
    assert.ok(await new ProjectApi(c).projectExists('csrf-check'));
    const last = harbor.exchanges.filter((x) => x.method === 'POST').at(-1)!;
    assert.equal(last.requestHeaders.cookie, undefined);
    assert.deepEqual(JSON.parse(last.requestBody), { project_name: 'csrf-check', metadata: { public: 'false' } });
    const sid = harbor.exchanges[0].responseHeaders['Set-Cookie'].split(';')[0];
    const trapped = await fetch(`${harbor.url}/api/v2.0/projects`, {
      method: 'POST',
      headers: {
        Cookie: sid,
        Authorization: `Basic ${Buffer.from('dev:dev-secret-pw').toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: '{"project_name":"trapped","metadata":{"public":"false"}}',
    });
    assert.equal(trapped.status, 403);
    assert.match(await trapped.text(), /CSRF token invalid/);
  });

  it('strips the project from repository names and encodes them twice (once → 404, three times → silent empty list)', async () => {
    const c = client('dev', 'dev-secret-pw');
    const repos = await new ProjectApi(c).listRepositories('team');
    assert.deepEqual(
      repos.items.map((r) => r.name),
      ['team/web/frontend'],
    );
    assert.equal(repositoryPathSegment('team', 'team/web/frontend'), 'web%252Ffrontend');
    const arts = await new ArtifactApi(c).listArtifacts('team', repos.items[0].name);
    assert.equal(arts.items.length, 1);
    assert.deepEqual(
      arts.items[0].tags?.map((t) => t.name),
      ['v1'],
    );
    const auth = { Authorization: `Basic ${Buffer.from('dev:dev-secret-pw').toString('base64')}` };
    const once = await fetch(`${harbor.url}/api/v2.0/projects/team/repositories/web%2Ffrontend/artifacts`, {
      headers: auth,
    });
    assert.equal(once.status, 404);
    assert.match(await once.text(), /"code":"NOT_FOUND"/);
    const thrice = await fetch(`${harbor.url}/api/v2.0/projects/team/repositories/web%25252Ffrontend/artifacts`, {
      headers: auth,
    });
    assert.equal(thrice.status, 200);
    assert.deepEqual(await thrice.json(), []);
  });

  it('pages with page_size ≤ 100, X-Total-Count and Link rel="next"', async () => {
    const admin = client('admin', 'Harbor12345');
    for (let i = 0; i < 120; i++) harbor.state.addProject(`bulk-${String(i).padStart(3, '0')}`);
    const first = await new ProjectApi(admin).listProjects(1, 500);
    assert.equal(first.pageSize, 100);
    assert.equal(first.items.length, 100);
    assert.ok(first.total >= 123);
    assert.equal(first.hasNext, true);
    const second = await new ProjectApi(admin).listProjects(2, 100);
    assert.equal(second.items.length, first.total - 100);
    assert.equal(second.hasNext, false);
    const sent = harbor.exchanges.filter((x) => x.method === 'GET' && x.rawUrl.startsWith('/api/v2.0/projects?'));
    assert.ok(sent.every((x) => Number(new URL(x.rawUrl, 'http://h').searchParams.get('page_size')) <= 100));
    const link = harbor.exchanges.find((x) => x.rawUrl.includes('page=1&page_size=100'))?.responseHeaders.Link ?? '';
    assert.match(link, /<\/api\/v2\.0\/projects\?[^>]*page=2[^>]*>; rel="next"/);
    const tooBig = await fetch(`${harbor.url}/api/v2.0/projects?page_size=101`);
    assert.equal(tooBig.status, 422);
  });

  it('turns Harbor error bodies into the message shown, and hides nothing but what Harbor hides on 5xx', async () => {
    const c = client('dev', 'dev-secret-pw');
    await rejectsWith(
      new ArtifactApi(c).getArtifact('team', 'team/web/frontend', 'nope'),
      'notFound',
      /artifact team\/web\/frontend@nope not found/,
    );
    await rejectsWith(new ProjectApi(c).listRepositories('boom'), 'server', /internal server error/);
    await rejectsWith(new ProjectApi(c).createProject('Bad_Name', false), 'invalid', /illegal characters/);
    await rejectsWith(new ProjectApi(c).createProject('team', false), 'conflict', /already exists/);
    await rejectsWith(new ProjectApi(client('outsider', 'outsider-pw')).listRepositories('team'), 'forbidden');
    assert.equal(projectNameProblem('Bad_Name') !== undefined, true);
    assert.equal(projectNameProblem('web.backend-2'), undefined);
  });

  it('respects admin-only project creation and read-only mode', async () => {
    const c = client('dev', 'dev-secret-pw');
    harbor.state.config.project_creation_restriction = 'adminonly';
    await rejectsWith(new ProjectApi(c).createProject('not-allowed', true), 'forbidden', /Only system admin/);
    harbor.state.config.project_creation_restriction = 'everyone';
    harbor.state.config.read_only = true;
    assert.equal((await c.systemInfo()).read_only, true);
    await rejectsWith(new ProjectApi(c).createProject('during-ro', true), 'forbidden', /read-only mode/);
    harbor.state.config.read_only = false;
  });

  it('scans: 202, then the status goes Pending → Running → Success with a summary; 412 → no scanner', async () => {
    const c = client('dev', 'dev-secret-pw');
    await new ScanApi(c).startScan('team', 'team/web/frontend', 'v1');
    const seen: string[] = [];
    const done = await new ScanApi(c).waitForScan('team', 'web/frontend', 'v1', { intervalMs: 5 });
    for (const x of harbor.exchanges) {
      const m = /"scan_status":"(\w+)"/.exec(x.responseBody);
      if (m && x.rawUrl.includes('/artifacts/v1?')) seen.push(m[1]);
    }
    assert.deepEqual([...new Set(seen)], ['Running', 'Success']);
    assert.equal(scanOf(done)?.scan_status, 'Success');
    assert.equal(formatVulnerabilities(scanOf(done)?.summary?.summary), 'C 2 · H 5 · L 1');
    await rejectsWith(
      new ScanApi(c).startScan('noscan', 'noscan/tool', 'v1'),
      'noScanner',
      /No scanner is configured for project noscan/,
    );
  });

  it('waits for a scan over many polls on one signal without leaving abort listeners; an abort ends the wait', async () => {
    const c = client('dev', 'dev-secret-pw');
    const ctl = new AbortController();
    await new ScanApi(c).startScan('team', 'team/web/frontend', 'v1');
    assert.equal(
      scanOf(await new ScanApi(c).waitForScan('team', 'web/frontend', 'v1', { intervalMs: 1, signal: ctl.signal }))
        ?.scan_status,
      'Success',
    );
    assert.equal(getEventListeners(ctl.signal, 'abort').length, 0);
    await new ScanApi(c).startScan('team', 'team/web/frontend', 'v1');
    const waiting = new ScanApi(c).waitForScan('team', 'web/frontend', 'v1', {
      intervalMs: 60_000,
      signal: ctl.signal,
    });
    setTimeout(() => ctl.abort(), 50);
    await rejectsWith(waiting, 'cancelled');
  });

  it('deletes a tag, then the artifact with all its tags', async () => {
    const c = client('admin', 'Harbor12345');
    await new ArtifactApi(c).deleteTag('library', 'library/hello', 'latest', '1.0');
    assert.deepEqual(
      (await new ArtifactApi(c).getArtifact('library', 'hello', 'latest')).tags?.map((t) => t.name),
      ['latest'],
    );
    await new ArtifactApi(c).deleteArtifact('library', 'library/hello', 'latest');
    assert.deepEqual((await new ArtifactApi(c).listArtifacts('library', 'hello')).items, []);
  });

  it('times out, cancels, and refuses to follow a redirect that would drop the credentials', async () => {
    const hanging = createServer((req) => {
      if (req.url?.includes('redirect')) return;
    });
    const redirecting = createServer((_req, res) => {
      res.writeHead(301, { Location: 'https://harbor.example.test/api/v2.0/projects' });
      res.end();
    });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
    try {
      const slow = new HarborClient({
        url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
        username: 'u',
        secret: 's',
        timeoutMs: 200,
      });
      await rejectsWith(new ProjectApi(slow).listProjects(), 'timeout', /did not answer in time/);
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 50);
      const patient = new HarborClient({ url: slow.conn.url, username: 'u', secret: 's', timeoutMs: 10_000 });
      await rejectsWith(new ProjectApi(patient).listProjects(1, 10, ctl.signal), 'cancelled');
      const moved = new HarborClient({
        url: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
        username: 'u',
        secret: 's',
      });
      await rejectsWith(
        new ProjectApi(moved).listProjects(),
        'redirect',
        /Reconnect with https:\/\/harbor\.example\.test/,
      );
    } finally {
      hanging.closeAllConnections();
      hanging.close();
      redirecting.close();
    }
  });

  it('normalises the typed URL (https by default, no path)', () => {
    assert.equal(normaliseHarborUrl('harbor.example.com'), 'https://harbor.example.com');
    assert.equal(normaliseHarborUrl('http://10.0.0.5:8080/harbor/projects'), 'http://10.0.0.5:8080');
    assert.equal(normaliseHarborUrl(' HTTPS://Harbor.Example.com/ '), 'https://harbor.example.com');
    assert.throws(() => normaliseHarborUrl('ftp://x'));
  });
});
