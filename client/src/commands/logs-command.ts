// "Follow Logs" for a container or a whole Compose project group: a terminal that streams stdout and stderr,
// keeps following across restarts, and stops when closed. "Follow Logs…" asks tail/since/timestamps first.
import * as vscode from 'vscode';
import { input, pickMany } from './prompts';
import { containerTarget, engine, projectNode } from './shared';
import { openStreamTerminal, type StreamTerminal } from './terminals';

export interface LogOptions {
  tail: number | 'all';
  since?: string;
  timestamps: boolean;
}

function settingsOptions(): LogOptions {
  const c = vscode.workspace.getConfiguration('berth.logs');
  const tail = c.get<number>('tail', 200);
  return { tail: tail < 0 ? 'all' : tail, timestamps: c.get<boolean>('timestamps', false) };
}

async function askOptions(): Promise<LogOptions | undefined> {
  const base = settingsOptions();
  const tail = await input({
    prompt: vscode.l10n.t('Lines to show from the end ("all" for everything)'),
    value: String(base.tail),
    validateInput: (v) => (/^(all|\d+)$/.test(v.trim()) ? undefined : vscode.l10n.t('a number or "all"')),
  });
  if (tail === undefined) return undefined;
  const since = await input({
    prompt: vscode.l10n.t('Only since (a duration like 10m / 2h, a date, or empty)'),
    value: '',
  });
  if (since === undefined) return undefined;
  const flags = await pickMany([{ label: vscode.l10n.t('Timestamps'), picked: base.timestamps }], {
    placeHolder: vscode.l10n.t('Options'),
  });
  if (flags === undefined) return undefined;
  return {
    tail: tail.trim() === 'all' ? 'all' : Number(tail),
    since: since.trim() || undefined,
    timestamps: flags.length > 0,
  };
}

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93];

function follow(
  term: StreamTerminal,
  containerId: string,
  o: LogOptions,
  prefix?: { text: string; color: number },
): Promise<void> {
  return engine().then((e) =>
    e.followLogs(containerId, {
      tail: o.tail,
      since: o.since,
      timestamps: o.timestamps,
      signal: term.signal,
      onLine: (line, stream) => {
        const p = prefix ? `\x1b[${prefix.color}m${prefix.text} |\x1b[0m ` : '';
        term.write(`${p}${stream === 'stderr' ? `\x1b[31m${line}\x1b[0m` : line}\n`);
      },
      onNote: (note) => term.write(`\x1b[90m${prefix ? `${prefix.text}: ` : ''}— ${note}\x1b[0m\n`),
    }),
  );
}

export async function followLogsCommand(arg?: unknown, ask = false): Promise<StreamTerminal | undefined> {
  const group = projectNode(arg);
  const target = group ? undefined : await containerTarget(arg, vscode.l10n.t('Container whose logs to follow'), false);
  if (!group && !target) return undefined;
  const o = ask ? await askOptions() : settingsOptions();
  if (!o) return undefined;
  if (target) {
    const term = openStreamTerminal(vscode.l10n.t('Logs · {0}', target.name), { icon: 'list-flat' });
    void follow(term, target.id, o).then(
      () => term.done(),
      (e: Error) => {
        term.write(`\n${e.message}\n`);
        term.done();
      },
    );
    return term;
  }
  const members = await (await engine()).listContainers({ labels: [`com.docker.compose.project=${group!.project}`] });
  const term = openStreamTerminal(vscode.l10n.t('Logs · {0}', group!.project), { icon: 'list-flat' });
  const width = Math.max(...members.map((c) => (c.Labels['com.docker.compose.service'] ?? '').length), 4);
  void Promise.all(
    members.map((c, i) =>
      follow(term, c.Id, o, {
        text: (c.Labels['com.docker.compose.service'] ?? c.Names[0] ?? c.Id.slice(0, 12)).padEnd(width),
        color: COLORS[i % COLORS.length]!,
      }),
    ),
  ).then(
    () => term.done(),
    (e: Error) => {
      term.write(`\n${e.message}\n`);
      term.done();
    },
  );
  return term;
}
