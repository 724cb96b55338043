// Compose commands for a compose file (editor title, explorer, code lenses) or a project group of the Containers
// view: up (optionally --build), up selected services/profiles, down (optionally --volumes), restart, logs, pull.
// They run the Compose CLI that exists against the engine Berth is connected to, with output in a terminal.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeCli, ComposeProject, ComposeVerb } from './compose-cli';
import { confirm, pick, pickMany } from './prompts';
import { engine, errorText, projectNode, refreshExplorer, requireTrust } from './shared';
import { openStreamTerminal, type StreamTerminal } from './terminals';

export interface ComposeOutcome {
  code: number;
  terminal: StreamTerminal;
  project: ComposeProject;
  /** What the error notification said, when the command failed. */
  failure?: string;
}

let cliCache: Promise<ComposeCli | undefined> | undefined;

async function cli(): Promise<ComposeCli | undefined> {
  const { detectComposeCli, composeInstallHint } = await import('./compose-cli');
  cliCache ??= detectComposeCli();
  const found = await cliCache;
  if (!found) {
    cliCache = undefined; // look again next time: the user may install it meanwhile
    void vscode.window.showErrorMessage(composeInstallHint(), vscode.l10n.t('Open Install Guide')).then((c) => {
      if (c) void vscode.env.openExternal(vscode.Uri.parse('https://docs.docker.com/compose/install/'));
    });
  }
  return found;
}

const COMPOSE_GLOB = '**/{compose,docker-compose}*.{yaml,yml}';

/** A project group's project, from its containers' labels; undefined, once said why, when its files are elsewhere. */
async function projectOfGroup(name: string): Promise<ComposeProject | undefined> {
  const { projectFromLabels } = await import('./compose-cli');
  const [first] = await (await engine()).listContainers({ labels: [`com.docker.compose.project=${name}`] });
  const project = first ? projectFromLabels(first.Labels) : undefined;
  if (project?.files.length) return project;
  const why = vscode.l10n.t(
    'The compose files of project {0} are not on this machine (its containers name none that exists).',
    name,
  );
  void vscode.window.showErrorMessage(why);
  return undefined;
}

/** The project a command is about: a compose file (uri argument, active editor, or a pick) or a project group. */
async function projectTarget(arg: unknown): Promise<ComposeProject | undefined> {
  const group = projectNode(arg);
  if (group) return projectOfGroup(group.project);
  const { projectForFile } = await import('./compose-cli');
  let uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : undefined;
  const active = vscode.window.activeTextEditor?.document;
  if (!uri && active?.languageId === 'dockercompose' && active.uri.scheme === 'file') uri = active.uri;
  if (!uri) {
    const found = (await vscode.workspace.findFiles(COMPOSE_GLOB, '**/node_modules/**', 100)).filter(
      (u) => !/override/.test(path.basename(u.fsPath)),
    );
    if (!found.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No compose file in this workspace.'));
      return undefined;
    }
    uri =
      found.length === 1
        ? found[0]
        : (
            await pick(
              found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
              { placeHolder: vscode.l10n.t('Compose file') },
            )
          )?.uri;
    if (!uri) return undefined;
  }
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri!.toString() && d.isDirty)) {
    await vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString())?.save();
  }
  return projectForFile(uri.fsPath);
}

/** Environment for the CLI: the engine Berth talks to, so Compose and the Containers view agree. */
async function engineEnv(): Promise<NodeJS.ProcessEnv> {
  try {
    const ep = (await engine()).endpoint;
    if (ep.contextName) return { DOCKER_CONTEXT: ep.contextName, DOCKER_HOST: undefined };
    return { DOCKER_HOST: ep.host };
  } catch {
    return {};
  }
}

const TITLES: Record<ComposeVerb['verb'], string> = {
  up: 'up',
  down: 'down',
  restart: 'restart',
  logs: 'logs',
  pull: 'pull',
  'config-services': 'config',
};

export async function runComposeVerb(project: ComposeProject, verb: ComposeVerb): Promise<ComposeOutcome | undefined> {
  const found = await cli();
  if (!found) return undefined;
  const { composeCommand, runCompose } = await import('./compose-cli');
  const name = project.projectName ?? path.basename(project.projectDirectory);
  const term = openStreamTerminal(`Compose ${TITLES[verb.verb]} · ${name}`, { icon: 'layers' });
  const shown = composeCommand(found, project, verb);
  term.write(`\x1b[90m$ ${[shown.command, ...shown.args].join(' ')}\x1b[0m\n`);
  let tail = '';
  const env = await engineEnv();
  const code = await vscode.window
    .withProgress({ location: vscode.ProgressLocation.Window, title: `Compose ${TITLES[verb.verb]} ${name}` }, () =>
      runCompose(found, project, verb, {
        env,
        signal: term.signal,
        onOutput: (t) => {
          term.write(t);
          tail = (tail + t).slice(-8000);
        },
      }),
    )
    .then(
      (c) => c,
      (e: unknown) => {
        term.write(`\n${errorText(e)}\n`);
        return 1;
      },
    );
  term.done(
    code === 0
      ? vscode.l10n.t('Compose {0} finished.', TITLES[verb.verb])
      : vscode.l10n.t('Compose {0} exited with code {1}.', TITLES[verb.verb], code),
  );
  refreshExplorer();
  let failure: string | undefined;
  if (code !== 0 && !term.signal.aborted) {
    failure = await failureText(tail, code);
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('Compose {0} failed: {1}', TITLES[verb.verb], failure),
        vscode.l10n.t('Show Output'),
      )
      .then((c) => {
        if (c) term.terminal.show();
      });
  }
  return { code, terminal: term, project, failure };
}

/** A known cause, explained (the port's holder named when it can be found), else the output's last line. */
async function failureText(output: string, code: number): Promise<string> {
  const { classifyComposeOutput, explainComposeFailure } = await import('./compose-failures');
  const known = classifyComposeOutput(output);
  if (known) {
    const containers = () => engine().then((e) => e.listContainers({ runningOnly: true }));
    return explainComposeFailure(known, containers);
  }
  return (
    output
      .trim()
      .split('\n')
      .filter((l) => l.trim())
      .slice(-1)[0] ?? vscode.l10n.t('exit code {0}', code)
  );
}

async function withProject(
  arg: unknown,
  make: (p: ComposeProject) => Promise<ComposeVerb | undefined>,
  action = vscode.l10n.t('run Compose'),
): Promise<ComposeOutcome | undefined> {
  if (!requireTrust(action)) return undefined;
  try {
    const project = await projectTarget(arg);
    if (!project) return undefined;
    const verb = await make(project);
    return verb ? runComposeVerb(project, verb) : undefined;
  } catch (e) {
    void vscode.window.showErrorMessage(`Compose: ${errorText(e)}`);
    return undefined;
  }
}

/** Profiles declared in the project's files (services' `profiles:`), read with the yaml library. */
async function declaredProfiles(p: ComposeProject): Promise<string[]> {
  const { parse } = await import('yaml');
  const { readFileSync } = await import('node:fs');
  const out = new Set<string>();
  for (const f of p.files) {
    try {
      const doc = parse(readFileSync(f, 'utf8')) as { services?: Record<string, { profiles?: unknown }> } | null;
      for (const s of Object.values(doc?.services ?? {}))
        for (const prof of Array.isArray(s?.profiles) ? s.profiles : []) out.add(String(prof));
    } catch {
      /* the CLI reports broken files itself */
    }
  }
  return [...out].sort();
}

export const composeCommands = {
  up: (arg?: unknown) => withProject(arg, async () => ({ verb: 'up' })),
  upBuild: (arg?: unknown) => withProject(arg, async () => ({ verb: 'up', build: true })),
  upService: (arg?: unknown, service?: string) =>
    withProject(arg, async () => (service ? { verb: 'up', services: [service] } : undefined)),
  upSelect: (arg?: unknown) =>
    withProject(arg, async (p) => {
      const profiles = await declaredProfiles(p);
      if (profiles.length) {
        const chosen = await pickMany(
          profiles.map((label) => ({ label })),
          { placeHolder: vscode.l10n.t('Profiles to enable (none: only services without a profile)') },
        );
        if (chosen === undefined) return undefined;
        p.profiles = chosen.map((c) => c.label);
      }
      const { listServices } = await import('./compose-cli');
      const found = await cli();
      if (!found) return undefined;
      const services = await listServices(found, p, await engineEnv());
      const chosen = await pickMany(
        services.map((label) => ({ label })),
        { placeHolder: vscode.l10n.t('Services to start (with their dependencies)') },
      );
      if (!chosen?.length) return undefined;
      return { verb: 'up', services: chosen.map((c) => c.label) };
    }),
  down: (arg?: unknown) =>
    withProject(arg, async (p) => {
      const keep = vscode.l10n.t('Remove containers and networks');
      const wipe = vscode.l10n.t('Remove containers, networks and named volumes');
      const deleted = vscode.l10n.t('data in the volumes is deleted');
      const choice = await pick([{ label: keep }, { label: wipe, description: deleted }], {
        placeHolder: `Compose down ${p.projectName ?? path.basename(p.projectDirectory)}`,
      });
      if (!choice) return undefined;
      if (
        choice.label === wipe &&
        !(await confirm(
          vscode.l10n.t('Delete the named volumes of this project?'),
          vscode.l10n.t('Delete Volumes'),
          vscode.l10n.t('Their data cannot be recovered.'),
        ))
      )
        return undefined;
      return { verb: 'down', volumes: choice.label === wipe };
    }),
  restart: (arg?: unknown) => withProject(arg, async () => ({ verb: 'restart' })),
  logs: (arg?: unknown) =>
    withProject(
      arg,
      async () => ({
        verb: 'logs',
        follow: true,
        tail: String(vscode.workspace.getConfiguration('berth.logs').get<number>('tail', 200)),
      }),
      vscode.l10n.t('follow Compose logs'),
    ),
  pull: (arg?: unknown) => withProject(arg, async () => ({ verb: 'pull' })),
};
