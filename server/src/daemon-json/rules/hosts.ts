// The sockets dockerd listens on ("hosts"): their syntax, TCP sockets open without TLS, and the clash with -H on the
// command line of the service that starts dockerd.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Collector } from '../collector';
import { hostFlags, type EngineUnit } from '../unit';

export function checkHosts(c: Collector, hosts: Node[], tls: boolean, unit: EngineUnit) {
  for (const node of hosts) {
    const host = (node.value as string).trim();
    if (host === '') continue;
    const cut = host.indexOf('://');
    const proto = cut < 0 ? 'tcp' : host.slice(0, cut);
    const addr = cut < 0 ? host : host.slice(cut + 3);
    if (!['tcp', 'unix', 'npipe', 'fd'].includes(proto)) {
      c.error(
        node,
        'invalid-host',
        'validate',
        l10n.t('Unsupported socket "{0}://": use unix://, tcp:// or fd://.', proto),
      );
      continue;
    }
    if (proto === 'tcp') {
      const port = /:(\d*)$/.exec(addr.replace(/\/$/, ''))?.[1];
      if (port !== undefined && port !== '' && Number(port) > 65535)
        c.error(node, 'invalid-host', 'validate', l10n.t('Port {0} is out of range.', port));
      else if (!tls && !/^(127\.|localhost|\[::1\])/.test(addr))
        c.warning(
          node,
          'tcp-without-tls',
          l10n.t(
            'This socket has no TLS: anyone who can reach {0} gets root on this machine. Set "tlsverify" with tlscacert, tlscert and tlskey, or listen on 127.0.0.1.',
            addr || 'it',
          ),
        );
    }
  }
  const hostsKey = hosts[0]?.parent;
  if (!hostsKey) return;
  if (unit.kind === 'unknown') {
    c.add(
      hostsKey,
      'hosts-and-unit-flag',
      'advice',
      DiagnosticSeverity.Information,
      l10n.t(
        '"hosts" conflicts with -H on dockerd\'s command line (the usual docker.service passes -H fd://), and dockerd then refuses to start. Berth cannot see the service of the engine this file configures: check it with `systemctl cat docker`.',
      ),
    );
    return;
  }
  const flags = unit.execStart ? hostFlags(unit.execStart) : [];
  if (flags.length > 0)
    c.error(
      hostsKey,
      'hosts-and-unit-flag',
      'start',
      l10n.t(
        '{0} starts dockerd with -H {1}: with "hosts" here too, dockerd refuses to start. Move the sockets into one place: drop -H with a drop-in (systemctl edit docker: an empty ExecStart= line, then ExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock), or remove "hosts".',
        unit.path,
        flags.join(' -H '),
      ),
    );
}
