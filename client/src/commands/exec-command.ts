// "Open Shell" and "Run Command in Container": terminals over the engine's exec stream (no docker CLI needed).
import * as vscode from 'vscode';
import { input } from './prompts';
import { containerTarget, engine, requireTrust } from './shared';
import { openProcessTerminal } from './terminals';
import { trustedSetting } from '../trust';

const configuredShell = () => trustedSetting<string>('berth.containers', 'shell', '').trim();

export interface ExecOutcome {
  containerId: string;
  shell?: string;
  exited: Promise<number | undefined>;
}

/** The shell to use: the berth.containers.shell setting if the container has it, else bash → sh → ash. */
async function chooseShell(containerId: string): Promise<string | undefined> {
  const configured = configuredShell();
  return (await engine()).probeShell(containerId, configured ? [configured, 'bash', 'sh', 'ash'] : undefined);
}

export async function openShellCommand(arg?: unknown): Promise<ExecOutcome | undefined> {
  if (!requireTrust(vscode.l10n.t('open shells in containers'))) return undefined;
  const target = await containerTarget(arg, vscode.l10n.t('Container to open a shell in'));
  if (!target) return undefined;
  const shell = await chooseShell(target.id);
  if (!shell) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'No shell found in {0} (tried {1}). Distroless and scratch images have none: use "Run Command in Container" with a program the image has.',
        target.name,
        configuredShell() || 'bash, sh, ash',
      ),
    );
    return undefined;
  }
  const e = await engine();
  const t = openProcessTerminal(
    `${shell} · ${target.name}`,
    (dims, onOutput) =>
      e.exec(target.id, {
        cmd: [shell],
        tty: true,
        stdin: true,
        cols: dims?.columns,
        rows: dims?.rows,
        onOutput,
      }),
    true,
  );
  return { containerId: target.id, shell, exited: t.core.exited };
}

export async function runCommandInContainer(arg?: unknown, commandLine?: string): Promise<ExecOutcome | undefined> {
  if (!requireTrust(vscode.l10n.t('run commands in containers'))) return undefined;
  const target = await containerTarget(arg, vscode.l10n.t('Container to run the command in'));
  if (!target) return undefined;
  const line =
    commandLine ??
    (await input({
      prompt: vscode.l10n.t('Command to run in {0}', target.name),
      placeHolder: vscode.l10n.t('e.g. ls -la /app'),
    }));
  if (!line?.trim()) return undefined;
  const shell = await chooseShell(target.id);
  // With a shell the line means what it would mean typed at a prompt; without one it is split on spaces.
  const cmd = shell ? [shell, '-c', line] : line.trim().split(/\s+/);
  const e = await engine();
  const t = openProcessTerminal(
    `${line.slice(0, 30)} · ${target.name}`,
    (_dims, onOutput) => e.exec(target.id, { cmd, tty: false, stdin: false, onOutput }),
    false,
  );
  return { containerId: target.id, shell, exited: t.core.exited };
}
