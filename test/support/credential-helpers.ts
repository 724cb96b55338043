// Debian's golang-docker-credential-helpers (docker-credential-pass) with `pass` and a throw-away GnuPG key, so that
// a test can hold credentials in a real credential store. The packages are fetched with `apt-get download` and
// unpacked with `dpkg -x` into ~/.cache/berth/credential-helpers (nothing is installed system-wide), as
// scripts/oracle.sh does for its tools. gpg itself must be installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const CACHE = path.join(homedir(), '.cache', 'berth', 'credential-helpers');
const BIN = path.join(CACHE, 'root', 'usr', 'bin');

/** The folder holding docker-credential-pass and pass; throws with the reason when they cannot be had. */
export function passHelperBin(): string {
  if (existsSync(path.join(BIN, 'docker-credential-pass')) && existsSync(path.join(BIN, 'pass'))) return BIN;
  if (spawnSync('gpg', ['--version']).status !== 0) throw new Error('gpg is not installed');
  const debs = path.join(CACHE, 'debs');
  mkdirSync(debs, { recursive: true });
  const r = spawnSync('apt-get', ['download', '-qq', 'golang-docker-credential-helpers', 'pass', 'tree'], {
    cwd: debs,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`apt-get download failed: ${(r.stderr || r.error?.message || '').trim()}`);
  for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb')))
    execFileSync('dpkg', ['-x', path.join(debs, deb), path.join(CACHE, 'root')]);
  if (!existsSync(path.join(BIN, 'docker-credential-pass')))
    throw new Error('the package held no docker-credential-pass');
  return BIN;
}

/**
 * A password store in `dir` under a new passphrase-less GnuPG key; returns the environment for pass and the helper
 * (GNUPGHOME, PASSWORD_STORE_DIR, PATH). Call `closePassStore(env)` to stop its gpg-agent.
 */
export function newPassStore(dir: string, bin: string): NodeJS.ProcessEnv {
  const env = {
    ...process.env,
    GNUPGHOME: path.join(dir, 'gnupg'),
    PASSWORD_STORE_DIR: path.join(dir, 'password-store'),
    PATH: `${bin}:${process.env.PATH}`,
  };
  mkdirSync(env.GNUPGHOME, { mode: 0o700 });
  const run = (cmd: string, args: string[], input?: string) =>
    execFileSync(cmd, args, { env, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  run('gpg', [
    '--batch',
    '--passphrase',
    '',
    '--quick-gen-key',
    'berth-test <berth@example.invalid>',
    'default',
    'default',
    'never',
  ]);
  const fpr = /^fpr:+([0-9A-F]+):/m.exec(run('gpg', ['--list-keys', '--with-colons']))?.[1];
  if (!fpr) throw new Error('the new GnuPG key has no fingerprint');
  run('pass', ['init', fpr]);
  return env;
}

/** `docker-credential-pass store`, as `docker login` would call it. */
export function storeInPass(env: NodeJS.ProcessEnv, serverUrl: string, username: string, secret: string): void {
  execFileSync('docker-credential-pass', ['store'], {
    env,
    input: JSON.stringify({ ServerURL: serverUrl, Username: username, Secret: secret }),
  });
}

export function closePassStore(env: NodeJS.ProcessEnv): void {
  spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env });
}
