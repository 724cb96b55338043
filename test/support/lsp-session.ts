// A real LSP client session over stdio against the bundled server, for the lsp test layer.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER_JS = path.resolve(__dirname, '../../dist/server.js');

export class LspSession {
  private readonly waiting = new Map<string, (d: Diagnostic[]) => void>();
  readonly latest = new Map<string, Diagnostic[]>();
  private versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
    public initializeResult: InitializeResult,
  ) {}

  static async start(
    initializationOptions: unknown = undefined,
    capabilities: Record<string, unknown> = {},
    /** Extra command-line arguments (e.g. `--locale zh-cn`) and the `locale` of initialize. */
    launch: { args?: string[]; locale?: string } = {},
  ): Promise<LspSession> {
    const proc = spawn(process.execPath, [SERVER_JS, '--stdio', ...(launch.args ?? [])], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const session = new LspSession(proc, conn, undefined as unknown as InitializeResult);
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      session.latest.set(p.uri, p.diagnostics);
      session.waiting.get(p.uri)?.(p.diagnostics);
      session.waiting.delete(p.uri);
    });
    conn.listen();
    session.initializeResult = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
      ...(launch.locale ? { locale: launch.locale } : {}),
    });
    await conn.sendNotification('initialized', {});
    return session;
  }

  /** Opens (or replaces) a document and resolves with the next diagnostics published for it. */
  openAndWait(uri: string, languageId: string, text: string, timeoutMs = 5000): Promise<Diagnostic[]> {
    const wait = this.nextDiagnostics(uri, timeoutMs);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    if (version === 1)
      void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    else
      void this.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    return wait;
  }

  nextDiagnostics(uri: string, timeoutMs = 5000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(uri, (d) => {
        clearTimeout(timer);
        resolve(d);
      });
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params);
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
