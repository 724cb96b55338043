// The Compose CLI, which Compose commands drive (the Engine API has no Compose). Plain Node, no `vscode`:
// finds `docker compose` (v2 plugin) or else `docker-compose` (v1), and builds the argument list for a project —
// every file (-f base -f override, or COMPOSE_FILE from .env), --project-directory, --env-file, --profile.
import * as l10n from '@vscode/l10n';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { parseDocument as ParseDocument } from 'yaml';
import { URI } from 'vscode-uri';
import { projectFileUris } from '../../../server/src/common';
import { LineSplitter } from '../engine/lines';

export interface ComposeCli {
  /** Executable to spawn. */
  command: string;
  /** Arguments before the compose arguments (["compose"] for the v2 plugin). */
  prefix: string[];
  version: string;
  flavor: 'v2' | 'v1';
}

export interface ComposeProject {
  /** Absolute paths, base first. */
  files: string[];
  projectDirectory: string;
  projectName?: string;
  envFile?: string;
  profiles?: string[];
}

/** What to do when no Compose is installed (a function: the bundle is configured at activation, after import). */
export const composeInstallHint = (): string =>
  l10n.t(
    'Neither "docker compose" (Compose v2) nor "docker-compose" was found on PATH. Install Docker Compose v2 (Docker Desktop includes it; on Linux install the docker-compose-plugin package, or put the docker-compose binary from https://github.com/docker/compose/releases in ~/.docker/cli-plugins/), or the "docker-compose" package of your distribution.',
  );

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 10_000 }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

/** The Compose CLI that exists, preferring the v2 plugin; undefined when there is none. */
export async function detectComposeCli(env: NodeJS.ProcessEnv = process.env): Promise<ComposeCli | undefined> {
  const v2 = await run('docker', ['compose', 'version', '--short'], env);
  if (v2 && /^v?2\./.test(v2)) return { command: 'docker', prefix: ['compose'], version: v2, flavor: 'v2' };
  const v1 = await run('docker-compose', ['version', '--short'], env);
  if (v1)
    return {
      command: 'docker-compose',
      prefix: [],
      version: v1,
      flavor: v1.startsWith('2') || v1.startsWith('v2') ? 'v2' : 'v1',
    };
  return undefined;
}

const nodeFiles = {
  readFile: (uri: string) => {
    try {
      return readFileSync(URI.parse(uri).fsPath, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists: (uri: string) => existsSync(URI.parse(uri).fsPath),
};

/** The project a compose file belongs to: its files (override / COMPOSE_FILE from .env), folder and env file. */
export function projectForFile(file: string, extra: { profiles?: string[]; envFile?: string } = {}): ComposeProject {
  const uri = URI.file(path.resolve(file)).toString();
  const files = projectFileUris(uri, nodeFiles).map((u) => URI.parse(u).fsPath);
  // projectFileUris starts with the file itself, so there is always a first one.
  const projectDirectory = path.dirname(files[0] ?? path.resolve(file));
  const envFile =
    extra.envFile ??
    (existsSync(path.join(projectDirectory, '.env')) ? path.join(projectDirectory, '.env') : undefined);
  return { files, projectDirectory, envFile, profiles: extra.profiles };
}

/** The project of a running Compose group, from the labels Compose puts on its containers. */
export function projectFromLabels(labels: Record<string, string>): ComposeProject | undefined {
  const name = labels['com.docker.compose.project'];
  if (!name) return undefined;
  const dir = labels['com.docker.compose.project.working_dir'];
  const files = (labels['com.docker.compose.project.config_files'] ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  // Compose v1 writes the config file names relative to the working dir.
  const abs = files.map((f) => (dir && !path.isAbsolute(f) ? path.join(dir, f) : f)).filter((f) => existsSync(f));
  if (!abs.length && dir) {
    const found = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']
      .map((n) => path.join(dir, n))
      .find((f) => existsSync(f));
    if (found) abs.push(...projectForFile(found).files);
  }
  const envFile = labels['com.docker.compose.project.environment_file'];
  return {
    files: abs,
    projectDirectory: dir ?? (abs[0] ? path.dirname(abs[0]) : process.cwd()),
    projectName: name,
    envFile: envFile && existsSync(envFile) ? envFile : undefined,
  };
}

/** Global arguments for every Compose command of a project. */
export function projectArgs(p: ComposeProject): string[] {
  const args: string[] = [];
  for (const f of p.files) args.push('-f', f);
  if (p.projectName) args.push('--project-name', p.projectName);
  args.push('--project-directory', p.projectDirectory);
  if (p.envFile) args.push('--env-file', p.envFile);
  for (const profile of p.profiles ?? []) args.push('--profile', profile);
  return args;
}

export type ComposeVerb =
  | { verb: 'up'; build?: boolean; services?: string[] }
  | { verb: 'down'; volumes?: boolean }
  | { verb: 'restart'; services?: string[] }
  | { verb: 'logs'; follow?: boolean; tail?: string; timestamps?: boolean; services?: string[] }
  | { verb: 'pull'; services?: string[] }
  | { verb: 'config-services' };

/**
 * Service names after `--`, so a service key such as `-V` (from a code lens, i.e. from the file) is never read as a
 * flag. Compose v2 (cobra) and v1 (docopt, `[--] [SERVICE...]`) both take it.
 */
function servicesArgs(services: string[] | undefined): string[] {
  return services?.length ? ['--', ...services] : [];
}

export function verbArgs(v: ComposeVerb): string[] {
  switch (v.verb) {
    case 'up':
      return ['up', '--detach', ...(v.build ? ['--build'] : []), ...servicesArgs(v.services)];
    // busybox-like PID 1 processes ignore SIGTERM; a short timeout keeps "down" from hanging 10 s per container.
    case 'down':
      return ['down', '--timeout', '3', ...(v.volumes ? ['--volumes'] : [])];
    case 'restart':
      return ['restart', ...servicesArgs(v.services)];
    case 'logs':
      return [
        'logs',
        ...(v.follow ? ['--follow'] : []),
        ...(v.tail ? ['--tail', v.tail] : []),
        ...(v.timestamps ? ['--timestamps'] : []),
        ...servicesArgs(v.services),
      ];
    case 'pull':
      return ['pull', ...servicesArgs(v.services)];
    case 'config-services':
      return ['config', '--services'];
  }
}

/** The full command line (for display and for spawning). */
export function composeCommand(
  cli: ComposeCli,
  project: ComposeProject,
  v: ComposeVerb,
): { command: string; args: string[] } {
  return { command: cli.command, args: [...cli.prefix, ...projectArgs(project), ...verbArgs(v)] };
}

export interface ComposeRun {
  /** Streams the CLI's output (stdout and stderr interleaved, as a terminal shows them). */
  onOutput: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/**
 * Compose v1 rejects the Compose Spec's top-level `name:`. For v1 only, files that have one are passed as temporary
 * copies without it (relative paths still resolve against --project-directory) and the name becomes
 * --project-name, which is what v2 would do with it. `cleanup` removes the copies.
 */
export function forCli(cli: ComposeCli, project: ComposeProject): { project: ComposeProject; cleanup: () => void } {
  if (cli.flavor !== 'v1') return { project, cleanup: () => undefined };
  let tmp: string | undefined;
  let name = project.projectName;
  const files = project.files.map((f, i) => {
    let doc;
    // yaml is loaded on first use only (activation stays cheap); esbuild still bundles it.
    const { parseDocument } = require('yaml') as { parseDocument: typeof ParseDocument };
    try {
      doc = parseDocument(readFileSync(f, 'utf8'));
    } catch {
      return f;
    }
    if (!doc.has('name')) return f;
    name ??= String(doc.get('name'));
    doc.delete('name');
    tmp ??= mkdtempSync(path.join(tmpdir(), 'berth-compose-v1-'));
    const copy = path.join(tmp, `${i}-${path.basename(f)}`);
    writeFileSync(copy, String(doc));
    return copy;
  });
  return {
    project: { ...project, files, projectName: name },
    cleanup: () => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Runs a Compose command to its end; resolves with the exit code. */
export function runCompose(cli: ComposeCli, original: ComposeProject, v: ComposeVerb, o: ComposeRun): Promise<number> {
  const { project, cleanup } = forCli(cli, original);
  const { command, args } = composeCommand(cli, project, v);
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: project.projectDirectory,
      env: { ...process.env, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const abort = () => child.kill('SIGINT');
    o.signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (d: Buffer) => o.onOutput(d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => o.onOutput(d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      o.signal?.removeEventListener('abort', abort);
      resolve(code ?? (signal ? 130 : 1));
    });
  }).finally(cleanup);
}

/** Service names of a project, as the CLI resolves them (profiles, overrides and interpolation applied). */
export async function listServices(
  cli: ComposeCli,
  project: ComposeProject,
  env?: NodeJS.ProcessEnv,
): Promise<string[]> {
  const out: string[] = [];
  const lines = new LineSplitter((l) => out.push(l));
  const code = await runCompose(
    cli,
    { ...project, profiles: project.profiles ?? (cli.flavor === 'v2' ? ['*'] : []) },
    { verb: 'config-services' },
    { onOutput: (t) => lines.push(t), env },
  );
  lines.end();
  if (code !== 0) throw new Error(out.join('\n').trim() || `compose config exited ${code}`);
  return out.map((s) => s.trim()).filter((s) => /^[\w.-]+$/.test(s));
}
