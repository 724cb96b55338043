// What a Berth terminal does, without VS Code: start a process session sized to the terminal, pass keystrokes in
// and output out (CRLF for non-TTY output, which has bare LFs), forward resizes, and show the exit code.
// terminals.ts wraps this in a vscode.Pseudoterminal; the engine-layer tests drive it directly.
import * as l10n from '@vscode/l10n';
import type { ProcessSession, SessionOutput } from '../engine/exec';

export interface TerminalSink {
  write(text: string): void;
  /** The terminal should close (after the user saw the exit code). */
  close(code?: number): void;
}

export interface Dimensions {
  columns: number;
  rows: number;
}

export type SessionStarter = (dims: Dimensions | undefined, onOutput: SessionOutput) => Promise<ProcessSession>;

export class ProcessTerminalCore {
  private session: ProcessSession | undefined;
  private exitedCode: number | undefined | null = null;
  private readonly decoder = new TextDecoder('utf-8');
  /** Resolves once the process ended, with its exit code. */
  readonly exited: Promise<number | undefined>;
  private resolveExit!: (code: number | undefined) => void;

  constructor(
    private readonly start: SessionStarter,
    private readonly sink: TerminalSink,
    private readonly tty: boolean,
  ) {
    this.exited = new Promise((r) => {
      this.resolveExit = r;
    });
  }

  async open(dims?: Dimensions): Promise<void> {
    try {
      this.session = await this.start(dims, (data) => this.output(data));
    } catch (e) {
      this.sink.write(`\x1b[31m${(e as Error).message}\x1b[0m\r\n`);
      this.finish(undefined);
      return;
    }
    void this.session.exited.then((code) => this.finish(code));
  }

  private output(data: Buffer): void {
    const text = this.decoder.decode(data, { stream: true });
    this.sink.write(this.tty ? text : text.replace(/\r?\n/g, '\r\n'));
  }

  private finish(code: number | undefined): void {
    if (this.exitedCode !== null) return;
    this.exitedCode = code;
    const tail = code === undefined ? l10n.t('The process ended.') : l10n.t('The process exited with code {0}.', code);
    this.sink.write(
      `\r\n\x1b[${code ? '31' : '90'}m${tail} ${l10n.t('Press any key to close this terminal.')}\x1b[0m\r\n`,
    );
    this.resolveExit(code);
  }

  input(data: string): void {
    if (this.exitedCode !== null) {
      this.sink.close(this.exitedCode ?? undefined);
      return;
    }
    this.session?.write(data);
  }

  resize(dims: Dimensions): void {
    void this.session?.resize(dims.columns, dims.rows);
  }

  /** The user closed the terminal: end the stream (a shell gets a hang-up). */
  dispose(): void {
    this.session?.close();
  }
}
