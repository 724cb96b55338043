// Which value of a setting Berth may act on. In a trusted workspace: the effective value (folder over workspace over
// user). In an untrusted one: only what the user or the machine set, never a repository's .vscode/settings.json.
// package.json's restrictedConfigurations makes VS Code do the same for the settings it lists; this is the second
// line, for code paths that read configuration directly. Pure: no vscode import (unit-tested in plain Node).

/** The fields of `WorkspaceConfiguration.inspect()` this needs. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The value from user/machine scope, else the default, else `fallback`; workspace and folder values are ignored. */
export function userScopeValue<T>(inspected: InspectedSetting<T> | undefined, fallback: T): T {
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** Whether the workspace (or folder) sets a value that an untrusted workspace would have had applied. */
export function workspaceOverrides<T>(inspected: InspectedSetting<T> | undefined): boolean {
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
}

/** Everything a reader needs: the effective value and the inspect() view of one setting. */
export interface SettingReader<T> {
  effective: () => T;
  inspect: () => InspectedSetting<T> | undefined;
}

/** The value to act on: the effective one when trusted, the user/machine one otherwise. */
export function settingFor<T>(reader: SettingReader<T>, trusted: boolean, fallback: T): T {
  return trusted ? reader.effective() : userScopeValue(reader.inspect(), fallback);
}
