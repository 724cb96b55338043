// "Run Container": a short form (name, ports pre-filled from EXPOSE, env or env file, volumes, network, restart
// policy, --rm, detached or interactive), remembered per image; "Run Last Again" repeats the last run as is.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOptions } from '../engine/run';
import { confirm, input, pick, pickMany } from './prompts';
import { engine, errorText, imageTarget, refreshExplorer, requireTrust } from './shared';
import { openProcessTerminal } from './terminals';

const LAST_RUN = 'berth.run.last';
const perImage = (image: string) => `berth.run.inputs:${image}`;

export interface RunOutcome {
  id: string;
  name: string;
  interactive: boolean;
}

const splitList = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

async function askOptions(ctx: vscode.ExtensionContext, image: string): Promise<RunOptions | undefined> {
  const e = await engine();
  const last = ctx.workspaceState.get<RunOptions>(perImage(image));
  const name = await input({
    prompt: vscode.l10n.t('Container name (empty: the engine picks one)'),
    value: last?.name ?? '',
    validateInput: (v) =>
      !v || /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : vscode.l10n.t('letters, digits, _ . -'),
  });
  if (name === undefined) return undefined;
  const exposed = await e.exposedPorts(image);
  const suggested = exposed.map((p) => {
    const [port, proto] = p.split('/');
    return proto === 'tcp' ? `${port}:${port}` : `${port}:${port}/${proto}`;
  });
  const ports = await input({
    prompt: vscode.l10n.t("Published ports, HOST:CONTAINER, separated by spaces (pre-filled from the image's EXPOSE)"),
    value: (last?.ports ?? suggested).join(' '),
  });
  if (ports === undefined) return undefined;
  const envAnswer = await input({
    prompt: vscode.l10n.t('Environment: KEY=VALUE pairs separated by spaces, or the path of an env file'),
    value: last?.envFile ?? (last?.env ?? []).join(' '),
  });
  if (envAnswer === undefined) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const envTokens = splitList(envAnswer);
  const envFile =
    envTokens.length === 1 && envTokens[0] && !envTokens[0].includes('=')
      ? path.resolve(folder, envTokens[0])
      : undefined;
  if (envFile && !existsSync(envFile)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Env file {0} does not exist.', envFile));
    return undefined;
  }
  const volumes = await input({
    prompt: vscode.l10n.t('Volumes: NAME:/path or /host/path:/path[:ro], separated by spaces'),
    value: (last?.volumes ?? []).join(' '),
  });
  if (volumes === undefined) return undefined;
  const networks = (await e.listNetworks())
    .map((n) => n.Name)
    .filter((n) => !['host', 'none'].includes(n))
    .sort();
  const defaultNetwork = vscode.l10n.t('(default)');
  const network = await pick(
    [
      { label: defaultNetwork, description: 'bridge' },
      ...networks.filter((n) => n !== 'bridge').map((n) => ({ label: n })),
      { label: 'host' },
      { label: 'none' },
    ],
    {
      placeHolder: last?.network ? vscode.l10n.t('Network (last time: {0})', last.network) : vscode.l10n.t('Network'),
    },
  );
  if (!network) return undefined;
  const restart = await pick(
    ['no', 'always', 'unless-stopped', 'on-failure'].map((label) => ({
      label,
      picked: label === (last?.restart ?? 'no'),
    })),
    { placeHolder: vscode.l10n.t('Restart policy (last time: {0})', last?.restart ?? 'no') },
  );
  if (!restart) return undefined;
  let restartPolicy = restart.label;
  if (restartPolicy === 'on-failure') {
    const max = await input({
      prompt: vscode.l10n.t('Maximum restart attempts (empty: unlimited)'),
      value: '',
      validateInput: (v) => (/^\d*$/.test(v) ? undefined : vscode.l10n.t('a number')),
    });
    if (max === undefined) return undefined;
    if (max) restartPolicy = `on-failure:${max}`;
  }
  const [removeLabel, interactiveLabel] = [
    vscode.l10n.t('Remove when stopped (--rm)'),
    vscode.l10n.t('Interactive terminal (-it)'),
  ];
  const flags = await pickMany(
    [
      { label: removeLabel, picked: !!last?.autoRemove },
      { label: interactiveLabel, picked: !!last?.interactive },
    ],
    { placeHolder: vscode.l10n.t('Options (none: detached, kept when stopped)') },
  );
  if (flags === undefined) return undefined;
  return {
    image,
    name: name || undefined,
    ports: splitList(ports),
    env: envFile ? [] : envTokens,
    envFile,
    volumes: splitList(volumes),
    network: network.label === defaultNetwork ? undefined : network.label,
    restart: restartPolicy,
    autoRemove: flags.some((f) => f.label === removeLabel),
    interactive: flags.some((f) => f.label === interactiveLabel),
  };
}

/** Runs with the given options; a name conflict offers to replace the old container. */
export async function runWith(opts: RunOptions): Promise<RunOutcome | undefined> {
  const { RunError } = await import('../engine/run');
  const eng = await engine();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const created = await eng.createContainer(opts);
      if (opts.interactive) {
        const t = openProcessTerminal(
          `${created.name} (${opts.image})`,
          (dims, onOutput) => eng.attach(created.id, { cols: dims?.columns, rows: dims?.rows, onOutput }),
          true,
        );
        void t.core.exited.then(() => refreshExplorer());
      } else {
        await eng.startCreated(created, opts);
        void vscode.commands
          .executeCommand('berth.explorer.reveal', 'containers', { kind: 'container', id: created.id })
          .then(undefined, () => undefined);
        void vscode.window.showInformationMessage(vscode.l10n.t('Started {0} from {1}.', created.name, opts.image));
      }
      refreshExplorer();
      return { id: created.id, name: created.name, interactive: !!opts.interactive };
    } catch (e) {
      if (e instanceof RunError && e.kind === 'name-conflict' && attempt === 0 && opts.name) {
        const replace = await confirm(
          vscode.l10n.t('A container named "{0}" already exists.', opts.name),
          vscode.l10n.t('Remove It and Run'),
          vscode.l10n.t('The old container is stopped and removed (its anonymous volumes stay).'),
        );
        if (!replace) return undefined;
        await eng.removeContainer(opts.name, { force: true });
        continue;
      }
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not run {0}: {1}', opts.image, errorText(e)));
      return undefined;
    }
  }
  return undefined;
}

export async function runImageCommand(ctx: vscode.ExtensionContext, arg?: unknown): Promise<RunOutcome | undefined> {
  if (!requireTrust(vscode.l10n.t('run containers'))) return undefined;
  const image = await imageTarget(arg, vscode.l10n.t('Image to run'));
  if (!image) return undefined;
  const opts = await askOptions(ctx, image);
  if (!opts) return undefined;
  await ctx.workspaceState.update(perImage(image), opts);
  await ctx.workspaceState.update(LAST_RUN, opts);
  return runWith(opts);
}

export async function runLastCommand(ctx: vscode.ExtensionContext): Promise<RunOutcome | undefined> {
  if (!requireTrust(vscode.l10n.t('run containers'))) return undefined;
  const last = ctx.workspaceState.get<RunOptions>(LAST_RUN);
  if (!last) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Nothing was run yet in this workspace: use "Run Container" first.'),
    );
    return undefined;
  }
  return runWith(last);
}
