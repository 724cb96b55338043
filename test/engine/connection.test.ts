// Connection resolution and failures against real engines: the shared private one (unix socket), a second private
// dockerd this test owns (TLS over TCP, stopped and restarted to prove reconnect + resync), a dead socket, and the
// real engine socket as seen by a user outside the docker group (permission denied → guidance).
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { candidateSockets, modemOptions, resolveEndpoint } from '../../client/src/engine/connection';
import { Engine, MAX_CLIENT_API, pickApiVersion } from '../../client/src/engine/engine';
import { EngineError } from '../../client/src/engine/errors';
import { EventHub } from '../../client/src/engine/events';
import { EngineManager } from '../../client/src/engine/manager';
import { buildViewTree } from '../../client/src/explorer/model/index';
import { ExplorerStore } from '../../client/src/explorer/store';
import { canRunSecondDockerd, createSecondDockerd, type SecondDockerd } from '../support/second-dockerd';
import { testDocker } from '../support/engine-env';
import { until } from '../support/wait';
import { skipOutsideCi } from '../support/skip-outside-ci';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-conn-'));
const sharedSocket = /^unix:\/\/(.+)$/.exec(process.env.DOCKER_HOST ?? '')?.[1];

/** A Docker CLI config dir with one context "remote" (endpoint + TLS material), as `docker context create` writes it. */
function writeContext(configDir: string, name: string, host: string, certDir?: string): void {
  const hash = createHash('sha256').update(name).digest('hex');
  mkdirSync(path.join(configDir, 'contexts', 'meta', hash), { recursive: true });
  writeFileSync(
    path.join(configDir, 'contexts', 'meta', hash, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: { Description: 'test' },
      Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
    }),
  );
  if (certDir) {
    const tlsDir = path.join(configDir, 'contexts', 'tls', hash, 'docker');
    mkdirSync(tlsDir, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) cpSync(path.join(certDir, f), path.join(tlsDir, f));
  }
}

describe('engine connection resolution', () => {
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('follows the documented order: setting, DOCKER_HOST (+TLS), context, sockets', async () => {
    const cfg = path.join(tmp, 'cfg-order');
    const certs = path.join(tmp, 'certs-order');
    mkdirSync(certs, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(certs, f), `fake ${f}`);
    writeContext(cfg, 'remote', 'tcp://10.1.2.3:2376', certs);
    writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    const env = {
      DOCKER_CONFIG: cfg,
      DOCKER_HOST: 'tcp://10.9.9.9:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: certs,
    };

    assert.deepEqual(await resolveEndpoint({ env, settingHost: '/run/x.sock' }).then((e) => [e.source, e.host]), [
      'setting',
      'unix:///run/x.sock',
    ]);
    const fromSettingContext = await resolveEndpoint({ env, settingHost: 'remote' });
    assert.deepEqual(
      [fromSettingContext.source, fromSettingContext.host, fromSettingContext.contextName],
      ['setting', 'tcp://10.1.2.3:2376', 'remote'],
    );

    const dh = await resolveEndpoint({ env });
    assert.deepEqual(
      [dh.source, dh.host, dh.tls?.verify, dh.tls?.ca?.toString()],
      ['DOCKER_HOST', 'tcp://10.9.9.9:2376', true, 'fake ca.pem'],
    );

    const ctx = await resolveEndpoint({ env: { DOCKER_CONFIG: cfg } });
    assert.deepEqual(
      [ctx.source, ctx.host, ctx.label, ctx.tls?.cert?.toString()],
      ['context', 'tcp://10.1.2.3:2376', 'remote', 'fake cert.pem'],
    );
    // DOCKER_CONTEXT=default overrides config.json and falls through to the sockets.
    const sockets = [path.join(tmp, 'missing-1.sock'), ...(sharedSocket ? [sharedSocket] : [])];
    const byDefault = await resolveEndpoint({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'default' }, sockets });
    assert.equal(byDefault.source, 'socket');
    if (sharedSocket) assert.equal(byDefault.host, `unix://${sharedSocket}`, 'the first socket that answers wins');

    assert.deepEqual(candidateSockets({ XDG_RUNTIME_DIR: '/run/user/1000' }), [
      '/var/run/docker.sock',
      '/run/user/1000/docker.sock',
      '/run/user/1000/podman/podman.sock',
      '/run/podman/podman.sock',
    ]);
    const ssh = modemOptions({ source: 'setting', host: 'ssh://deploy@build-box:2222', label: 'x' }) as {
      protocol?: string;
      host?: string;
      port?: number;
      username?: string;
    };
    assert.deepEqual([ssh.protocol, ssh.host, ssh.port, ssh.username], ['ssh', 'build-box', 2222, 'deploy']);
  });

  it('connects over the unix socket and pins the engine’s own API version, never above ours', async () => {
    const engine = await Engine.connect(await resolveEndpoint({ env: process.env }));
    const server = await testDocker().version();
    assert.equal(engine.info.apiVersion, pickApiVersion(server.ApiVersion));
    assert.equal(pickApiVersion('1.99'), MAX_CLIENT_API);
    assert.equal(pickApiVersion('1.24'), '1.24');
    assert.equal((engine.docker.modem as unknown as { version?: string }).version, `v${engine.info.apiVersion}`);
    assert.ok(Array.isArray(await engine.listContainers()));
    await assert.rejects(
      engine.inspect('container', `nope-${randomUUID()}`),
      (e: EngineError) => e.kind === 'api' && e.statusCode === 404 && /No such container/i.test(e.message),
    );
    const ac = new AbortController();
    const pending = engine.listImages({ signal: ac.signal });
    ac.abort();
    await assert.rejects(pending, (e: EngineError) => e.kind === 'cancelled');
  });

  it('reports a missing socket and a dead socket as unreachable, and every view shows the cause with actions', async () => {
    const missing = path.join(tmp, 'no-engine.sock');
    const manager = new EngineManager({ settingHost: () => `unix://${missing}`, env: {} });
    await assert.rejects(manager.get(), (e: EngineError) => e.kind === 'socket-missing' && e.message.includes(missing));
    assert.equal(manager.current.kind, 'unreachable');
    const store = new ExplorerStore(() => manager.get());
    await store.refresh(['containers']);
    const [item] = buildViewTree('images', store.data, {}, store.error?.message)!;
    assert.match(item.label, /No engine socket at .*no-engine\.sock/);
    assert.deepEqual(
      item.children!.map((c) => c.label),
      ['Retry', 'Choose engine…', 'Open settings'],
    );
    assert.deepEqual(
      item.children!.map((c) => c.command!.command),
      ['berth.engine.retry', 'berth.engine.choose', 'berth.engine.openSettings'],
    );

    // A stale socket: its server process was killed, the file stays, nobody listens.
    const dead = path.join(tmp, 'dead.sock');
    const child = spawn(
      process.execPath,
      ['-e', `require('net').createServer().listen(${JSON.stringify(dead)}, () => console.log('up'))`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((r) => child.stdout!.once('data', r));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await assert.rejects(
      Engine.connect({ source: 'setting', host: `unix://${dead}`, label: dead }),
      (e: EngineError) => e.kind === 'connection-refused' && e.unreachable,
    );
  });

  it('explains a permission-denied socket: the real engine socket, probed by a user outside the docker group', async (t) => {
    if (!sharedSocket) return skipOutsideCi('the permission-denied socket test', 'DOCKER_HOST is not a unix socket', t);
    const probeDir = mkdtempSync(path.join(os.tmpdir(), 'berth-probe-'));
    chmodSync(probeDir, 0o755);
    try {
      const entry = path.join(probeDir, 'probe.ts');
      writeFileSync(
        entry,
        `import { Engine } from ${JSON.stringify(path.join(root, 'client/src/engine/engine.ts'))};
        Engine.connect({ source: 'setting', host: 'unix://' + process.argv[2], label: process.argv[2] })
          .then(() => console.log(JSON.stringify({ kind: 'connected' })), (e) => console.log(JSON.stringify({ kind: e.kind, message: e.message })));`,
      );
      await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile: path.join(probeDir, 'probe.cjs'),
        external: ['cpu-features', '*.node'],
        logLevel: 'error',
      });
      chmodSync(path.join(probeDir, 'probe.cjs'), 0o644);
      let target = sharedSocket;
      let runAs: string[] = [];
      if (process.getuid?.() === 0) {
        // Root bypasses permission checks: run the probe as nobody (not in the docker group) against the real socket (0660 root:docker).
        runAs = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--'];
      } else {
        // Not root: a socket of our own with mode 000 refuses us just the same.
        target = path.join(probeDir, 'locked.sock');
        const srv = spawn(
          process.execPath,
          [
            '-e',
            `require('net').createServer().listen(${JSON.stringify(target)}, () => { require('fs').chmodSync(${JSON.stringify(target)}, 0); console.log('up'); })`,
          ],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        await new Promise((r) => srv.stdout!.once('data', r));
        t.after(() => srv.kill());
      }
      const cmd = [...runAs, process.execPath, path.join(probeDir, 'probe.cjs'), target];
      const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', cwd: probeDir });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout.trim()) as { kind: string; message: string };
      assert.equal(out.kind, 'permission-denied', r.stdout);
      assert.match(out.message, /add your user to the docker group/);
      assert.match(out.message, /rootless socket/);
    } finally {
      rmSync(probeDir, { recursive: true, force: true });
    }
  });
});

describe('a second private dockerd (TLS over TCP, restarted under the explorer)', () => {
  let d2: SecondDockerd | undefined;
  const why = canRunSecondDockerd();

  before(async () => {
    if (why) return;
    d2 = await createSecondDockerd({ tls: true });
    await d2.start();
  });
  after(async () => {
    await d2?.stop({ purge: true });
  });

  const guard = (t: { skip(m: string): void }): boolean => {
    if (!why) return true;
    skipOutsideCi('a second-dockerd test', `cannot run a second dockerd: ${why}`, t);
    return false;
  };

  it('connects with TLS from DOCKER_HOST/DOCKER_CERT_PATH and from a context; a wrong CA is a TLS failure', async (t) => {
    if (!guard(t)) return;
    const env = { DOCKER_HOST: d2!.tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: d2!.certDir };
    const viaEnv = await Engine.connect(await resolveEndpoint({ env }));
    assert.ok(viaEnv.info.version.length > 0);
    assert.deepEqual(await viaEnv.listVolumes(), []);

    const cfg = path.join(tmp, 'cfg-tls');
    writeContext(cfg, 'tls-box', d2!.tlsHost!, d2!.certDir);
    writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ currentContext: 'tls-box' }));
    const viaContext = await Engine.connect(await resolveEndpoint({ env: { DOCKER_CONFIG: cfg } }));
    assert.equal(viaContext.endpoint.contextName, 'tls-box');
    assert.equal(
      (await viaContext.listNetworks()).some((n) => n.Name === 'bridge'),
      true,
    );

    const wrongCa = path.join(tmp, 'wrong-ca');
    mkdirSync(wrongCa, { recursive: true });
    for (const f of ['cert.pem', 'key.pem']) cpSync(path.join(d2!.certDir!, f), path.join(wrongCa, f));
    cpSync(path.join(d2!.certDir!, 'server-cert.pem'), path.join(wrongCa, 'ca.pem')); // not the issuing CA
    await assert.rejects(
      Engine.connect(await resolveEndpoint({ env: { ...env, DOCKER_CERT_PATH: wrongCa } })),
      (e: EngineError) => e.kind === 'tls' && /TLS failure/.test(e.message),
    );
    // Plain HTTP to the TLS port: the engine's own answer comes through.
    await assert.rejects(
      Engine.connect(await resolveEndpoint({ env: { DOCKER_HOST: d2!.tlsHost } })),
      (e: EngineError) => e.kind === 'api' && /HTTPS/i.test(e.message),
    );
  });

  it('reconnects with backoff after a daemon restart and resyncs the views', async (t) => {
    if (!guard(t)) return;
    const manager = new EngineManager({ settingHost: () => `unix://${d2!.socket}`, env: {} });
    const store = new ExplorerStore(() => manager.get());
    const reasons: string[] = [];
    const hub = new EventHub({
      engine: (fresh) => (fresh ? manager.reconnect() : manager.get()),
      refresh: (reason, changes) => {
        reasons.push(reason);
        void store.apply(changes);
      },
      unreachable: (e) => {
        manager.markUnreachable(e);
        store.fail(e);
      },
      backoffInitialMs: 100,
      backoffMaxMs: 1000,
    });
    hub.start();
    try {
      await until(() => (store.loaded('volumes') && store.loaded('networks')) || undefined, 'first resync');
      const volumes = () => buildViewTree('volumes', store.data, {}, store.error?.message)!;
      assert.deepEqual(volumes(), []);
      await d2!.stop();
      await until(() => store.error, 'the views to show the engine unreachable');
      assert.ok(store.error!.unreachable, store.error!.message);
      assert.equal(volumes()[0].contextValue, 'engineError');
      const resyncsBefore = reasons.filter((r) => r === 'resync').length;
      await d2!.start();
      await until(() => (!store.error && hub.connected) || undefined, 'recovery without reload');
      assert.ok(reasons.filter((r) => r === 'resync').length > resyncsBefore, 'a resync after reconnecting');
      // The new stream delivers events: a volume created now appears without any manual refresh.
      await (await manager.get()).docker.createVolume({ Name: 'after-restart' });
      await until(() => volumes().some((n) => n.label === 'after-restart') || undefined, 'the new volume in the tree');
    } finally {
      hub.stop();
    }
  });
});
