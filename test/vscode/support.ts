// Helpers for suites that run inside the real VS Code extension host.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';

export const EXTENSION_ID = 'berth.berth';

export async function berth(): Promise<BerthApi> {
  const ext = vscode.extensions.getExtension<BerthApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return ext.activate();
}

/** Absolute path of a file in the examples/ workspace the suite runs in. */
export function example(...parts: string[]): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('no workspace folder open');
  return path.join(folder, ...parts);
}

/** Resolves with the diagnostics of `uri` once `accept` holds for them (or rejects after timeoutMs). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (d: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri);
      if (accept(d)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(d);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `diagnostics of ${uri.fsPath} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((x) => x.message))}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

export { flattenNodes, until } from '../support/wait';
