// A build's progress stream, read line by line. The engine speaks three protocols in one JSON stream: the common
// lines (errors, the image id), BuildKit's trace (base64 protobuf vertexes and logs in `moby.buildkit.trace`) and
// the classic builder's text (dockerd's "Step 3/4 : RUN …", Buildah's "[2/3] STEP 3/4: RUN …"). One small parser
// per protocol updates one BuildProgress, which also passes output and steps on to the caller as they come.
import { decodeTrace, type TraceVertex } from './buildkit-trace';

export type BuildEvent =
  | { kind: 'context'; sentBytes: number; totalBytes: number }
  | { kind: 'step'; text: string }
  | { kind: 'output'; text: string };

export interface ProgressLine {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  id?: string;
  aux?: unknown;
}

/** The step a failure belongs to: its text, and for the classic builder its step and stage numbers. */
export interface StepRef {
  text: string;
  number?: number;
  stage?: number;
}

/** A parser reads one line into the progress; true when the line was of its protocol. */
type Parser = (p: ProgressLine, progress: BuildProgress) => boolean;

export class BuildProgress {
  readonly steps: string[] = [];
  imageId = '';
  /** The builder's error, when the stream reported one. */
  failure?: string;
  /** The step running when the build failed (classic: the last one started; BuildKit: the vertex with the error). */
  failedStep?: StepRef;
  private readonly output: string[] = [];
  private readonly parsers: Parser[] = [commonLine, buildkitTrace(), classicText];

  constructor(private readonly onEvent?: (e: BuildEvent) => void) {}

  /** One JSON line of the stream. */
  line(p: ProgressLine): void {
    for (const parse of this.parsers) if (parse(p, this)) return;
  }

  /** Output to show as it is (a line that was not JSON). */
  emit(text: string): void {
    this.output.push(text);
    this.onEvent?.({ kind: 'output', text });
  }

  /** A step started: `shown` is what the progress notification says. */
  step(text: string, shown = text): void {
    this.steps.push(text);
    this.onEvent?.({ kind: 'step', text: shown });
  }

  /** Everything shown so far. */
  get text(): string {
    return this.output.join('');
  }
}

/** Errors inside the 200 stream, and the image id (BuildKit's `moby.image.id`, the classic builder's aux.ID). */
const commonLine: Parser = (p, progress) => {
  if (p.error || p.errorDetail) {
    progress.failure = p.errorDetail?.message ?? p.error;
    progress.emit(`ERROR: ${progress.failure}\n`);
    return true;
  }
  if (p.id === 'moby.image.id') {
    progress.imageId = String((p.aux as { ID?: string }).ID ?? progress.imageId);
    return true;
  }
  if (p.aux && typeof p.aux === 'object' && (p.aux as { ID?: string }).ID) {
    progress.imageId = String((p.aux as { ID: string }).ID);
    return true;
  }
  return false;
};

/** BuildKit's trace: a step is a vertex that starts (internal ones are not shown); logs are output. */
function buildkitTrace(): Parser {
  const vertexes = new Map<string, TraceVertex>();
  return (p, progress) => {
    if (p.id !== 'moby.buildkit.trace' || typeof p.aux !== 'string') return false;
    const t = decodeTrace(p.aux);
    for (const v of t.vertexes) {
      const seen = vertexes.get(v.digest);
      vertexes.set(v.digest, v);
      if (v.started && !seen?.started && v.name && !v.name.startsWith('[internal]')) {
        progress.step(v.name);
        progress.emit(`#${v.name}${v.cached ? ' (cached)' : ''}\n`);
      }
      if (v.error && !progress.failedStep) progress.failedStep = { text: v.name };
    }
    for (const l of t.logs) progress.emit(l.msg.toString('utf8'));
    return true;
  };
}

// dockerd: "Step 3/4 : RUN …"; Podman (Buildah): "STEP 3/4: RUN …", "[2/3] STEP 3/4: RUN …" in multi-stage files.
const CLASSIC_STEP = /^(?:\[(\d+)\/\d+\] )?(?:Step|STEP) (\d+)\/\d+ ?: (.*)$/m;

/** The classic builder's text: every line is output; a "Step n/m" line also starts a step. */
const classicText: Parser = (p, progress) => {
  if (typeof p.stream === 'string') {
    const m = CLASSIC_STEP.exec(p.stream);
    if (m) {
      const text = (m[3] ?? '').trim();
      progress.failedStep = { text, number: Number(m[2]), stage: m[1] ? Number(m[1]) : undefined };
      progress.step(text, p.stream.trim());
    }
    progress.emit(p.stream);
    return true;
  }
  if (p.status) {
    progress.emit(`${p.id ? `${p.id}: ` : ''}${p.status}\n`);
    return true;
  }
  return false;
};
