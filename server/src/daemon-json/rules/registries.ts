// Registry mirrors and insecure registries: how each is written, scheme or not, which dockerd checks when it starts.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Collector } from '../collector';
import { parseCidr } from '../cidr';

export function checkRegistries(c: Collector, mirrors: Node[], insecure: Node[]) {
  for (const node of mirrors) {
    const value = node.value as string;
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
    if (!scheme)
      c.error(
        node,
        'mirror-without-scheme',
        'start',
        l10n.t('A registry mirror needs its scheme: dockerd refuses to start with "{0}".', value),
        { title: l10n.t('Use "https://{0}"', value), newText: JSON.stringify(`https://${value}`) },
      );
    else if (scheme !== 'http' && scheme !== 'https')
      c.error(
        node,
        'mirror-without-scheme',
        'start',
        l10n.t('A registry mirror is reached over http:// or https://, not {0}://.', scheme),
      );
  }
  for (const node of insecure) {
    const value = node.value as string;
    const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(value);
    if (!match) {
      if (value.includes('/') && !parseCidr(value))
        c.error(
          node,
          'invalid-insecure-registry',
          'start',
          l10n.t('"{0}" is neither host[:port] nor a CIDR range.', value),
        );
      continue;
    }
    const bare = value.slice(match[0].length);
    if (/^https?$/i.test(match[1]!))
      c.add(
        node,
        'insecure-registry-scheme',
        'advice',
        DiagnosticSeverity.Warning,
        l10n.t('Insecure registries are written without a scheme: dockerd strips "{0}" and logs a warning.', match[0]),
        { title: l10n.t('Use "{0}"', bare), newText: JSON.stringify(bare) },
      );
    else
      c.error(
        node,
        'insecure-registry-scheme',
        'start',
        l10n.t('Insecure registries are written as host:port, without "{0}": dockerd refuses to start.', match[0]),
        { title: l10n.t('Use "{0}"', bare), newText: JSON.stringify(bare) },
      );
  }
}
