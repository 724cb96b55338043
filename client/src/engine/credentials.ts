// Registry credentials read the way the docker CLI reads them, so that a pull or push from Berth works wherever
// `docker pull` works: ~/.docker/config.json ($DOCKER_CONFIG honoured), its `auths`, and the credential helpers of
// `credHelpers` (per registry) and `credsStore` (the default), spoken to through the credential-helper protocol
// (`docker-credential-<name> get`, the server URL on stdin, JSON on stdout). Written by hand: the protocol is three
// lines of stdin/stdout and no maintained Node library implements it with timeouts and typed failures.
// No vscode import: the engine tests call this against a helper script they write.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import * as l10n from '@vscode/l10n';

/** Docker Hub's key in config.json, used by the CLI for docker.io, index.docker.io and registry-1.docker.io. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** What the engine receives in X-Registry-Auth: a user and password, or an identity (refresh) token. */
export interface DockerCredential {
  username: string;
  password: string;
  identitytoken?: string;
  serveraddress: string;
  /** Where it came from, for messages (never the secret): `config.json auths` or `docker-credential-<name>`. */
  source: string;
}

export type CredentialFailureKind = 'helper-missing' | 'helper-failed' | 'helper-timeout' | 'config-invalid';

export class CredentialError extends Error {
  constructor(
    readonly kind: CredentialFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialError';
  }
}

export interface CredentialLookup {
  /** The environment to read DOCKER_CONFIG, HOME and PATH from (the process's by default). */
  env?: NodeJS.ProcessEnv;
  /** How long a helper may take; the CLI waits for ever, which would hang a pull behind a locked keychain. */
  timeoutMs?: number;
}

/** The folder of config.json: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || homedir(), '.docker');
}

/** The registry host a reference pulls from, as the CLI normalises it (`nginx` → docker.io). */
export function registryOfReference(reference: string): string {
  const slash = reference.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = reference.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

/** The key config.json files a registry's credentials under: Docker Hub's legacy URL, else the host[:port]. */
export function credentialKey(registry: string): string {
  const host = hostnameOf(registry);
  return HUB_NAMES.has(host) ? DOCKER_HUB_KEY : host;
}

/** The CLI's ConvertToHostname: no scheme, nothing after the first slash. */
export function hostnameOf(url: string): string {
  const bare = url.replace(/^https?:\/\//, '');
  return bare.split('/')[0] ?? bare;
}

interface ConfigAuth {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}
interface DockerConfigFile {
  auths?: Record<string, ConfigAuth>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The parsed config.json, or undefined when there is none. */
export function readDockerConfig(env: NodeJS.ProcessEnv = process.env): DockerConfigFile | undefined {
  const file = path.join(dockerConfigDir(env), 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
    return parsed as DockerConfigFile;
  } catch (e) {
    throw new CredentialError(
      'config-invalid',
      l10n.t(
        '{0} is not valid JSON ({1}). Fix or remove it, as the docker CLI would also fail on it.',
        file,
        (e as Error).message,
      ),
    );
  }
}

/** The helper that holds `key`'s credentials: its credHelpers entry, else credsStore; undefined: the file itself. */
export function helperFor(config: DockerConfigFile, key: string): string | undefined {
  return config.credHelpers?.[key] || config.credsStore || undefined;
}

/** An `auths` entry: the exact key, else (as the CLI does for old files) a key whose hostname matches. */
export function authsEntry(config: DockerConfigFile, key: string): ConfigAuth | undefined {
  const auths = config.auths ?? {};
  if (auths[key]) return auths[key];
  const host = hostnameOf(key);
  for (const [k, v] of Object.entries(auths)) if (hostnameOf(k) === host) return v;
  return undefined;
}

/** An `auths` entry as a credential; undefined when it holds none (only an email, or `{}` left by a helper). */
export function fromAuthsEntry(entry: ConfigAuth, serveraddress: string): DockerCredential | undefined {
  let { username = '', password = '' } = entry;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  if (entry.identitytoken)
    return { username, password: '', identitytoken: entry.identitytoken, serveraddress, source: 'config.json auths' };
  if (!username && !password) return undefined;
  return { username, password, serveraddress, source: 'config.json auths' };
}

/**
 * The credentials docker would use for `registry` (a host[:port], or a Hub name), or undefined for an anonymous
 * request. Throws CredentialError when config.json is broken or its helper is missing, fails or hangs.
 */
export async function dockerCredentials(
  registry: string,
  opts: CredentialLookup = {},
): Promise<DockerCredential | undefined> {
  const env = opts.env ?? process.env;
  const config = readDockerConfig(env);
  if (!config) return undefined;
  const key = credentialKey(registry);
  const helper = helperFor(config, key);
  if (helper) {
    const got = await runCredentialHelper(helper, key, opts);
    if (got) return got;
  }
  const entry = authsEntry(config, key);
  return entry ? fromAuthsEntry(entry, key) : undefined;
}

/** The "not found" answers of the helpers docker ships (osxkeychain, wincred, secretservice, pass). */
const NOT_FOUND = /credentials not found|not found in native keychain|no credentials/i;

/**
 * `docker-credential-<name> get` with `serverUrl` on stdin. Resolves undefined when the helper has nothing for it,
 * rejects with CredentialError when it is missing, fails or takes longer than the timeout.
 */
export function runCredentialHelper(
  name: string,
  serverUrl: string,
  opts: CredentialLookup = {},
): Promise<DockerCredential | undefined> {
  const program = `docker-credential-${name}`;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() =>
        reject(
          new CredentialError(
            'helper-timeout',
            l10n.t(
              '{0} did not answer within {1} s. Unlock the keychain or password store it uses, or remove "credsStore"/"credHelpers" from config.json.',
              program,
              timeoutMs / 1000,
            ),
          ),
        ),
      );
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          e.code === 'ENOENT'
            ? new CredentialError(
                'helper-missing',
                l10n.t(
                  'config.json names the credential helper "{0}", but {1} is not on PATH. Install it, or remove it from "credsStore"/"credHelpers" in config.json.',
                  name,
                  program,
                ),
              )
            : new CredentialError('helper-failed', l10n.t('{0} could not be started: {1}', program, e.message)),
        ),
      ),
    );
    child.on('close', (code) =>
      finish(() => {
        if (code !== 0) {
          const said = (out.trim() || err.trim()).slice(0, 300);
          if (NOT_FOUND.test(said)) return resolve(undefined);
          return reject(
            new CredentialError('helper-failed', l10n.t('{0} failed (exit {1}): {2}', program, String(code), said)),
          );
        }
        try {
          const r = JSON.parse(out) as { Username?: string; Secret?: string };
          if (!r.Secret && !r.Username) return resolve(undefined);
          // The protocol's way of saying the secret is an identity token, not a password.
          if (r.Username === '<token>')
            return resolve({
              username: '',
              password: '',
              identitytoken: r.Secret ?? '',
              serveraddress: serverUrl,
              source: program,
            });
          resolve({ username: r.Username ?? '', password: r.Secret ?? '', serveraddress: serverUrl, source: program });
        } catch {
          reject(new CredentialError('helper-failed', l10n.t('{0} answered something that is not JSON.', program)));
        }
      }),
    );
    child.stdin.on('error', () => undefined); // a helper that exits without reading stdin
    child.stdin.end(serverUrl);
  });
}
