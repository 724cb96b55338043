// Harbor in a real VS Code: connect with preset answers, browse to an artifact (with its scan summary), push a local
// image through the real engine and the Harbor-like front door, see it appear, and never leak a secret to the output.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import type { HarborApi } from '../../client/src/harbor/commands';
import type { RegistryNode } from '../../client/src/harbor/tree/model';
import { FIXTURE_IMAGE, REGISTRY, testDocker } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { seededState, startHarborStandIn, type HarborStandIn } from '../support/harbor/server';
import { connectHarbor, disconnectHarbor, disconnectHarbors } from './harbor-session';
import { berth, until } from './support';

const engineRun = new EngineTestRun();
const run = engineRun.id;
const SECRET = `dev-secret-${run}`;

suite('harbor', () => {
  let harbor: HarborStandIn;
  let api: HarborApi;
  let prompts: BerthApi['prompts'];
  const pushed: string[] = [];

  suiteSetup(async () => {
    const state = seededState();
    state.users.get('dev')!.password = SECRET;
    state.addArtifact('team', 'tools', { tags: ['stable', '2.0'] });
    for (let i = 0; i < 60; i++) state.addProject(`zz-many-${String(i).padStart(2, '0')}`, { public: true });
    // The front door proxies to the real plain registry the engine layer provides.
    harbor = await startHarborStandIn({ state, registryBackend: REGISTRY });
    ({ harbor: api, prompts } = await berth());
  });
  suiteTeardown(async () => {
    await disconnectHarbors(api, prompts);
    await engineRun.cleanup(...pushed);
    await harbor?.close();
  });

  const children = (n?: RegistryNode) => api.provider.getChildren(n);
  const find = async <K extends RegistryNode['kind']>(parent: RegistryNode | undefined, kind: K, label: string) => {
    const all = await children(parent);
    const hit = all.find((c) => c.kind === kind && api.provider.getTreeItem(c).label === label);
    assert.ok(hit, `${kind} "${label}" among: ${all.map((c) => api.provider.getTreeItem(c).label).join(', ')}`);
    return hit as Extract<RegistryNode, { kind: K }>;
  };

  test("connects with the answers given (no scheme typed: plain HTTP found and confirmed), as the user, with Harbor's registry_url", async () => {
    await connectHarbor(prompts, harbor.hostPort, 'dev', SECRET);
    const [inst] = api.instances();
    assert.equal(inst.url, harbor.url);
    assert.equal(inst.accountKind, 'user');
    assert.equal(inst.registryUrl, harbor.hostPort);
    assert.ok(!JSON.stringify(api.instances()).includes(SECRET), 'the secret is not kept in global state');
  });

  test("follows a redirect to Harbor's real origin at connect, sending the secret only there", async () => {
    const seen: Array<string | undefined> = [];
    const mover = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(308, { Location: `${harbor.url}${req.url}` });
      res.end();
    });
    await new Promise<void>((r) => mover.listen(0, '127.0.0.1', r));
    try {
      prompts.answerNextPrompts([`http://127.0.0.1:${(mover.address() as AddressInfo).port}`, 'dev', SECRET]);
      await vscode.commands.executeCommand('berth.harbor.connect');
      assert.deepEqual(
        api.instances().map((i) => i.url),
        [harbor.url],
      );
      assert.equal(seen.length, 1, 'one call reached the old origin, then the client moved');
    } finally {
      mover.close();
    }
  });

  test('browses instance → project → repository → artifact, with the scan summary after a scan', async () => {
    const instance = (await children())[0];
    const team = await find(instance, 'project', 'team');
    assert.match(String(api.provider.getTreeItem(team).description), /^private · 2 repositories$/);
    const repo = await find(team, 'repository', 'web/frontend');
    const artifact = await find(repo, 'artifact', 'v1');
    await vscode.commands.executeCommand('berth.harbor.scan', artifact);
    const rescanned = await find(await find(team, 'repository', 'web/frontend'), 'artifact', 'v1');
    assert.match(String(api.provider.getTreeItem(rescanned).description), /C 2 · H 5 · L 1$/);
  });

  test('pages projects with "Load more"', async () => {
    const instance = (await children())[0];
    const first = await children(instance);
    const more = first.at(-1)!;
    assert.equal(more.kind, 'loadMore');
    assert.equal(first.filter((c) => c.kind === 'project').length, 50);
    await vscode.commands.executeCommand('berth.harbor.loadMore', more.kind === 'loadMore' && more.parentKey);
    const all = await children(instance);
    assert.equal(all.filter((c) => c.kind === 'project').length, 63);
    assert.ok(!all.some((c) => c.kind === 'loadMore'));
  });

  test('deletes one tag after a confirmation that names what stays', async () => {
    const tools = await find(await find((await children())[0], 'project', 'team'), 'repository', 'tools');
    const artifact = await find(tools, 'artifact', 'stable, 2.0');
    prompts.answerNextPrompts(['2.0', 'Delete tag']);
    await vscode.commands.executeCommand('berth.harbor.deleteTag', artifact);
    await until(
      async () => (await children(tools)).some((c) => api.provider.getTreeItem(c).label === 'stable'),
      'the artifact with only "stable" left',
    );
  });

  test('pushes a local image to a Harbor project and the artifact appears in the view', async () => {
    prompts.answerNextPrompts(['team', `fixture-${run}`, 'v1']);
    const outcome = await vscode.commands.executeCommand<{ reference: string; digest?: string; failure?: string }>(
      'berth.images.push',
      FIXTURE_IMAGE,
    );
    pushed.push(`${harbor.hostPort}/team/fixture-${run}:v1`);
    assert.equal(outcome?.failure, undefined);
    assert.match(String(outcome?.digest), /^sha256:[0-9a-f]{64}$/);
    api.provider.refresh();
    const team = await find((await children())[0], 'project', 'team');
    const repo = await find(team, 'repository', `fixture-${run}`);
    const artifact = await find(repo, 'artifact', 'v1');
    assert.equal(artifact.kind === 'artifact' && artifact.artifact.digest, outcome?.digest);
    const res = await fetch(`http://${REGISTRY}/v2/team/fixture-${run}/manifests/v1`, {
      method: 'HEAD',
      headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    assert.equal(res.headers.get('docker-content-digest'), outcome?.digest);
  });

  test('pulls an artifact from Harbor into the local engine', async () => {
    const ref = pushed[0];
    const docker = testDocker();
    await docker.getImage(ref).remove();
    const repo = await find(await find((await children())[0], 'project', 'team'), 'repository', `fixture-${run}`);
    await vscode.commands.executeCommand('berth.harbor.pull', await find(repo, 'artifact', 'v1'));
    const img = await docker.getImage(ref).inspect();
    assert.ok(img.RepoTags?.includes(ref));
  });

  test('"Push…" to another registry uses the credentials in ~/.docker/config.json auths', async () => {
    const secure = process.env.BERTH_SECURE_REGISTRY!;
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-docker-config-'));
    const before = process.env.DOCKER_CONFIG;
    const target = `${secure}/berth-test/pushed-${run}:v1`;
    pushed.push(target);
    try {
      process.env.DOCKER_CONFIG = dir;
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: {} }));
      prompts.answerNextPrompts([target]);
      const refused = await vscode.commands.executeCommand<{ failure?: string }>(
        'berth.images.pushToRegistry',
        FIXTURE_IMAGE,
      );
      assert.match(String(refused?.failure), /did not accept the credentials/);
      const auth = Buffer.from(
        `${process.env.BERTH_SECURE_REGISTRY_USER}:${process.env.BERTH_SECURE_REGISTRY_PASSWORD}`,
      ).toString('base64');
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [secure]: { auth } } }));
      prompts.answerNextPrompts([target]);
      const outcome = await vscode.commands.executeCommand<{ digest?: string; failure?: string }>(
        'berth.images.pushToRegistry',
        FIXTURE_IMAGE,
      );
      assert.equal(outcome?.failure, undefined);
      assert.match(String(outcome?.digest), /^sha256:/);
      assert.ok(
        !api.outputText().includes(String(process.env.BERTH_SECURE_REGISTRY_PASSWORD)),
        'the registry password stays out of the output',
      );
    } finally {
      if (before === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a changed password shows on the instance item, with a re-enter action', async () => {
    harbor.state.users.get('dev')!.password = `${SECRET}-rotated`;
    api.provider.refresh();
    const instance = (await children())[0];
    const kids = await until(async () => {
      const k = await children(instance);
      return k.some((c) => c.kind === 'message' && c.error) ? k : undefined;
    }, 'an error item');
    assert.match(String(api.provider.getTreeItem(kids[0]).label), /did not accept the credentials/);
    const reenter = kids.find((k) => api.provider.getTreeItem(k).command?.command === 'berth.harbor.reenterSecret');
    assert.ok(reenter, 're-enter item offered');
    prompts.answerNextPrompts([`${SECRET}-rotated`]);
    await vscode.commands.executeCommand('berth.harbor.reenterSecret', api.instances()[0].id);
    await until(
      async () => (await children((await children())[0])).some((c) => c.kind === 'project'),
      'projects after re-entering the secret',
    );
  });

  test('disconnect forgets the instance and deletes its secret', async () => {
    const [inst] = api.instances();
    assert.equal(await api.hasStoredSecret(inst.id), true);
    await disconnectHarbor(prompts, inst);
    assert.deepEqual(api.instances(), []);
    assert.equal(await api.hasStoredSecret(inst.id), false);
    assert.deepEqual(await children(), []);
  });

  test("no secret ever reaches Berth's output", () => {
    const text = api.outputText();
    assert.match(text, /connected to .* as dev \(user\)/);
    assert.match(text, /pushed .*fixture-/);
    assert.match(text, /secret deleted/);
    assert.ok(!text.includes(SECRET), 'the Harbor output channel contains the secret');
    // Every output channel of the session is written to log files under the session's log folder: scan them all.
    const session = path.dirname(path.dirname(api.logDir));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = path.join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(session);
    const berthChannels = files.filter((f) => /Berth/.test(path.basename(f)));
    assert.ok(
      berthChannels.some((f) => readFileSync(f, 'utf8').includes('connected to')),
      `Berth's Harbor channel found among ${berthChannels.map((f) => path.basename(f)).join(', ')}`,
    );
    for (const f of files) assert.ok(!readFileSync(f, 'utf8').includes(SECRET), `${f} contains the secret`);
  });
});
