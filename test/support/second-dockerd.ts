// A second, throw-away real dockerd that a test owns: its own socket, data dir, bridge and (optionally) a TLS TCP
// port with certificates made by openssl. The test can stop and restart it without disturbing the shared engine.
// As docs/real-engines.md explains: next to another daemon it needs its own bridge and --iptables=false
// (never --bridge=none, which deletes docker0). Everything it creates is removed by stop({ purge: true }).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface SecondDockerd {
  dir: string;
  socket: string;
  /** tcp://127.0.0.1:PORT when started with TLS. */
  tlsHost?: string;
  /** Folder with ca.pem, cert.pem, key.pem (the client's material), as DOCKER_CERT_PATH expects. */
  certDir?: string;
  start(): Promise<void>;
  stop(opts?: { purge?: boolean }): Promise<void>;
}

/** True when this machine can run a second daemon (root, dockerd and ip installed). */
export function canRunSecondDockerd(): string | undefined {
  if (process.getuid?.() !== 0) return 'a second dockerd needs root';
  for (const bin of ['dockerd', 'ip', 'openssl'])
    if (spawnSync('which', [bin]).status !== 0) return `${bin} is not installed`;
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Whether a daemon answers /_ping on its unix socket (within a second). */
export function pingOk(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function makeCerts(dir: string): void {
  const script = `set -e
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=berth-test-ca -keyout ca-key.pem -out ca.pem
    openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server-key.pem -out server.csr
    printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -out server-cert.pem -extfile server.ext
    openssl req -newkey rsa:2048 -nodes -subj /CN=berth-client -keyout key.pem -out client.csr
    printf 'extendedKeyUsage=clientAuth\\n' > client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -out cert.pem -extfile client.ext`;
  const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
}

export async function createSecondDockerd(opts: { tls?: boolean } = {}): Promise<SecondDockerd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-d2-'));
  const socket = path.join(dir, 'docker.sock');
  const tag = randomBytes(3).toString('hex');
  const bridge = `bth${tag}`;
  const cidr = `10.${200 + (randomBytes(1)[0] % 50)}.${randomBytes(1)[0]}.1/24`;
  writeFileSync(path.join(dir, 'daemon.json'), '{}');
  let certDir: string | undefined;
  let tlsHost: string | undefined;
  const extra: string[] = [];
  if (opts.tls) {
    certDir = path.join(dir, 'certs');
    mkdirSync(certDir);
    makeCerts(certDir);
    tlsHost = `tcp://127.0.0.1:${await freePort()}`;
    extra.push(
      '--host',
      tlsHost,
      '--tlsverify',
      '--tlscacert',
      path.join(certDir, 'ca.pem'),
      '--tlscert',
      path.join(certDir, 'server-cert.pem'),
      '--tlskey',
      path.join(certDir, 'server-key.pem'),
    );
  }
  const ip = (...args: string[]) => spawnSync('ip', args, { encoding: 'utf8' });
  let child: ChildProcess | undefined;
  let bridgeMade = false;

  const d: SecondDockerd = {
    dir,
    socket,
    tlsHost,
    certDir,
    async start() {
      if (!bridgeMade) {
        const r = ip('link', 'add', bridge, 'type', 'bridge');
        if (r.status !== 0) throw new Error(`ip link add ${bridge}: ${r.stderr}`);
        bridgeMade = true;
        ip('addr', 'add', cidr, 'dev', bridge);
        ip('link', 'set', bridge, 'up');
      }
      child = spawn(
        'dockerd',
        [
          '--host',
          `unix://${socket}`,
          ...extra,
          '--data-root',
          path.join(dir, 'data'),
          '--exec-root',
          path.join(dir, 'exec'),
          '--pidfile',
          path.join(dir, 'dockerd.pid'),
          '--config-file',
          path.join(dir, 'daemon.json'),
          '--bridge',
          bridge,
          '--iptables=false',
          '--ip-masq=false',
          '--cgroup-parent',
          `/berth-test-${tag}`,
        ],
        { stdio: ['ignore', 'ignore', 'ignore'], detached: true },
      );
      const t0 = Date.now();
      while (!(await pingOk(socket))) {
        if (child.exitCode !== null) throw new Error(`second dockerd exited with ${child.exitCode}`);
        if (Date.now() - t0 > 60_000) throw new Error('second dockerd did not answer within 60 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop({ purge = false } = {}) {
      const c = child;
      child = undefined;
      if (c && c.exitCode === null) {
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        if (c.exitCode === null) {
          c.kill('SIGKILL');
          await exited;
        }
      }
      if (purge) {
        if (bridgeMade) ip('link', 'del', bridge);
        bridgeMade = false;
        if (existsSync(dir)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
  return d;
}
