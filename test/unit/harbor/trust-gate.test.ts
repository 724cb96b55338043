// Pull and push send credentials (the Harbor secret, or the auths of ~/.docker/config.json) to the engine in
// X-Registry-Auth and create things on it: in an untrusted workspace they are refused with a message that says to
// trust the folder, before any secret is read or any engine is contacted. The TLS choices of berth.harbor.tls count
// from the workspace only once it is trusted, and "allow insecure TLS" warns when it takes effect for a connected
// instance. Runs the real registration against a stand-in `vscode` module.
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { before, beforeEach, describe, it } from 'node:test';
import { fake, fakeContext, installFakeVscode } from '../support/fake-vscode';
import type * as HarborCommands from '../../../client/src/harbor/commands';
import type * as Instances from '../../../client/src/harbor/instances';

const load = createRequire(__filename);
const inst = {
  id: 'dev@https://harbor.test',
  url: 'https://harbor.test',
  username: 'dev',
  registryUrl: 'harbor.test',
  accountKind: 'user' as const,
  mayCreateProjects: true,
};
const artifactNode = {
  kind: 'artifact',
  key: 'k',
  inst,
  project: { name: 'team', project_id: 1 },
  repo: { name: 'team/web' },
  artifact: { digest: 'sha256:' + 'a'.repeat(64), tags: [{ name: '1.0' }] },
};

describe('Harbor commands and workspace trust', () => {
  let ctx: ReturnType<typeof fakeContext>;
  let instances: Instances.HarborInstances;
  before(async () => {
    installFakeVscode();
    const { registerHarbor } = load('../../../client/src/harbor/commands') as typeof HarborCommands;
    const { HarborInstances } = load('../../../client/src/harbor/instances') as typeof Instances;
    ctx = fakeContext();
    registerHarbor(ctx as never);
    instances = new HarborInstances(ctx as never);
    await instances.save(inst, 'dev-secret-pw');
  });
  beforeEach(() => fake.reset());

  for (const [id, arg] of [
    ['berth.harbor.pull', artifactNode],
    ['berth.images.push', 'web:1.0'],
    ['berth.images.pushToRegistry', 'web:1.0'],
  ] as const) {
    it(`${id} is refused in an untrusted workspace, saying to trust the folder`, async () => {
      const run = fake.commands.get(id);
      assert.ok(run, `${id} is registered`);
      await run(arg);
      const errors = fake.messages.filter((m) => m.level === 'error').map((m) => m.text);
      assert.equal(errors.length, 1, `one message, got ${JSON.stringify(fake.messages)}`);
      assert.match(errors[0], /untrusted workspace/);
      assert.match(errors[0], /Trust the workspace/);
      assert.match(errors[0], /credentials|secret/);
    });
  }

  it('refuses, even when trusted, to pull or push with credentials to a registry host the user never confirmed', async () => {
    fake.trusted = true;
    const elsewhere = { ...inst, registryUrl: 'collector.attacker.example' };
    await fake.commands.get('berth.harbor.pull')!({ ...artifactNode, inst: elsewhere });
    const errors = fake.messages.filter((m) => m.level === 'error').map((m) => m.text);
    assert.equal(errors.length, 1, JSON.stringify(fake.messages));
    assert.match(errors[0], /collector\.attacker\.example/);
    assert.match(errors[0], /does not send the secret/);
    const { registryRefusal } = load('../../../client/src/harbor/instances') as typeof Instances;
    assert.equal(registryRefusal({ ...elsewhere, registryElsewhereConfirmed: true }), undefined);
    assert.equal(registryRefusal(inst), undefined);
    assert.equal(registryRefusal({ ...inst, registryUrl: 'harbor.test:5443' }), undefined);
  });

  it("ignores a workspace's berth.harbor.tls while untrusted, applies it once trusted", () => {
    fake.settings.set('berth.harbor.tls', {
      defaultValue: {},
      workspaceValue: { [inst.url]: { allowInsecureTls: true, caFile: '/repo/evil-ca.pem' } },
    });
    assert.deepEqual(instances.tls(inst.url), {});
    fake.trusted = true;
    assert.deepEqual(instances.tls(inst.url), { allowInsecureTls: true, caFile: '/repo/evil-ca.pem' });
  });

  it('warns when allowInsecureTls takes effect for an instance already connected, once', () => {
    fake.trusted = true;
    fake.settings.set('berth.harbor.tls', {
      defaultValue: {},
      globalValue: { [inst.url]: { allowInsecureTls: true } },
    });
    fake.configChanged.fire({
      affectsConfiguration: (s) => s === 'berth.harbor.tls' || s === 'berth.harbor' || s === 'berth',
    });
    fake.configChanged.fire({
      affectsConfiguration: (s) => s === 'berth.harbor.tls' || s === 'berth.harbor' || s === 'berth',
    });
    const warnings = fake.messages.filter((m) => m.level === 'warning' && m.text.includes(inst.url));
    assert.equal(warnings.length, 1, JSON.stringify(fake.messages));
    assert.match(warnings[0].text, /TLS verification is OFF/);
  });

  it('warns when trust is granted to a workspace whose settings turn verification off', () => {
    fake.settings.set('berth.harbor.tls', {
      defaultValue: {},
      workspaceValue: { [inst.url]: { allowInsecureTls: false } },
    });
    fake.configChanged.fire({ affectsConfiguration: () => true }); // verification back on: the next "off" warns again
    fake.settings.set('berth.harbor.tls', {
      defaultValue: {},
      workspaceValue: { [inst.url]: { allowInsecureTls: true } },
    });
    fake.configChanged.fire({ affectsConfiguration: () => true });
    assert.equal(fake.messages.length, 0, 'untrusted: the workspace value does not count');
    fake.trusted = true;
    fake.trustGranted.fire();
    assert.equal(
      fake.messages.filter((m) => m.level === 'warning' && /TLS verification is OFF/.test(m.text)).length,
      1,
    );
  });
});
