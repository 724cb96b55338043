// What the languages may ask of their surroundings (AdapterContext), answered from the open documents first and
// the disk second, through disk.ts's guarded reads.
import * as fs from 'node:fs';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AdapterContext, EngineImage } from './adapter';
import { checkLocalFile, localExists, localPath, readLocalFile } from './disk';
import type { BerthSettings } from './settings';

export function documentContext(
  documents: TextDocuments<TextDocument>,
  settings: () => BerthSettings,
  engineImages: () => readonly EngineImage[],
): AdapterContext {
  return {
    settings,
    engineImages,
    readFile(uri) {
      const open = documents.get(uri);
      if (open) return open.getText();
      const read = readLocalFile(uri);
      return 'text' in read ? read.text : undefined;
    },
    refusal(uri) {
      if (documents.get(uri)) return undefined;
      const checked = checkLocalFile(uri); // a stat only: the rules ask this beside readFile, which reads
      return 'refused' in checked ? checked.refused : undefined;
    },
    exists(uri) {
      return !!documents.get(uri) || localExists(uri);
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
