// Berth's Harbor output channel. Every line passes through redaction of the secrets currently in use, so a secret
// never reaches the channel even if a message quotes one by accident. The text is kept for the tests' assertion.
import * as vscode from 'vscode';

const knownSecrets = new Set<string>();
const lines: string[] = [];
let channel: vscode.OutputChannel | undefined;

/** Secrets to mask from now on (the ones stored or typed in this window). */
export function registerSecret(secret: string | undefined): void { if (secret && secret.length >= 3) knownSecrets.add(secret); }

export function redact(text: string): string {
  let out = text;
  for (const s of knownSecrets) out = out.split(s).join('••••');
  out = out.replace(/("?(?:password|secret|auth|identitytoken)"?\s*[:=]\s*"?)[^",\s}]+/gi, '$1••••');
  return out;
}

export function log(message: string): void {
  channel ??= vscode.window.createOutputChannel('Berth: Harbor');
  const line = `[${new Date().toISOString()}] ${redact(message)}`;
  lines.push(line);
  channel.appendLine(line);
}

export function logText(): string { return lines.join('\n'); }
export function disposeLog(): void { channel?.dispose(); channel = undefined; }
