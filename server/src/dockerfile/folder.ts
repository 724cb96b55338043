// The folder of a Dockerfile on disk: where Berth assumes the build context is, for its ignore file and for COPY
// source completion. Documents that are not files (untitled, remote) have none.
import { URI, Utils } from 'vscode-uri';

export function dockerfileFolder(uri: string): URI | undefined {
  let parsed: URI;
  try {
    parsed = URI.parse(uri);
  } catch {
    return undefined;
  }
  return parsed.scheme === 'file' ? Utils.dirname(parsed) : undefined;
}
