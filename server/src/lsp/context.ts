// What the languages may ask of their surroundings (AdapterContext), answered from the open documents first and
// the disk second, through disk.ts's guarded reads, remembered for a moment (disk-cache.ts).
import * as fs from 'node:fs';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AdapterContext, EngineImage } from './adapter';
import { localPath } from './disk';
import { DiskCache } from './disk-cache';
import type { BerthSettings } from './settings';

export function documentContext(
  documents: TextDocuments<TextDocument>,
  settings: () => BerthSettings,
  engineImages: () => readonly EngineImage[],
  enginePlatform: () => string | undefined = () => undefined,
): AdapterContext & {
  forgetDisk(): void;
  trustFileEvents(): void;
  useWorkspaceFolders(uris: readonly string[]): void;
} {
  const disk = new DiskCache();
  // An opened or closed document changes what the disk's answer stands in for.
  documents.onDidOpen(() => disk.clear());
  documents.onDidClose(() => disk.clear());
  return {
    forgetDisk: () => disk.clear(),
    trustFileEvents: () => disk.trustFileEvents(),
    useWorkspaceFolders: (uris) => disk.useFolders(uris),
    settings,
    engineImages,
    enginePlatform,
    readFile(uri) {
      const open = documents.get(uri);
      if (open) return open.getText();
      const read = disk.read(uri);
      return 'text' in read ? read.text : undefined;
    },
    refusal(uri) {
      if (documents.get(uri)) return undefined;
      return disk.refusal(uri);
    },
    exists(uri) {
      return !!documents.get(uri) || disk.exists(uri);
    },
    listDir(uri) {
      const p = localPath(uri);
      try {
        return p
          ? fs.readdirSync(p, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }))
          : [];
      } catch {
        return [];
      }
    },
    openDocuments: () => documents.all(),
  };
}
