// Berth's Harbor output channel. Every line passes through redaction of the secrets currently in use, so a secret
// never reaches the channel even if a message quotes one by accident. The last lines are kept for the tests' assertion.
import * as vscode from 'vscode';
import { LineRing } from './log-buffer';
import { redact } from './redaction';

export { registerSecret } from './redaction';

/** The last 5,000 lines; older ones are only in the output channel. */
const lines = new LineRing();
let channel: vscode.OutputChannel | undefined;

export function log(message: string): void {
  channel ??= vscode.window.createOutputChannel('Berth: Harbor');
  const line = `[${new Date().toISOString()}] ${redact(message)}`;
  lines.push(line);
  channel.appendLine(line);
}

export function logText(): string {
  return lines.lines().join('\n');
}
export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
