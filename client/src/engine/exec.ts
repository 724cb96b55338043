// Processes in containers over the engine's hijacked streams — no docker CLI needed. A ProcessSession is what a
// terminal drives: write keystrokes, resize, read output, learn the exit code. Exec sessions (shell, one-off
// command) and attach sessions (an interactive `run`) share that shape.
import { PassThrough } from 'node:stream';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { dial } from './dial';

export interface ProcessSession {
  write(data: string | Buffer): void;
  /** Signals end of input (stdin EOF). */
  endInput(): void;
  resize(cols: number, rows: number): Promise<void>;
  /** Resolves with the exit code once the process has ended (undefined if the engine could not tell). */
  readonly exited: Promise<number | undefined>;
  /** Closes the stream; the process gets EOF/SIGHUP as from a closed terminal. */
  close(): void;
}

export interface SessionOutput {
  (data: Buffer, stream: 'stdout' | 'stderr'): void;
}

export interface ExecOptions {
  cmd: string[];
  tty: boolean;
  /** Keep stdin open (a shell); a one-off command without input gets EOF at once. */
  stdin?: boolean;
  cols?: number;
  rows?: number;
  env?: string[];
  user?: string;
  workdir?: string;
  onOutput: SessionOutput;
}

/** Feeds a hijacked stream to onOutput, demultiplexing the 8-byte frame headers of non-TTY streams. */
function pump(docker: Docker, stream: Duplex, tty: boolean, onOutput: SessionOutput): void {
  if (tty) {
    stream.on('data', (d: Buffer) => onOutput(d, 'stdout'));
    return;
  }
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (d: Buffer) => onOutput(d, 'stdout'));
  err.on('data', (d: Buffer) => onOutput(d, 'stderr'));
  docker.modem.demuxStream(stream, out, err);
}

function ended(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.readableEnded) return resolve();
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
  });
}

function writer(stream: Duplex) {
  return {
    write: (data: string | Buffer) => {
      if (!stream.destroyed && stream.writable) stream.write(data);
    },
    // A hijacked socket has no separate "close stdin" frame: half-closing the socket is the EOF.
    endInput: () => {
      if (!stream.destroyed && stream.writable) stream.end();
    },
    close: () => {
      stream.destroy();
    },
  };
}

/** Starts a process in a running container. */
export async function startExec(docker: Docker, containerId: string, opts: ExecOptions): Promise<ProcessSession> {
  const withStdin = opts.stdin ?? opts.tty;
  const exec = await docker.getContainer(containerId).exec({
    Cmd: opts.cmd,
    Tty: opts.tty,
    AttachStdin: withStdin,
    AttachStdout: true,
    AttachStderr: true,
    Env: opts.env,
    User: opts.user,
    WorkingDir: opts.workdir,
    // docker-modem forwards ConsoleSize only when set; 20.10 accepts it on exec create.
    ...(opts.tty && opts.cols && opts.rows ? { ConsoleSize: [opts.rows, opts.cols] } : {}),
  } as Docker.ExecCreateOptions);
  const stream = (await exec.start({ hijack: true, stdin: withStdin, Tty: opts.tty })) as unknown as Duplex;
  pump(docker, stream, opts.tty, opts.onOutput);
  if (!withStdin) stream.end();
  const exited = ended(stream).then(() => execExitCode(exec));
  if (opts.tty && opts.cols && opts.rows) await exec.resize({ h: opts.rows, w: opts.cols }).catch(() => undefined);
  return {
    ...writer(stream),
    resize: async (cols, rows) => {
      await exec.resize({ h: rows, w: cols }).catch(() => undefined);
    },
    exited,
  };
}

/** The exit code from exec.inspect(); right after the stream ends the engine may still report Running. */
async function execExitCode(exec: Docker.Exec): Promise<number | undefined> {
  for (let i = 0; i < 20; i++) {
    const info = await exec.inspect().catch(() => undefined);
    if (!info) return undefined;
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) return info.ExitCode;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

/** Runs a command to completion and collects its output (shell probing, small queries). */
export async function execCollect(
  docker: Docker,
  containerId: string,
  cmd: string[],
): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const s = await startExec(docker, containerId, {
    cmd,
    tty: false,
    stdin: false,
    onOutput: (d, which) => (which === 'stdout' ? out : err).push(d),
  });
  const code = await s.exited;
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** The first shell of `candidates` the container can run. Each probe execs the shell itself with an argv
 *  (`<shell> -c "exit 0"` as three separate words), so no quoting or `which` is involved. */
export async function probeShell(
  docker: Docker,
  containerId: string,
  candidates = ['bash', 'sh', 'ash'],
): Promise<string | undefined> {
  const results = await Promise.all(
    candidates.map((sh) =>
      execCollect(docker, containerId, [sh, '-c', 'exit 0']).then(
        (r) => r.code === 0,
        () => false,
      ),
    ),
  );
  return candidates[results.indexOf(true)];
}

/**
 * The hijacked attach connection, sent with an empty body (Content-Length: 0). Through dockerode, docker-modem sends
 * the options as a JSON body, or a chunked body when told there is none; dockerd discards either, but Podman hands
 * those bytes to the container's stdin, so its shell read `{"stream":true,…}` or `0` as its first command.
 */
function attachStream(docker: Docker, containerId: string): Promise<Duplex> {
  return dial<Duplex>(docker, {
    path: `/containers/${encodeURIComponent(containerId)}/attach?`,
    method: 'POST',
    isStream: true,
    hijack: true,
    openStdin: false,
    file: Buffer.alloc(0),
    options: { stream: true, stdin: true, stdout: true, stderr: true },
    statusCodes: { 101: true, 200: true, 404: 'no such container', 409: 'container paused', 500: 'server error' },
  });
}

/** Attaches to a created (not yet started) interactive container, starts it, and drives its TTY. */
export interface AttachOptions {
  cols?: number;
  rows?: number;
  onOutput: SessionOutput;
}

export async function attachSession(docker: Docker, containerId: string, opts: AttachOptions): Promise<ProcessSession> {
  const container = docker.getContainer(containerId);
  const info = await container.inspect();
  const tty = !!info.Config.Tty;
  const stream = await attachStream(docker, containerId);
  pump(docker, stream, tty, opts.onOutput);
  // For a container not started yet, the default condition ("not-running") would answer at once: wait for the
  // exit that follows the start instead.
  const exited = container.wait({ condition: info.State.Running ? 'not-running' : 'next-exit' } as object).then(
    (r: { StatusCode?: number }) => r.StatusCode,
    () => undefined,
  );
  if (!info.State.Running) await container.start();
  if (tty && opts.cols && opts.rows) await container.resize({ h: opts.rows, w: opts.cols }).catch(() => undefined);
  return {
    ...writer(stream),
    resize: async (cols, rows) => {
      await container.resize({ h: rows, w: cols }).catch(() => undefined);
    },
    exited,
  };
}
