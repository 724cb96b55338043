// Which workspace Dockerfile built which image: the build command records each image id it built with the
// Dockerfile, the context folder and the target stage, so the Layers view can map layers back to instructions.
// Kept in workspace state, newest first, bounded.
import type * as vscode from 'vscode';

export interface BuildRecord {
  dockerfile: string;
  context: string;
  target?: string;
}

const KEY = 'berth.inside.builds';
const MAX_RECORDS = 200;

export function recordBuild(state: vscode.Memento, imageId: string, record: BuildRecord): Thenable<void> {
  const all = state.get<Record<string, BuildRecord>>(KEY, {});
  const kept = Object.entries(all)
    .filter(([id]) => id !== imageId)
    .slice(0, MAX_RECORDS - 1);
  return state.update(KEY, Object.fromEntries([[imageId, record], ...kept]));
}

export function buildRecordOf(state: vscode.Memento, imageId: string): BuildRecord | undefined {
  return state.get<Record<string, BuildRecord>>(KEY, {})[imageId];
}
