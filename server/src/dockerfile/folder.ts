// The folder of a Dockerfile on disk: where Berth assumes the build context is, for its ignore file and for COPY
// source completion. Documents that are not files (untitled, remote) have none.
import { type URI, Utils } from 'vscode-uri';
import { parseFileUri } from '../lsp/disk';

export function dockerfileFolder(uri: string): URI | undefined {
  const parsed = parseFileUri(uri);
  return parsed && Utils.dirname(parsed);
}
