// A host port that something else holds. Recognises the engine's words for it (dockerd's port allocator and
// userland proxy, Podman's rootlessport), as `run` and Compose both relay them, and finds what holds the port when
// this machine can tell: a container of the engine, or a local process (through /proc, for this user's processes).
// No library does the /proc lookup without native code or spawning lsof/ss, which are not always installed.
import * as l10n from '@vscode/l10n';
import { readFile, readdir, readlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { ContainerSummary } from './engine';

export interface PortConflict {
  port: number;
  /** The address the port was wanted on, when the engine said (127.0.0.1, 0.0.0.0, ::). */
  address?: string;
}

const CONFLICT_PATTERNS = [
  /Bind for (\S*?):(\d+) failed: port is already allocated/,
  /listen \w+ (\S*?):(\d+): bind: address already in use/,
];

/** The port conflict an engine or Compose message reports, if any. */
export function portConflictIn(text: string): PortConflict | undefined {
  for (const re of CONFLICT_PATTERNS) {
    const m = re.exec(text);
    if (m) return { port: Number(m[2]), address: m[1]?.replace(/^\[|\]$/g, '') || undefined };
  }
  return undefined;
}

/** Who holds `port`, in words ("container web-1", "process 4242 (node …/entry)"), or undefined when unknown. */
export async function portHolder(
  port: number,
  containers?: () => Promise<ContainerSummary[]>,
): Promise<string | undefined> {
  const byContainer = await containers?.().then(
    (list) => list.find((c) => (c.Ports ?? []).some((p) => p.PublicPort === port)),
    () => undefined,
  );
  if (byContainer)
    return l10n.t('container {0}', (byContainer.Names[0] ?? byContainer.Id.slice(0, 12)).replace(/^\//, ''));
  return processListeningOn(port).catch(() => undefined);
}

/** The local process with a listening TCP socket on `port` (Linux /proc; undefined elsewhere or when not ours). */
async function processListeningOn(port: number): Promise<string | undefined> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the socket's inode is the tenth field.
      const [, local = '', , state, , , , , , inode] = f;
      if (inode && state === '0A' && parseInt(local.split(':')[1] ?? '', 16) === port) inodes.add(inode);
    }
  }
  if (!inodes.size) return undefined;
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return l10n.t('process {0} ({1})', pid, await commandOf(pid));
    }
  }
  return l10n.t('another process');
}

async function commandOf(pid: string): Promise<string> {
  const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean);
  if (!argv.length) return l10n.t('unknown command');
  const shown = [path.basename(argv[0]!), ...argv.slice(1, 2).map((a) => (a.length > 40 ? `…${a.slice(-40)}` : a))];
  return shown.join(' ');
}
