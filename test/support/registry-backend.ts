// A real Debian docker-registry in a scratch folder on a free loopback port, as the backend behind the Harbor-like
// front door (test/support/harbor). Stopped and deleted by the returned close().
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RegistryBackend {
  /** 127.0.0.1:port */
  hostPort: string;
  close(): void;
}

export async function startRegistryBackend(): Promise<RegistryBackend> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-registry-'));
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const hostPort = `127.0.0.1:${port}`;
  writeFileSync(
    path.join(dir, 'config.yml'),
    `version: 0.1\nlog: {level: warn, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: ${dir}/data}, delete: {enabled: true}}\nhttp: {addr: ${hostPort}, secret: berth-registry-test}\n`,
  );
  const child = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  const close = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`http://${hostPort}/v2/`).catch(() => undefined))?.ok) return { hostPort, close };
    await new Promise((r) => setTimeout(r, 100));
  }
  close();
  throw new Error('docker-registry did not start');
}
