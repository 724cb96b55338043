// Reads settings that name an endpoint, a file, a shell or TLS choices with the workspace-trust rule of
// settings-trust.ts: a repository's own settings apply only once its folder is trusted.
import * as vscode from 'vscode';
import { settingFor } from './settings-trust';

/** `berth.<section>.<key>` as Berth may act on it (user/machine value only while the workspace is untrusted). */
export function trustedSetting<T>(section: string, key: string, fallback: T, scope?: vscode.ConfigurationScope): T {
  const cfg = vscode.workspace.getConfiguration(section, scope);
  return settingFor(
    { effective: () => cfg.get<T>(key, fallback), inspect: () => cfg.inspect<T>(key) },
    vscode.workspace.isTrusted,
    fallback,
  );
}
