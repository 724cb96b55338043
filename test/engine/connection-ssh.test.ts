// ssh:// engines for real: a private sshd this test starts (its own port, host key and authorized key, all in a
// temp dir) whose sessions see the private engine as DOCKER_HOST; Berth connects through docker-modem's ssh
// transport (`docker system dial-stdio` on the far side), authenticating through an ssh-agent, as users do.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveEndpoint } from '../../client/src/engine/connection';
import { Engine } from '../../client/src/engine/engine';
import { skipOutsideCi } from '../support/skip-outside-ci';

const root = path.resolve(import.meta.dirname, '../..');
const sharedSocket = /^unix:\/\/(.+)$/.exec(process.env.DOCKER_HOST ?? '')?.[1];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Why this machine cannot run the test, or undefined. Installs openssh-server (Debian) when missing, as root. */
function unavailable(): string | undefined {
  if (!sharedSocket) return 'DOCKER_HOST is not a unix socket';
  if (process.getuid?.() !== 0) return 'a private sshd for root needs root';
  if (!existsSync('/usr/sbin/sshd'))
    spawnSync('bash', ['-c', '. scripts/env.sh; berth_apt_install openssh-server'], { cwd: root, stdio: 'inherit' });
  if (!existsSync('/usr/sbin/sshd')) return 'openssh-server could not be installed';
  if (spawnSync('which', ['docker', 'ssh-agent', 'ssh-add', 'ssh-keygen']).status !== 0)
    return 'docker CLI or ssh tools missing';
  return undefined;
}

describe('ssh:// engine through docker-modem', () => {
  const why = unavailable();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-ssh-'));
  const procs: ChildProcess[] = [];
  let port = 0;
  const savedAgent = process.env.SSH_AUTH_SOCK;

  before(async () => {
    if (why) return;
    chmodSync(dir, 0o700);
    const keygen = (file: string) => spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
    keygen(path.join(dir, 'host_key'));
    keygen(path.join(dir, 'client_key'));
    writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
    port = await freePort();
    writeFileSync(
      path.join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${dir}/host_key`,
        `PidFile ${dir}/sshd.pid`,
        `AuthorizedKeysFile ${dir}/authorized_keys`,
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        `SetEnv DOCKER_HOST=unix://${sharedSocket}`,
        '',
      ].join('\n'),
    );
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege-separation directory
    const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path.join(dir, 'sshd_config')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let sshdLog = '';
    sshd.stderr!.on('data', (b) => {
      sshdLog += String(b);
    });
    procs.push(sshd);
    const agentSock = path.join(dir, 'agent.sock');
    procs.push(spawn('ssh-agent', ['-D', '-a', agentSock], { stdio: 'ignore' }));
    for (let i = 0; i < 100 && !existsSync(agentSock); i++) await new Promise((r) => setTimeout(r, 50));
    const add = spawnSync('ssh-add', [path.join(dir, 'client_key')], {
      env: { ...process.env, SSH_AUTH_SOCK: agentSock },
      encoding: 'utf8',
    });
    assert.equal(add.status, 0, add.stderr);
    process.env.SSH_AUTH_SOCK = agentSock;
    for (let i = 0; i < 100; i++) {
      const ok = await new Promise<boolean>((r) => {
        const s = net.connect(port, '127.0.0.1', () => {
          s.end();
          r(true);
        });
        s.on('error', () => r(false));
      });
      if (ok) return;
      if (sshd.exitCode !== null) throw new Error(`sshd exited: ${sshdLog}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`sshd did not listen: ${sshdLog}`);
  });

  after(async () => {
    if (savedAgent === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = savedAgent;
    for (const p of procs)
      if (p.exitCode === null) {
        const gone = new Promise((r) => p.once('exit', r));
        p.kill('SIGTERM');
        await gone;
      }
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the engine over ssh://root@127.0.0.1:PORT and answers with the same engine', async (t) => {
    if (why) return skipOutsideCi('the ssh:// connection test', why, t);
    const endpoint = await resolveEndpoint({ env: {}, settingHost: `ssh://root@127.0.0.1:${port}` });
    assert.equal(endpoint.host, `ssh://root@127.0.0.1:${port}`);
    const engine = await Engine.connect(endpoint);
    const local = await Engine.connect(await resolveEndpoint({ env: process.env }));
    assert.equal(engine.info.version, local.info.version);
    const [viaSsh, direct] = await Promise.all([engine.listImages(), local.listImages()]);
    assert.deepEqual(viaSsh.map((i) => i.Id).sort(), direct.map((i) => i.Id).sort());
  });
});
