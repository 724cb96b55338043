// Swarm generic resources (node-generic-resources), as dockerd parses them when it loads daemon.json.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import type { Collector } from '../collector';

/** dockerd's integers: optional sign and digits within int64 (a longer number is read as a name). */
const DISCRETE = /^[+-]?\d+$/;
const isDiscrete = (value: string) => DISCRETE.test(value) && BigInt.asIntN(64, BigInt(value)) === BigInt(value);

/**
 * Each entry is NAME=VALUE (exactly one "=", spaces trimmed); an integer VALUE is a count (not negative), any other a
 * named resource; a name given several times lists named resources, so none of its values may be a count.
 */
export function checkGenericResources(c: Collector, entries: Node[]) {
  const byName = new Map<string, { node: Node; value: string }[]>();
  for (const node of entries) {
    const entry = node.value as string;
    const parts = entry.split('=');
    if (parts.length !== 2) {
      c.error(
        node,
        'invalid-generic-resource',
        'validate',
        l10n.t('A generic resource is "NAME=VALUE" with one "=", e.g. "gpu=2" or "gpu=UUID1"; "{0}" is not.', entry),
      );
      continue;
    }
    const name = parts[0]!.trim();
    const value = parts[1]!.trim();
    if (isDiscrete(value) && BigInt(value) < 0n)
      c.error(
        node,
        'invalid-generic-resource',
        'validate',
        l10n.t('Generic resource "{0}" cannot be negative: dockerd refuses the file.', name),
      );
    const uses = byName.get(name) ?? [];
    uses.push({ node, value });
    byName.set(name, uses);
  }
  for (const [name, uses] of byName)
    if (uses.length > 1 && uses.some((u) => isDiscrete(u.value)))
      for (const { node } of uses)
        c.error(
          node,
          'invalid-generic-resource',
          'validate',
          l10n.t(
            'Generic resource "{0}" is given several times, so it lists named resources; a count ("{0}=2") must be its only entry.',
            name,
          ),
        );
}
