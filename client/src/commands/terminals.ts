// Berth's terminals, all Pseudoterminals (no docker CLI behind them):
//  - a process terminal (shell, one-off command, interactive run) over ProcessTerminalCore;
//  - a stream terminal that shows output Berth produces (build output, logs, Compose) and whose closing cancels
//    the work behind it.
// Each keeps what it printed (plain text) so that extension-host tests can read what the user saw.
import * as vscode from 'vscode';
import { ProcessTerminalCore, type SessionStarter } from './terminal-core';

const TRANSCRIPT_LIMIT = 256 * 1024;

export interface BerthTerminal {
  readonly name: string;
  readonly terminal: vscode.Terminal;
  /** Everything printed so far (ANSI escapes removed), capped to the last 256 KiB. */
  transcript(): string;
}

const recent: BerthTerminal[] = [];

/** The terminals Berth opened in this window, newest last (test surface). */
export function berthTerminals(): readonly BerthTerminal[] {
  return recent;
}

function remember(t: BerthTerminal): void {
  recent.push(t);
  if (recent.length > 50) recent.shift();
}

class Transcript {
  private text = '';
  add(s: string): void {
    // eslint-disable-next-line no-control-regex
    this.text += s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');
    if (this.text.length > TRANSCRIPT_LIMIT) this.text = this.text.slice(-TRANSCRIPT_LIMIT);
  }
  get value(): string {
    return this.text;
  }
}

/** A terminal over a process in a container. Resolves once the terminal is shown; `core.exited` gives the code. */
export function openProcessTerminal(
  name: string,
  start: SessionStarter,
  tty: boolean,
): BerthTerminal & { core: ProcessTerminalCore } {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  const transcript = new Transcript();
  const core = new ProcessTerminalCore(
    start,
    {
      write: (t) => {
        transcript.add(t);
        write.fire(t);
      },
      close: (code) => close.fire(code ?? undefined),
    },
    tty,
  );
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: (dims) => {
      void core.open(dims ? { columns: dims.columns, rows: dims.rows } : undefined);
    },
    close: () => core.dispose(),
    handleInput: (data) => core.input(data),
    setDimensions: (dims) => core.resize({ columns: dims.columns, rows: dims.rows }),
  };
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('terminal') });
  terminal.show();
  const t = { name, terminal, core, transcript: () => transcript.value };
  remember(t);
  return t;
}

export interface StreamTerminal extends BerthTerminal {
  /** Writes text (LF is turned into CRLF). */
  write(text: string): void;
  /** Aborted when the user closes the terminal. */
  readonly signal: AbortSignal;
  /** Marks the work done: the next key closes the terminal. */
  done(note?: string): void;
}

/** A terminal that shows Berth's own output; closing it cancels the work (its signal aborts). */
export function openStreamTerminal(name: string, opts: { show?: boolean; icon?: string } = {}): StreamTerminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  const transcript = new Transcript();
  const abort = new AbortController();
  const pending: string[] = [];
  let opened = false;
  let finished = false;
  const emit = (s: string) => {
    transcript.add(s);
    if (opened) write.fire(s);
    else pending.push(s);
  };
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: () => {
      opened = true;
      for (const s of pending.splice(0)) write.fire(s);
    },
    close: () => abort.abort(),
    handleInput: (data) => {
      if (finished) close.fire();
      else if (data === '\x03') {
        emit('^C\r\n');
        abort.abort();
      }
    },
  };
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon(opts.icon ?? 'output') });
  if (opts.show !== false) terminal.show(true);
  const t: StreamTerminal = {
    name,
    terminal,
    signal: abort.signal,
    transcript: () => transcript.value,
    write: (text) => emit(text.replace(/\r?\n/g, '\r\n')),
    done: (note) => {
      finished = true;
      emit(`\r\n\x1b[90m${note ? `${note} ` : ''}${vscode.l10n.t('Press any key to close this terminal.')}\x1b[0m\r\n`);
    },
  };
  remember(t);
  return t;
}
