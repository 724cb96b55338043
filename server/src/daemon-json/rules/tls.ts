// TLS options that need each other: "tls" or "tlsverify" without the certificate files dockerd then loads.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import type { Collector } from '../collector';
import { str, type OptionNodes } from '../option-nodes';

export function checkTls(c: Collector, opts: OptionNodes) {
  const verify = opts.get('tlsverify');
  const tls = opts.get('tls');
  const on = (o?: { value: Node }) => o?.value.value === true;
  if (!on(verify) && !on(tls)) return;
  const which = (on(verify) ? verify : tls)!;
  const needed = on(verify) ? ['tlscacert', 'tlscert', 'tlskey'] : ['tlscert', 'tlskey'];
  const missing = needed.filter((k) => !str(opts.get(k)?.value));
  if (missing.length > 0)
    c.error(
      which.key,
      'tls-incomplete',
      'validate',
      l10n.t(
        '"{0}" needs {1}: without them dockerd cannot load its certificate and refuses to start.',
        which.key.value,
        missing.join(', '),
      ),
    );
}
