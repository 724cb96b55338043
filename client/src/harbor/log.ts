// Berth's Harbor output channel. Every line passes through redaction of the secrets currently in use, so a secret
// never reaches the channel even if a message quotes one by accident. The text is kept for the tests' assertion.
import * as vscode from 'vscode';
import { redact } from './redaction';

export { registerSecret } from './redaction';

const lines: string[] = [];
let channel: vscode.OutputChannel | undefined;

export function log(message: string): void {
  channel ??= vscode.window.createOutputChannel('Berth: Harbor');
  const line = `[${new Date().toISOString()}] ${redact(message)}`;
  lines.push(line);
  channel.appendLine(line);
}

export function logText(): string { return lines.join('\n'); }
export function disposeLog(): void { channel?.dispose(); channel = undefined; }
