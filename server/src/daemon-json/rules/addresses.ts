// The addresses and DNS settings dockerd parses while reading daemon.json: a bad one makes `--validate` refuse it.
import * as l10n from '@vscode/l10n';
import type { Collector } from '../collector';
import { net } from '../net';
import { str, strings, type OptionNodes } from '../option-nodes';

const DNS_SEARCH =
  /^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$/;

export function checkAddresses(c: Collector, opts: OptionNodes) {
  for (const key of ['ip', 'default-gateway', 'default-gateway-v6', 'host-gateway-ip']) {
    const node = opts.get(key)?.value;
    const value = str(node);
    if (node && value !== undefined && value !== '' && !net().isIP(value))
      c.error(node, 'invalid-ip', 'validate', l10n.t('"{0}" is not an IP address: dockerd refuses the file.', value));
  }
  for (const node of strings(opts.get('dns')?.value))
    if (!net().isIP(node.value))
      c.error(
        node,
        'invalid-ip',
        'validate',
        l10n.t('DNS servers must be IP addresses; "{0}" is not one.', node.value),
      );
  for (const node of strings(opts.get('dns-search')?.value)) {
    const domain = (node.value as string).replace(/\.$/, '');
    if (domain !== '' && (domain.length > 255 || !DNS_SEARCH.test(domain)))
      c.error(node, 'invalid-dns-search', 'validate', l10n.t('"{0}" is not a valid search domain.', node.value));
  }
}
