// Image builds through the Engine API. BuildKit (`version: "2"`) when the engine has it, the classic builder
// otherwise; the context is our own tar (build-context.ts). Progress lines are parsed into events, errors that
// arrive inside the 200 stream fail the build, `forcerm` leaves no intermediate container, an AbortSignal cancels,
// and a failing step is mapped back to its Dockerfile line.
import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { packContext, planContext, type ContextPlan } from './build-context';
import { BuildProgress, type BuildEvent, type ProgressLine } from './build-progress';
import { reportsPodman } from './engine';
import { LineSplitter } from './lines';

export type Builder = 'buildkit' | 'classic';
export type { BuildEvent };

export interface BuildOptions {
  contextDir: string;
  /** Dockerfile path relative to the context, forward slashes (default "Dockerfile"). */
  dockerfile?: string;
  tag?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  noCache?: boolean;
  pull?: boolean;
  labels?: Record<string, string>;
  /** 'auto' (default): BuildKit when the engine supports it. */
  builder?: 'auto' | Builder;
  signal?: AbortSignal;
  onEvent?: (e: BuildEvent) => void;
  /** A plan computed earlier (e.g. to show the size first); computed here otherwise. */
  plan?: ContextPlan;
}

export interface BuildResult {
  imageId: string;
  builder: Builder;
  contextBytes: number;
  steps: string[];
}

export class BuildError extends Error {
  override readonly name = 'BuildError';
  constructor(
    message: string,
    readonly cancelled: boolean,
    /** The failing step as the builder names it (e.g. "RUN exit 3"). */
    readonly step?: string,
    /** 0-based line in the Dockerfile of the failing instruction, when it could be located. */
    readonly line?: number,
    readonly output: string = '',
  ) {
    super(message);
  }
}

/**
 * BuildKit through the API needs API ≥ 1.39 on a Linux engine (Windows engines only have the classic builder).
 * Podman reports API 1.41 but has no BuildKit session endpoint (404): its builder (Buildah) takes classic requests.
 */
export async function engineBuilder(docker: Docker): Promise<Builder> {
  try {
    const v = await docker.version();
    if (reportsPodman(v)) return 'classic';
    const [maj = 0, min = 0] = String(v.ApiVersion).split('.').map(Number);
    return v.Os === 'linux' && (maj > 1 || min >= 39) ? 'buildkit' : 'classic';
  } catch {
    return 'classic';
  }
}

export interface DockerfileInstruction {
  line: number;
  keyword: string;
  text: string;
}

/** Instruction starts of a Dockerfile with continuations joined — only what is needed to find a builder's step
 *  text again (the full parser lives in the language server; the engine layer must not depend on it). */
export function locateInstructions(text: string): DockerfileInstruction[] {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split('\n', 5).join('\n')) ? '`' : '\\';
  const lines = text.split(/\r?\n/);
  const out: DockerfileInstruction[] = [];
  const at = (i: number) => lines[i] ?? '';
  for (let i = 0; i < lines.length; i++) {
    const first = at(i).trim();
    if (!first || first.startsWith('#')) continue;
    const start = i;
    let joined = at(i);
    while (joined.trimEnd().endsWith(escape) && i + 1 < lines.length) {
      joined = joined.trimEnd().slice(0, -1);
      i++;
      while (i < lines.length && /^\s*#/.test(at(i))) i++; // comments inside a continuation are dropped
      joined += at(i);
    }
    const m = /^\s*(\S+)\s*(.*)$/s.exec(joined);
    const keyword = m?.[1]?.toUpperCase();
    if (keyword) out.push({ line: start, keyword, text: `${keyword} ${m?.[2] ?? ''}`.replace(/\s+/g, ' ').trim() });
  }
  return out;
}

/** The Dockerfile line of a builder's step text ("RUN exit 3", "[build 3/4] RUN …", "Step 5/9 : RUN …"). */
export function stepLine(
  instructions: DockerfileInstruction[],
  step: string,
  classicStepNo?: number,
  stageNo?: number,
): number | undefined {
  const classic = classicStepNo && !stageNo ? instructions[classicStepNo - 1] : undefined;
  if (classic) return classic.line;
  const norm = step
    .replace(/^\[[^\]]*\]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const matches = (i: DockerfileInstruction) =>
    i.text === norm || (norm.length > 10 && i.text.startsWith(norm.replace(/\.\.\.$/, '')));
  // Buildah numbers steps per stage ("[2/3] STEP 4/8: …") and may skip unused stages, so its numbers only say
  // where to start looking: the same text (say an ARG) can open several stages.
  const froms = instructions.flatMap((i, n) => (i.keyword === 'FROM' ? [n] : []));
  const from = stageNo ? (froms[stageNo - 1] ?? 0) : 0;
  return (instructions.slice(from).find(matches) ?? instructions.find(matches))?.line;
}

function counted(source: Readable, total: number, onEvent?: (e: BuildEvent) => void): Readable {
  let sent = 0;
  let lastReport = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      sent += chunk.length;
      if (sent - lastReport > 256 * 1024) {
        lastReport = sent;
        onEvent?.({ kind: 'context', sentBytes: sent, totalBytes: total });
      }
      cb(null, chunk);
    },
    flush(cb) {
      onEvent?.({ kind: 'context', sentBytes: sent, totalBytes: total });
      cb();
    },
  });
  source.on('error', (e) => t.destroy(e));
  return source.pipe(t);
}

/** A BuildKit failure to fetch the `# syntax=` frontend image (offline, or a registry that is not reachable). */
function isFrontendFetchFailure(e: unknown): boolean {
  return (
    e instanceof BuildError &&
    !e.cancelled &&
    /frontend gateway/.test(e.message) &&
    (!e.step || /^resolve image config for .*dockerfile/.test(e.step))
  );
}

/** Builds an image. Resolves with its id; rejects with BuildError (failed or cancelled) or the engine's error. */
export async function buildImage(docker: Docker, opts: BuildOptions): Promise<BuildResult> {
  const auto = !opts.builder || opts.builder === 'auto';
  const builder: Builder = auto ? await engineBuilder(docker) : (opts.builder as Builder);
  try {
    return await buildWith(docker, opts, builder);
  } catch (e) {
    // The `# syntax=` line makes BuildKit fetch its frontend image; offline that fails before any step ran.
    // In auto mode the classic builder (which ignores the line) still builds most Dockerfiles: say so and retry.
    if (!(auto && builder === 'buildkit' && isFrontendFetchFailure(e))) throw e;
    opts.onEvent?.({
      kind: 'output',
      text: l10n.t(
        'BuildKit could not fetch the Dockerfile frontend named by the "# syntax=" line ({0}).\nRetrying with the classic builder.\n',
        (e as Error).message,
      ),
    });
    return buildWith(docker, { ...opts, plan: undefined }, 'classic');
  }
}

/** The build request's options for the engine. */
function requestOptions(opts: BuildOptions, dockerfile: string, builder: Builder): Docker.ImageBuildOptions {
  return {
    dockerfile,
    t: opts.tag,
    buildargs: opts.buildArgs ?? {},
    target: opts.target || undefined,
    platform: opts.platform || undefined,
    nocache: !!opts.noCache,
    pull: opts.pull ? '1' : undefined,
    labels: opts.labels ?? {},
    forcerm: true,
    rm: true,
    version: builder === 'buildkit' ? '2' : '1',
    abortSignal: opts.signal,
  } as Docker.ImageBuildOptions;
}

/** Reads the progress stream to its end (or until `signal` aborts), line by line into `progress`. */
async function readProgress(
  stream: NodeJS.ReadableStream,
  progress: BuildProgress,
  signal: AbortSignal | undefined,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let last = false;
    const lines = new LineSplitter((line) => {
      if (!line.trim()) return;
      try {
        progress.line(JSON.parse(line) as ProgressLine);
      } catch {
        progress.emit(last ? line : `${line}\n`);
      }
    });
    const onAbort = () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => lines.push(chunk));
    const done = (err?: Error) => {
      signal?.removeEventListener('abort', onAbort);
      last = true;
      lines.end();
      if (err) reject(err);
      else resolve();
    };
    stream.on('end', () => done());
    stream.on('close', () => done());
    stream.on('error', (e: Error) => done(e));
  }).catch((err: unknown) => {
    if (!signal?.aborted) throw err;
  });
}

async function buildWith(docker: Docker, opts: BuildOptions, builder: Builder): Promise<BuildResult> {
  const dockerfile = (opts.dockerfile ?? 'Dockerfile').replace(/\\/g, '/');
  const plan = opts.plan ?? (await planContext({ contextDir: opts.contextDir, dockerfile }));
  const dockerfileText = await fs.readFile(path.join(opts.contextDir, dockerfile), 'utf8').catch(() => '');
  if (opts.signal?.aborted) throw new BuildError(l10n.t('Build cancelled.'), true);

  let contextBytes = 0;
  const body = counted(packContext(plan), plan.fileBytes, (e) => {
    if (e.kind === 'context') contextBytes = e.sentBytes;
    opts.onEvent?.(e);
  });
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(
      body as unknown as NodeJS.ReadableStream,
      requestOptions(opts, dockerfile, builder),
    );
  } catch (err) {
    if (opts.signal?.aborted) throw new BuildError(l10n.t('Build cancelled.'), true);
    throw err;
  }
  const progress = new BuildProgress(opts.onEvent);
  await readProgress(stream, progress, opts.signal);

  if (opts.signal?.aborted) throw new BuildError(l10n.t('Build cancelled.'), true, undefined, undefined, progress.text);
  if (progress.failure) {
    const step = progress.failedStep;
    const line = step
      ? stepLine(
          locateInstructions(dockerfileText),
          step.text,
          builder === 'classic' ? step.number : undefined,
          step.stage,
        )
      : undefined;
    throw new BuildError(progress.failure, false, step?.text, line, progress.text);
  }
  if (!progress.imageId)
    throw new BuildError(
      l10n.t('The build ended without producing an image.'),
      false,
      undefined,
      undefined,
      progress.text,
    );
  return { imageId: progress.imageId, builder, contextBytes, steps: progress.steps };
}
