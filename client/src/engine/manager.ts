// The one engine the window talks to. Everyone gets it from here (`getEngine()`), so switching engines from the
// status bar, retrying after a failure and reconnecting after a daemon restart happen in one place.
// Nothing connects until someone asks: activation stays cheap.
import { EventEmitter } from 'node:events';
import { resolveEndpoint, type EngineEndpoint, type ResolveOptions } from './connection';
import { Engine } from './engine';
import { EngineError, toEngineError } from './errors';

export type EngineState =
  | { kind: 'idle' }
  | { kind: 'connecting'; endpoint?: EngineEndpoint }
  | { kind: 'connected'; engine: Engine }
  | { kind: 'unreachable'; error: EngineError; endpoint?: EngineEndpoint };

export interface EngineManagerOptions {
  /** Read on every (re)connect so a changed setting takes effect on Retry. */
  settingHost?: () => string | undefined;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
}

export class EngineManager {
  private state: EngineState = { kind: 'idle' };
  private pending?: Promise<Engine>;
  /** Identifies the latest connect attempt, so a superseded one never overwrites the state. */
  private attemptToken?: object;
  private override?: string;
  private readonly emitter = new EventEmitter();

  constructor(private options: EngineManagerOptions = {}) {}

  get current(): EngineState {
    return this.state;
  }

  /** Called with the new state whenever it changes. Returns an unsubscribe function. */
  onDidChangeState(listener: (s: EngineState) => void): () => void {
    this.emitter.on('state', listener);
    return () => this.emitter.off('state', listener);
  }

  /** The connected engine; connects on first use. Throws EngineError when the engine cannot be reached. */
  async get(): Promise<Engine> {
    if (this.state.kind === 'connected') return this.state.engine;
    if (this.state.kind === 'unreachable') throw this.state.error;
    return this.connect();
  }

  /** Forgets the last failure/connection and connects again (Retry, setting change, daemon restart). */
  reconnect(): Promise<Engine> {
    this.pending = undefined;
    return this.connect();
  }

  /** Uses another engine (host URL or context name) for this window; undefined returns to normal resolution. */
  use(hostOrContext: string | undefined): Promise<Engine> {
    this.override = hostOrContext;
    return this.reconnect();
  }

  get overrideHost(): string | undefined {
    return this.override;
  }

  configure(options: EngineManagerOptions): void {
    this.options = options;
  }

  /** Reports an unreachable engine discovered by someone else (e.g. the event stream broke). */
  markUnreachable(err: unknown): void {
    const endpoint = this.state.kind === 'connected' ? this.state.engine.endpoint : undefined;
    const error = toEngineError(err, endpoint?.label ?? 'engine');
    if (!error.unreachable) return;
    this.pending = undefined;
    this.setState({ kind: 'unreachable', error, endpoint });
  }

  private connect(): Promise<Engine> {
    if (this.pending) return this.pending;
    const token = {};
    this.attemptToken = token;
    const attempt = (async () => {
      this.setState({ kind: 'connecting' });
      const resolveOpts: ResolveOptions = {
        settingHost: this.override ?? this.options.settingHost?.(),
        env: this.options.env,
        homeDir: this.options.homeDir,
      };
      const endpoint = await resolveEndpoint(resolveOpts);
      try {
        const engine = await Engine.connect(endpoint);
        if (this.attemptToken === token) this.setState({ kind: 'connected', engine });
        return engine;
      } catch (e) {
        const error = toEngineError(e, endpoint.label);
        if (this.attemptToken === token) this.setState({ kind: 'unreachable', error, endpoint });
        throw error;
      } finally {
        if (this.attemptToken === token) this.pending = undefined;
      }
    })();
    this.pending = attempt;
    return attempt;
  }

  private setState(s: EngineState): void {
    this.state = s;
    this.emitter.emit('state', s);
  }
}

let shared: EngineManager | undefined;

/** The window's engine manager (created on first use with default resolution). */
export function getEngineManager(): EngineManager {
  shared ??= new EngineManager();
  return shared;
}

/** The window's engine, connecting on first use. Throws EngineError with a user-readable message. */
export function getEngine(): Promise<Engine> {
  return getEngineManager().get();
}

export { EngineError };
