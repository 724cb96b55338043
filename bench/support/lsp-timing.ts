// Times language servers as a user feels them: a server started over stdio, a document opened, then one-character
// edits (didChange) each timed until the server publishes diagnostics for that document, and requests (hover,
// completion…) timed from send to answer. The same client drives Berth and its peer, alternating, in one run.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  /** Answers `workspace/configuration` (yaml-language-server asks for its settings this way). */
  configuration?: (section: string | undefined) => unknown;
  /** Sent as `workspace/didChangeConfiguration` after `initialized`. */
  settings?: unknown;
}

export class TimedServer {
  /** Per document: the version whose diagnostics are awaited, and what to call when they arrive. */
  private waiters = new Map<string, { version: number; arrived: () => void }>();
  private version = new Map<string, number>();
  private text = new Map<string, string>();

  private constructor(
    readonly spec: ServerSpec,
    private readonly proc: ChildProcess,
    private readonly conn: MessageConnection,
  ) {}

  static async start(spec: ServerSpec, rootUri: string): Promise<TimedServer> {
    const proc = spawn(spec.command, spec.args, { stdio: ['pipe', 'pipe', 'ignore'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const server = new TimedServer(spec, proc, conn);
    // A publish that names an older version answers an earlier edit (Berth publishes again when ShellCheck's late
    // results arrive) and is not the one awaited; a server that names no version (docker-langserver) checks each
    // change before reading the next, so its next publish is the awaited one.
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      const w = server.waiters.get(p.uri);
      if (w && (p.version === undefined || p.version >= w.version)) {
        server.waiters.delete(p.uri);
        w.arrived();
      }
    });
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => spec.configuration?.(i.section) ?? null),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onNotification(() => undefined);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        // As VS Code declares them: settings pulled when the server asks, file watchers registered by the server.
        workspace: {
          configuration: !!spec.configuration,
          didChangeConfiguration: { dynamicRegistration: false },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true },
          // As vscode-languageclient 11 declares them: documentation on resolve, shared fields in item defaults.
          completion: {
            completionItem: {
              snippetSupport: true,
              documentationFormat: ['markdown'],
              insertReplaceSupport: true,
              labelDetailsSupport: true,
              resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
            },
            completionList: {
              itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'],
            },
          },
          hover: { contentFormat: ['markdown'] },
        },
      },
    });
    await conn.sendNotification('initialized', {});
    if (spec.settings) await conn.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    return server;
  }

  private nextDiagnostics(uri: string, version: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(uri);
        reject(new Error(`${this.spec.name}: no diagnostics for ${uri} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(uri, {
        version,
        arrived: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Opens a document; resolves with the time until its first diagnostics. */
  async open(uri: string, languageId: string, text: string, timeoutMs = 60_000): Promise<number> {
    const wait = this.nextDiagnostics(uri, 1, timeoutMs);
    this.version.set(uri, 1);
    this.text.set(uri, text);
    const t = performance.now();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await wait;
    return performance.now() - t;
  }

  /** Replaces `from..from+del` with `insert` (an incremental change); resolves with the time until diagnostics. */
  async edit(
    uri: string,
    line: number,
    character: number,
    del: number,
    insert: string,
    timeoutMs = 60_000,
  ): Promise<number> {
    const version = (this.version.get(uri) ?? 1) + 1;
    this.version.set(uri, version);
    const wait = this.nextDiagnostics(uri, version, timeoutMs);
    const t = performance.now();
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: { line, character }, end: { line, character: character + del } }, text: insert },
      ],
    });
    await wait;
    return performance.now() - t;
  }

  /**
   * CPU time the server's process has used so far, every thread (GC and compiler threads too), in ms; NaN where
   * /proc/<pid>/task/<tid>/schedstat is not available. It leaves out the time a server waits for a CPU, so on a busy
   * machine it compares two servers' work more fairly than wall-clock time (caches and shared cores still inflate it).
   */
  cpuMs(): number {
    const pid = this.proc.pid;
    try {
      let ns = 0;
      for (const tid of readdirSync(`/proc/${pid}/task`))
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      return ns / 1e6;
    } catch {
      return NaN;
    }
  }

  /** Times one request. */
  async request(method: string, params: unknown): Promise<number> {
    const t = performance.now();
    await this.conn.sendRequest(method, params);
    return performance.now() - t;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* gone */
    }
    // Let it exit by itself (a profile or coverage is written at exit), then make sure it is gone.
    if (this.proc.exitCode === null)
      await new Promise((r) => {
        const t = setTimeout(r, 2000);
        this.proc.once('exit', () => {
          clearTimeout(t);
          r(undefined);
        });
      });
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
export function p95(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}
export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
