// Where is the engine? Resolution order (first that applies wins):
//   1. the setting berth.engine.host (or an explicit choice from the status bar),
//   2. DOCKER_HOST (+ DOCKER_TLS_VERIFY, DOCKER_CERT_PATH),
//   3. DOCKER_CONTEXT, else currentContext in $DOCKER_CONFIG/config.json (~/.docker), with the endpoint and TLS
//      material of that context from contexts/meta/<sha256>/meta.json and contexts/tls/<sha256>/docker/,
//   4. the first socket that answers among the Docker, rootless Docker and Podman sockets.
// Docker CLI contexts are read by hand because no npm library reads them; the format is a few small JSON files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DockerOptions } from 'dockerode';

export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'context' | 'socket';

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** false = connect with TLS but do not verify the server (context SkipTLSVerify). */
  verify: boolean;
}

export interface EngineEndpoint {
  source: EndpointSource;
  /** unix:///path, tcp://host:port or ssh://user@host[:port] */
  host: string;
  /** What the user calls it: the context name, else the host. */
  label: string;
  contextName?: string;
  tls?: TlsMaterial;
}

export interface ResolveOptions {
  /** Value of berth.engine.host (empty = unset). A context name is accepted too. */
  settingHost?: string;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  /** Milliseconds to wait for each candidate socket's /_ping. */
  probeTimeoutMs?: number;
  /** The sockets to try last (default: candidateSockets(env)). */
  sockets?: string[];
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): string {
  return env.DOCKER_CONFIG || path.join(homeDir, '.docker');
}

/** The default sockets, in the order we try them. */
export function candidateSockets(env: NodeJS.ProcessEnv = process.env): string[] {
  const xdg = env.XDG_RUNTIME_DIR;
  return [
    '/var/run/docker.sock',
    ...(xdg ? [path.join(xdg, 'docker.sock'), path.join(xdg, 'podman', 'podman.sock')] : []),
    '/run/podman/podman.sock',
  ];
}

export interface DockerContext {
  name: string;
  host: string;
  description?: string;
  skipTlsVerify: boolean;
  tlsDir?: string;
}

/** Every context of the Docker CLI (`docker context ls`), without the implicit "default" one. */
export function listContexts(env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): DockerContext[] {
  const dir = dockerConfigDir(env, homeDir);
  const metaRoot = path.join(dir, 'contexts', 'meta');
  let entries: string[];
  try {
    entries = readdirSync(metaRoot);
  } catch {
    return [];
  }
  const out: DockerContext[] = [];
  for (const hash of entries) {
    try {
      const meta = JSON.parse(readFileSync(path.join(metaRoot, hash, 'meta.json'), 'utf8')) as {
        Name?: string;
        Metadata?: { Description?: string };
        Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
      };
      const docker = meta.Endpoints?.docker;
      if (!meta.Name || !docker?.Host) continue;
      const tlsDir = path.join(dir, 'contexts', 'tls', hash, 'docker');
      out.push({
        name: meta.Name,
        host: docker.Host,
        description: meta.Metadata?.Description,
        skipTlsVerify: !!docker.SkipTLSVerify,
        tlsDir: existsSync(tlsDir) ? tlsDir : undefined,
      });
    } catch {
      /* an unreadable context is skipped, like the CLI lists it as broken */
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The context DOCKER_CONTEXT or config.json selects; undefined for "default" or none. */
export function currentContextName(env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): string | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT === 'default' ? undefined : env.DOCKER_CONTEXT;
  try {
    const cfg = JSON.parse(readFileSync(path.join(dockerConfigDir(env, homeDir), 'config.json'), 'utf8')) as {
      currentContext?: string;
    };
    return cfg.currentContext && cfg.currentContext !== 'default' ? cfg.currentContext : undefined;
  } catch {
    return undefined;
  }
}

function readIf(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function tlsFromDir(dir: string, verify: boolean): TlsMaterial {
  return {
    ca: readIf(path.join(dir, 'ca.pem')),
    cert: readIf(path.join(dir, 'cert.pem')),
    key: readIf(path.join(dir, 'key.pem')),
    verify,
  };
}

/** A context's endpoint; the context directory name is the sha256 of its name, as the CLI stores it. */
export function contextEndpoint(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  homeDir = os.homedir(),
): EngineEndpoint | undefined {
  const hash = createHash('sha256').update(name).digest('hex');
  const ctx = listContexts(env, homeDir).find((c) => c.name === name) ?? undefined;
  if (!ctx) return undefined;
  const tlsDir = ctx.tlsDir ?? path.join(dockerConfigDir(env, homeDir), 'contexts', 'tls', hash, 'docker');
  const tls = existsSync(tlsDir)
    ? tlsFromDir(tlsDir, !ctx.skipTlsVerify)
    : ctx.skipTlsVerify
      ? { verify: false }
      : undefined;
  return { source: 'context', host: normalizeHost(ctx.host), label: name, contextName: name, tls };
}

/** `/path/docker.sock` → unix:///path/docker.sock; `host:2375` → tcp://host:2375. */
export function normalizeHost(host: string): string {
  const h = host.trim();
  if (h.startsWith('/')) return `unix://${h}`;
  if (!/^[a-z]+:\/\//i.test(h)) return `tcp://${h}`;
  return h;
}

function endpointFromDockerHost(env: NodeJS.ProcessEnv): EngineEndpoint {
  const host = normalizeHost(env.DOCKER_HOST as string);
  const verify = !!env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0';
  let tls: TlsMaterial | undefined;
  if (host.startsWith('tcp://') && (verify || env.DOCKER_CERT_PATH)) {
    tls = env.DOCKER_CERT_PATH ? tlsFromDir(env.DOCKER_CERT_PATH, verify) : { verify };
  }
  return { source: 'DOCKER_HOST', host, label: host, tls };
}

/** Whether something answers `GET /_ping` on a unix socket within the timeout. */
export function socketAnswers(socketPath: string, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(socketPath)) return resolve(false);
    const req = http.get({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.on('error', () => resolve(false));
  });
}

/** Resolves the engine endpoint in Berth's documented order. Never throws: connecting reports the failure. */
export async function resolveEndpoint(opts: ResolveOptions = {}): Promise<EngineEndpoint> {
  const env = opts.env ?? process.env;
  const home = opts.homeDir ?? os.homedir();
  const setting = opts.settingHost?.trim();
  if (setting) {
    // A bare word with no scheme and no path is a context name.
    if (/^[\w.-]+$/.test(setting) && !setting.includes(':')) {
      const ctx = contextEndpoint(setting, env, home);
      if (ctx) return { ...ctx, source: 'setting' };
    }
    const host = normalizeHost(setting);
    const tls =
      host.startsWith('tcp://') && env.DOCKER_CERT_PATH
        ? tlsFromDir(env.DOCKER_CERT_PATH, env.DOCKER_TLS_VERIFY !== '0')
        : undefined;
    return { source: 'setting', host, label: host, tls };
  }
  if (env.DOCKER_HOST) return endpointFromDockerHost(env);
  const ctxName = currentContextName(env, home);
  if (ctxName) {
    const ctx = contextEndpoint(ctxName, env, home);
    if (ctx) return ctx;
  }
  const sockets = opts.sockets ?? candidateSockets(env);
  const answers = await Promise.all(sockets.map((s) => socketAnswers(s, opts.probeTimeoutMs)));
  const idx = answers.indexOf(true);
  // None answers: pick the first that exists so the connection error is the real one (e.g. permission denied),
  // else the standard path so the user reads "no engine socket at /var/run/docker.sock".
  const chosen = (idx >= 0 ? sockets[idx] : sockets.find((s) => existsSync(s))) ?? sockets[0] ?? '/var/run/docker.sock';
  return { source: 'socket', host: `unix://${chosen}`, label: chosen };
}

/** dockerode/docker-modem options for an endpoint. Every field is set explicitly: docker-modem otherwise merges
 *  DOCKER_HOST from the environment into what we pass. */
export function modemOptions(ep: EngineEndpoint, version?: string): DockerOptions {
  const base: DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    version,
  };
  if (ep.host.startsWith('unix://'))
    return { ...base, socketPath: ep.host.slice('unix://'.length) || '/var/run/docker.sock' };
  if (ep.host.startsWith('npipe://')) return { ...base, socketPath: ep.host.slice('npipe://'.length) };
  const u = new URL(ep.host);
  if (u.protocol === 'ssh:') {
    // docker-modem runs `docker system dial-stdio` on the remote host; authenticate with the ssh agent, else the
    // user's default key (as `ssh` would).
    const agent = process.env.SSH_AUTH_SOCK;
    const keyFile = agent
      ? undefined
      : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((k) => path.join(os.homedir(), '.ssh', k)).find((f) => existsSync(f));
    return {
      ...base,
      protocol: 'ssh',
      host: u.hostname,
      port: u.port ? Number(u.port) : 22,
      username: u.username || os.userInfo().username,
      sshOptions: agent ? { agent } : keyFile ? { privateKey: readFileSync(keyFile) } : {},
    } as DockerOptions;
  }
  const tls = ep.tls;
  if (tls || u.protocol === 'https:') {
    return {
      ...base,
      protocol: 'https',
      host: u.hostname,
      port: u.port ? Number(u.port) : 2376,
      ca: tls?.ca,
      cert: tls?.cert,
      key: tls?.key,
      // docker-modem has no "skip verify" option; an agent that does not reject is how a context's SkipTLSVerify works.
      ...(tls && !tls.verify
        ? { agent: new https.Agent({ rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key }) }
        : {}),
    } as DockerOptions;
  }
  return { ...base, protocol: 'http', host: u.hostname, port: u.port ? Number(u.port) : 2375 };
}
