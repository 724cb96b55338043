// Where the configuration file of the engine Berth is connected to lives, for "Open Engine Configuration": dockerd
// reads /etc/docker/daemon.json, rootless dockerd ~/.config/docker/daemon.json ($XDG_CONFIG_HOME honoured), and a
// remote engine's file is on its own machine. Podman has no daemon.json: its settings live in containers.conf.
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineEndpoint } from './connection';

export type DaemonConfigLocation =
  | { kind: 'local'; path: string; rootless: boolean }
  | { kind: 'remote'; host: string; path: string }
  | { kind: 'podman' };

export const SYSTEM_DAEMON_JSON = '/etc/docker/daemon.json';

export function daemonConfigLocation(
  endpoint: Pick<EngineEndpoint, 'host' | 'label'>,
  podman: boolean,
  env: NodeJS.ProcessEnv = process.env,
  homeDir: string = os.homedir(),
): DaemonConfigLocation {
  if (podman) return { kind: 'podman' };
  if (!endpoint.host.startsWith('unix://') && !endpoint.host.startsWith('npipe://'))
    return { kind: 'remote', host: endpoint.label, path: SYSTEM_DAEMON_JSON };
  const socket = endpoint.host.slice('unix://'.length);
  // Rootless dockerd listens in the user's runtime folder (/run/user/UID or $XDG_RUNTIME_DIR), never in /var/run.
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const rootless = /^\/run\/user\/\d+\//.test(socket) || (!!runtimeDir && socket.startsWith(`${runtimeDir}/`));
  if (!rootless) return { kind: 'local', path: SYSTEM_DAEMON_JSON, rootless: false };
  const configHome = env.XDG_CONFIG_HOME || path.join(homeDir, '.config');
  return { kind: 'local', path: path.join(configHome, 'docker', 'daemon.json'), rootless: true };
}

/** What a new daemon.json starts with: log rotation, the setting that most often saves a disk. */
export const STARTER_DAEMON_JSON = `${JSON.stringify({ 'log-driver': 'json-file', 'log-opts': { 'max-size': '10m', 'max-file': '3' } }, null, 2)}\n`;
