// Oracle layer, daemon.json values that `dockerd --validate` lets through but dockerd's start refuses (a mirror
// without its scheme, a bad bip, log options): each file here is given to a real dockerd 26 starting in network and
// mount namespaces of its own, and Berth must agree: Berth reports an Error of the 'start' family ⇔ dockerd refuses to
// start. Files that dockerd accepts are in the list too, so that a check that flags everything fails.
//   BERTH_ORACLE_DOCKERD=/path/to/dockerd   the dockerd 26 binary (run-layer.mjs sets it); needs root and unshare
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkDaemonJson } from '../../server/src/daemon-json/checks';
import { pingOk } from '../support/second-dockerd';

const DOCKERD = process.env.BERTH_ORACLE_DOCKERD ?? '';

const CASES: Record<string, object> = {
  'mirror without a scheme': { 'registry-mirrors': ['mirror.example.com'] },
  'mirror with https': { 'registry-mirrors': ['https://mirror.example.com'] },
  'mirror with ftp': { 'registry-mirrors': ['ftp://mirror.example.com'] },
  'insecure registry with http://': { 'insecure-registries': ['harbor.example.com:5000', 'http://h2.example.com'] },
  'insecure registry with ftp://': { 'insecure-registries': ['ftp://harbor.example.com'] },
  'bip with a prefix over 32': { bip: '10.77.0.1/33' },
  'bip as an address': { bip: '10.77.0.1/24' },
  'bip naming the network': { bip: '10.77.0.0/24' },
  'fixed-cidr inside bip': { bip: '10.77.0.1/16', 'fixed-cidr': '10.77.1.0/24' },
  'fixed-cidr outside bip': { bip: '10.77.0.1/24', 'fixed-cidr': '10.88.0.0/24' },
  'pool size below its base prefix': { 'default-address-pools': [{ base: '10.90.0.0/16', size: 8 }] },
  'pool that is fine': { 'default-address-pools': [{ base: '10.90.0.0/16', size: 24 }] },
  // dockerd starts with this one: json-file parses max-size only when a container's logger is created, so Berth's
  // Error on it is of the 'containers' family, which this comparison leaves out.
  'log max-size without a unit it knows': { 'log-driver': 'json-file', 'log-opts': { 'max-size': '10x' } },
  'log option json-file does not have': { 'log-driver': 'json-file', 'log-opts': { 'max-sise': '10m' } },
  'log options that are fine': { 'log-driver': 'json-file', 'log-opts': { 'max-size': '10m', 'max-file': '3' } },
  'hosts while the command line passes --host': { hosts: ['unix:///tmp/berth-never.sock'] },
};

/** Starts dockerd 26 with the file; resolves with its last log line when it refuses, undefined when it answers. */
async function start(config: object): Promise<string | undefined> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-daemon-start-'));
  const socket = path.join(dir, 'docker.sock');
  const file = path.join(dir, 'daemon.json');
  writeFileSync(file, JSON.stringify(config));
  const args = [
    '-n',
    '-m',
    DOCKERD,
    '--config-file',
    file,
    '--host',
    `unix://${socket}`,
    '--data-root',
    path.join(dir, 'data'),
  ];
  args.push('--exec-root', path.join(dir, 'exec'), '--pidfile', path.join(dir, 'pid'), '--iptables=false');
  const daemon = spawn('unshare', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  daemon.stderr!.on('data', (d) => (log = (log + d).slice(-4000)));
  const exited = new Promise((r) => daemon.once('exit', r));
  try {
    const t0 = Date.now();
    for (;;) {
      if (daemon.exitCode !== null) return log.trim().split('\n').at(-1) ?? `exit ${daemon.exitCode}`;
      if (await pingOk(socket)) return undefined;
      if (Date.now() - t0 > 60_000) throw new Error(`dockerd 26 neither answered nor exited within 60 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  } finally {
    if (daemon.exitCode === null) {
      daemon.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (daemon.exitCode === null) daemon.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

describe("daemon.json: Berth's start-time Errors ⇔ dockerd 26 refuses to start", () => {
  it(`${Object.keys(CASES).length} files, each started for real`, { timeout: 10 * 60_000 }, async () => {
    assert.ok(DOCKERD, 'BERTH_ORACLE_DOCKERD is not set: run this through `node scripts/run-layer.mjs oracle`');
    const disagreements: string[] = [];
    for (const [name, config] of Object.entries(CASES)) {
      const text = JSON.stringify(config, null, 2);
      // The command line above passes --host: the same situation as a docker.service with -H fd://.
      const unit = { kind: 'local', path: 'the test command line', execStart: `dockerd --host unix:///x` } as const;
      const berth = checkDaemonJson(text, unit).filter(
        (i) => i.severity === DiagnosticSeverity.Error && (i.family === 'start' || i.family === 'validate'),
      );
      const refusal = await start(config);
      if (berth.length > 0 !== (refusal !== undefined))
        disagreements.push(
          `${name}: dockerd ${refusal ? `refused: ${refusal}` : 'started'}; Berth: ${berth.map((i) => i.code).join(', ') || 'nothing'}`,
        );
    }
    assert.deepEqual(disagreements, []);
  });
});
