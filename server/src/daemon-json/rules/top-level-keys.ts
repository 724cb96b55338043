// daemon.json's top-level keys themselves: options Docker removed, objects dockerd reads only as groupings, and
// null values that merely restate a default.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Collector } from '../collector';
import { MAP_OPTIONS, REMOVED_OPTIONS } from '../options';

const MAP_OPTION = new Set(MAP_OPTIONS);

export function checkTopLevelKeys(c: Collector, root: Node) {
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || typeof key.value !== 'string') continue;
    const removed = REMOVED_OPTIONS[key.value];
    if (removed) {
      const instead = removed.replacement ? l10n.t('; use "{0}"', removed.replacement) : '';
      c.error(
        key,
        'removed-option',
        'validate',
        l10n.t(
          '"{0}" was removed in Docker {1}: dockerd refuses to start with it{2}.',
          key.value,
          removed.since,
          instead,
        ),
        removed.replacement
          ? { title: l10n.t('Rename to "{0}"', removed.replacement), newText: JSON.stringify(removed.replacement) }
          : undefined,
      );
    } else if (value?.type === 'object' && key.value !== 'proxies' && !MAP_OPTION.has(key.value))
      c.warning(
        key,
        'grouping-object',
        l10n.t(
          'dockerd checks the names inside "{0}" but ignores their values: move these options to the top level.',
          key.value,
        ),
      );
    if (value?.type === 'null')
      c.add(
        value,
        'null-value',
        'advice',
        DiagnosticSeverity.Hint,
        l10n.t('null leaves "{0}" at its default; remove the line instead.', key.value),
      );
  }
}
