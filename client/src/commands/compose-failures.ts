// Why a Compose command failed, in the words `run` uses: Compose v1 ends with "Encountered errors while bringing
// up the project", v2 with "Error response from daemon: …"; the cause is in the lines before. A port in use names
// the port, the service, what holds the port when that can be found, and the fix. No vscode: tested on its own and
// against the real engine.
import * as l10n from '@vscode/l10n';
import { portConflictIn, portHolder, type PortConflict } from '../engine/port-in-use';
import type { ContainerSummary } from '../engine/engine';

export type ComposeFailure =
  | ({ kind: 'port-in-use'; service?: string } & PortConflict)
  | { kind: 'name-conflict'; containerName: string }
  | { kind: 'image-missing'; image: string };

/** The known cause in a failed Compose command's output, if any. */
export function classifyComposeOutput(output: string): ComposeFailure | undefined {
  const conflictLine = output.split('\n').find((l) => portConflictIn(l));
  if (conflictLine) {
    // v1: "Cannot start service web: …"; v2: "Error response from daemon: … on endpoint proj-web-1 (…)".
    const service =
      /Cannot start service ([\w.-]+):/.exec(conflictLine)?.[1] ??
      /on endpoint [\w.-]+?[-_]([\w.-]+?)[-_]\d+ \(/.exec(conflictLine)?.[1];
    return { kind: 'port-in-use', service, ...portConflictIn(conflictLine)! };
  }
  const name = /The container name "\/?([^"]+)" is already in use/.exec(output)?.[1];
  if (name) return { kind: 'name-conflict', containerName: name };
  const image =
    /pull access denied for ([^\s,]+)/.exec(output)?.[1] ??
    /manifest for (\S+) not found/.exec(output)?.[1] ??
    /No such image: (\S+)/.exec(output)?.[1];
  if (image) return { kind: 'image-missing', image };
  return undefined;
}

/** The sentence for a known failure: what happened and what to do. `containers` helps name a port's holder. */
export async function explainComposeFailure(
  f: ComposeFailure,
  containers?: () => Promise<ContainerSummary[]>,
): Promise<string> {
  switch (f.kind) {
    case 'port-in-use': {
      const holder = await portHolder(f.port, containers);
      const where = f.address && f.address !== '0.0.0.0' && f.address !== '::' ? `${f.address}:${f.port}` : f.port;
      // Pieces, each translated whole, so that the sentence reads naturally in every language.
      return (
        l10n.t('Port {0} is already in use on the host', String(where)) +
        (holder ? l10n.t(' (held by {0})', holder) : '') +
        (f.service ? l10n.t(', so service {0} cannot publish it', f.service) : '') +
        l10n.t(
          ". Change the host port in the service's ports (or the variable that sets it, e.g. in .env), or stop what holds port {0}.",
          f.port,
        )
      );
    }
    case 'name-conflict':
      return l10n.t(
        'A container named "{0}" already exists outside this project: remove it, or give the service another container_name.',
        f.containerName,
      );
    case 'image-missing':
      return l10n.t(
        'Image {0} could not be found or pulled: check its name and tag, log in to its registry, or build it first.',
        f.image,
      );
  }
}
