// "Build Image": from a Dockerfile (editor title, explorer, palette). Asks tag, context, build args, target,
// options — each remembered per Dockerfile — warns about a large context, streams the output to a terminal with
// a cancellable progress notification, puts a failing step on its Dockerfile line, and on success offers Run/Push.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { withCancellableProgress } from './progress';
import { DOCKERFILE_INFO_REQUEST, PLATFORM_ARGS, PROXY_ARGS, type DockerfileInfo } from '../../../server/src/common';
import type { BerthLanguageClient } from '../language/client';
import { confirm, input, pick, pickMany } from './prompts';
import { engine, errorText, refreshExplorer, requireTrust } from './shared';
import { openStreamTerminal } from './terminals';
import { formatSize } from '../format-size';
import { trustedSetting } from '../trust';
import { recordBuild } from '../inside/build-records';

export interface BuildInputs {
  tag: string;
  /** Absolute context folder. */
  context: string;
  buildArgs: Record<string, string>;
  target?: string;
  platform?: string;
  noCache: boolean;
  pull: boolean;
}

export interface BuildOutcome {
  imageId: string;
  tag: string;
  builder: string;
}

const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.dockerfile,*.containerfile}';
const memoryKey = (dockerfile: string) => `berth.build.inputs:${dockerfile}`;
let diagnostics: vscode.DiagnosticCollection | undefined;

function buildDiagnostics(): vscode.DiagnosticCollection {
  diagnostics ??= vscode.languages.createDiagnosticCollection('berth-build');
  return diagnostics;
}

async function chooseDockerfile(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'dockerfile' && active.uri.scheme === 'file') return active.uri;
  const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 200);
  if (!found.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Dockerfile or Containerfile in this workspace.'));
    return undefined;
  }
  if (found.length === 1) return found[0];
  const items = found
    .map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (await pick(items, { placeHolder: vscode.l10n.t('Dockerfile to build') }))?.uri;
}

/** Stages and ARGs from the language server's model; an empty answer if the server cannot be reached. */
async function dockerfileInfo(language: BerthLanguageClient | undefined, uri: vscode.Uri): Promise<DockerfileInfo> {
  try {
    const client = await language?.ensureStarted();
    const info = client
      ? await client.sendRequest<DockerfileInfo | null>(DOCKERFILE_INFO_REQUEST, { uri: uri.toString() })
      : null;
    if (info) return info;
  } catch {
    /* asked without suggestions below */
  }
  return { stages: [], args: [] };
}

function defaultTag(dockerfile: vscode.Uri): string {
  const folder =
    path
      .basename(path.dirname(dockerfile.fsPath))
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'image';
  return `${folder}:latest`;
}

// The builder sets these itself: the build form does not ask for them.
const PREDEFINED = new Set([...PROXY_ARGS, ...PLATFORM_ARGS]);

/** The form. Undefined when the user pressed Escape on any question. */
async function askInputs(
  ctx: vscode.ExtensionContext,
  dockerfile: vscode.Uri,
  info: DockerfileInfo,
): Promise<BuildInputs | undefined> {
  const last = ctx.workspaceState.get<BuildInputs>(memoryKey(dockerfile.fsPath));
  const folder = vscode.workspace.getWorkspaceFolder(dockerfile)?.uri.fsPath ?? path.dirname(dockerfile.fsPath);
  const setting = trustedSetting<string>('berth.build', 'context', '', dockerfile);
  const defaultContext =
    last?.context ??
    (setting ? path.resolve(folder, setting.replace('${workspaceFolder}', folder)) : path.dirname(dockerfile.fsPath));

  const tag = await input({
    prompt: vscode.l10n.t('Image tag'),
    value: last?.tag ?? defaultTag(dockerfile),
    validateInput: (v) =>
      /^[a-z0-9][\w.\-/:@]*$/.test(v.trim()) ? undefined : vscode.l10n.t('lower-case name[:tag], e.g. myapp:latest'),
  });
  if (tag === undefined) return undefined;
  const contextAnswer = await input({
    prompt: vscode.l10n.t('Build context folder (relative to the workspace folder)'),
    value: path.relative(folder, defaultContext) || '.',
  });
  if (contextAnswer === undefined) return undefined;
  const context = path.resolve(folder, contextAnswer || '.');

  const buildArgs: Record<string, string> = {};
  const args = info.args.filter((a) => !PREDEFINED.has(a.name));
  for (const a of args.filter((x) => x.default === undefined)) {
    const v = await input({
      prompt: vscode.l10n.t('Value of build arg {0} (declared without a default; empty = unset)', a.name),
      value: last?.buildArgs[a.name] ?? '',
    });
    if (v === undefined) return undefined;
    if (v !== '') buildArgs[a.name] = v;
  }
  const withDefaults = args.filter((x) => x.default !== undefined);
  if (withDefaults.length) {
    const items = withDefaults.map((a) => ({
      label: a.name,
      description: vscode.l10n.t('default: {0}', a.default ?? ''),
      picked: last?.buildArgs[a.name] !== undefined,
    }));
    const chosen = await pickMany(items, { placeHolder: vscode.l10n.t('Override build args (optional)') });
    if (chosen === undefined) return undefined;
    for (const c of chosen) {
      const v = await input({
        prompt: vscode.l10n.t('Value of build arg {0}', c.label),
        value: last?.buildArgs[c.label] ?? withDefaults.find((a) => a.name === c.label)?.default ?? '',
      });
      if (v === undefined) return undefined;
      buildArgs[c.label] = v;
    }
  }

  let target: string | undefined;
  const named = info.stages.filter((s) => s.name);
  if (named.length > 1 || (named.length === 1 && info.stages.length > 1)) {
    const finalLabel = vscode.l10n.t('(final stage)');
    const items = [
      { label: finalLabel, description: info.stages[info.stages.length - 1]?.name ?? '' },
      ...named.map((s) => ({ label: s.name!, description: `FROM ${s.base}` })),
    ];
    const chosen = await pick(items, {
      placeHolder: last?.target
        ? vscode.l10n.t('Target stage (last time: {0})', last.target)
        : vscode.l10n.t('Target stage'),
    });
    if (!chosen) return undefined;
    target = chosen.label === finalLabel ? undefined : chosen.label;
  }

  const [noCacheLabel, pullLabel, platformLabel] = [
    vscode.l10n.t('No cache'),
    vscode.l10n.t('Pull base images'),
    vscode.l10n.t('Platform…'),
  ];
  const options = await pickMany(
    [
      { label: noCacheLabel, picked: !!last?.noCache },
      { label: pullLabel, picked: !!last?.pull },
      { label: platformLabel, description: last?.platform ?? '', picked: !!last?.platform },
    ],
    { placeHolder: vscode.l10n.t('Build options (optional)') },
  );
  if (options === undefined) return undefined;
  const has = (l: string) => options.some((o) => o.label === l);
  let platform: string | undefined;
  if (has(platformLabel)) {
    platform = await input({
      prompt: vscode.l10n.t('Platform (e.g. linux/amd64, linux/arm64)'),
      value: last?.platform ?? '',
      validateInput: (v) => (!v || /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(v) ? undefined : 'os/arch[/variant]'),
    });
    if (platform === undefined) return undefined;
  }
  return {
    tag: tag.trim(),
    context,
    buildArgs,
    target,
    platform: platform || undefined,
    noCache: has(noCacheLabel),
    pull: has(pullLabel),
  };
}

export async function buildImageCommand(
  ctx: vscode.ExtensionContext,
  language: BerthLanguageClient | undefined,
  arg?: unknown,
): Promise<BuildOutcome | undefined> {
  if (!requireTrust(vscode.l10n.t('build images'))) return undefined;
  const dockerfile = await chooseDockerfile(arg);
  if (!dockerfile) return undefined;
  const inputs = await askInputs(ctx, dockerfile, await dockerfileInfo(language, dockerfile));
  if (!inputs) return undefined;
  await ctx.workspaceState.update(memoryKey(dockerfile.fsPath), inputs);

  const { planContext, LARGE_CONTEXT_BYTES } = await import('../engine/build-context');
  const { BuildError } = await import('../engine/build');
  const relDockerfile = path.relative(inputs.context, dockerfile.fsPath).split(path.sep).join('/');
  if (relDockerfile.startsWith('..')) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'The Dockerfile {0} is outside the build context {1}: choose a context folder that contains it.',
        vscode.workspace.asRelativePath(dockerfile),
        inputs.context,
      ),
    );
    return undefined;
  }
  const plan = await planContext({ contextDir: inputs.context, dockerfile: relDockerfile });
  if (plan.fileBytes > LARGE_CONTEXT_BYTES) {
    const ok = await confirm(
      vscode.l10n.t('The build context is {0} ({1} files).', formatSize(plan.fileBytes), plan.fileCount),
      vscode.l10n.t('Send it'),
      vscode.l10n.t(
        "Everything in the context folder is sent to the engine before the build starts. A .dockerignore next to the Dockerfile's context can leave out dependencies, build outputs and VCS data.",
      ),
    );
    if (!ok) return undefined;
  }

  const eng = await engine();
  buildDiagnostics().delete(dockerfile);
  const term = openStreamTerminal(vscode.l10n.t('Build {0}', inputs.tag), { icon: 'tools' });
  term.write(
    vscode.l10n.t(
      'Building {0} from {1} (context {2}, {3} files, {4})',
      inputs.tag,
      vscode.workspace.asRelativePath(dockerfile),
      inputs.context,
      plan.fileCount,
      formatSize(plan.fileBytes),
    ) + '\n',
  );
  return withCancellableProgress(vscode.l10n.t('Building {0}', inputs.tag), async (cancelled, progress) => {
    // Closing the build's terminal stops the build too.
    const abort = new AbortController();
    cancelled.addEventListener('abort', () => abort.abort());
    term.signal.addEventListener('abort', () => abort.abort());
    try {
      const r = await eng.build({
        contextDir: inputs.context,
        dockerfile: relDockerfile,
        tag: inputs.tag,
        buildArgs: inputs.buildArgs,
        target: inputs.target,
        platform: inputs.platform,
        noCache: inputs.noCache,
        pull: inputs.pull,
        signal: abort.signal,
        plan,
        onEvent: (e) => {
          if (e.kind === 'output') term.write(e.text);
          else if (e.kind === 'step') progress.report({ message: e.text.replace(/\s+/g, ' ').slice(0, 80) });
          else if (e.sentBytes < e.totalBytes)
            progress.report({
              message: vscode.l10n.t('sending context {0} / {1}', formatSize(e.sentBytes), formatSize(e.totalBytes)),
            });
        },
      });
      term.done(vscode.l10n.t('Built {0} ({1}, {2}).', inputs.tag, r.imageId.slice(7, 19), r.builder));
      // The Layers view maps this image's layers back to the Dockerfile's lines.
      await recordBuild(ctx.workspaceState, r.imageId, {
        dockerfile: dockerfile.toString(),
        context: inputs.context,
        target: inputs.target,
      });
      refreshExplorer();
      void vscode.commands
        .executeCommand('berth.explorer.reveal', 'images', { kind: 'image', name: inputs.tag, id: r.imageId })
        .then(undefined, () => undefined);
      const [runButton, pushButton] = [vscode.l10n.t('Run'), vscode.l10n.t('Push')];
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Built {0}.', inputs.tag), runButton, pushButton)
        .then((choice) => {
          if (choice === runButton) void vscode.commands.executeCommand('berth.images.run', inputs.tag);
          if (choice === pushButton) void vscode.commands.executeCommand('berth.images.push', inputs.tag);
        });
      return { imageId: r.imageId, tag: inputs.tag, builder: r.builder };
    } catch (e) {
      if (e instanceof BuildError && e.cancelled) {
        term.done(vscode.l10n.t('Build cancelled.'));
        return undefined;
      }
      term.write(`\n\x1b[31m${errorText(e)}\x1b[0m\n`);
      term.done(vscode.l10n.t('Build failed.'));
      if (e instanceof BuildError && e.line !== undefined) {
        const doc = await vscode.workspace.openTextDocument(dockerfile);
        const line = doc.lineAt(Math.min(e.line, doc.lineCount - 1));
        const diag = new vscode.Diagnostic(
          line.range,
          vscode.l10n.t('Build failed at this step: {0}', e.message),
          vscode.DiagnosticSeverity.Error,
        );
        diag.source = 'berth build';
        buildDiagnostics().set(dockerfile, [diag]);
      }
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t('Build of {0} failed: {1}', inputs.tag, errorText(e)),
          vscode.l10n.t('Show Output'),
        )
        .then((c) => {
          if (c) term.terminal.show();
        });
      return undefined;
    }
  });
}
