// The engine's labels, which dockerd parses while reading daemon.json: key=value, outside Docker's namespaces, and
// one value per key.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import type { Collector } from '../collector';

export function checkLabels(c: Collector, labels: Node[]) {
  const seen = new Map<string, string>();
  for (const node of labels) {
    const label = node.value as string;
    const eq = label.indexOf('=');
    if (eq < 0) c.error(node, 'invalid-label', 'validate', l10n.t('Labels are "key=value"; "{0}" has no "=".', label));
    else if (/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/i.test(label))
      c.error(
        node,
        'invalid-label',
        'validate',
        l10n.t('The com.docker.*, io.docker.* and org.dockerproject.* label namespaces are reserved for Docker.'),
      );
    else {
      const key = label.slice(0, eq);
      const value = label.slice(eq + 1);
      const before = seen.get(key);
      if (before !== undefined && before !== value)
        c.error(
          node,
          'conflicting-label',
          'validate',
          l10n.t('Label "{0}" is set twice with different values: dockerd refuses the file.', key),
        );
      seen.set(key, value);
    }
  }
}
