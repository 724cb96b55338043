// The Docker CLI's stored registry credentials, for the push commands. Pure Node: no vscode.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RegistryAuth } from '../engine/push';

/** Credentials for `registry` from ~/.docker/config.json `auths`, when present (credential helpers are not run). */
export function dockerConfigAuth(
  registry: string,
  configDir = process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'),
): RegistryAuth | undefined {
  try {
    const cfg = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')) as {
      auths?: Record<string, { auth?: string; username?: string; password?: string }>;
    };
    const entry = Object.entries(cfg.auths ?? {}).find(
      ([k]) => k.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === registry,
    )?.[1];
    if (!entry) return undefined;
    const [username = '', ...rest] = entry.auth
      ? Buffer.from(entry.auth, 'base64').toString('utf8').split(':')
      : [entry.username ?? '', entry.password ?? ''];
    return { username, password: rest.join(':'), serveraddress: registry };
  } catch {
    return undefined;
  }
}
