// The default bridge's addresses (bip, fixed-cidr, fixed-cidr-v6) and the pools networks are cut from: each a valid
// range, and ranges that should nest or stay apart doing so.
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { Collector } from '../collector';
import { cidrContains, cidrsOverlap, parseCidr, type Cidr } from '../cidr';
import { str } from '../option-nodes';

export function checkNetworks(c: Collector, bipNode?: Node, fixedNode?: Node, fixed6Node?: Node, poolsNode?: Node) {
  let bip: Cidr | undefined;
  if (str(bipNode)) {
    bip = parseCidr(str(bipNode)!, { v4Only: true });
    if (!bip)
      c.error(
        bipNode!,
        'invalid-cidr',
        'start',
        l10n.t('bip is an address with its prefix length, like 192.168.200.1/24; "{0}" is not.', String(str(bipNode))),
      );
    else if (bip.hostPart === 0n)
      c.error(
        bipNode!,
        'invalid-cidr',
        'start',
        l10n.t(
          "bip is the bridge's own address, not the network: use {0}/{1} rather than {2}.",
          bip.firstHost,
          bip.prefix,
          String(str(bipNode)),
        ),
        {
          title: l10n.t('Use "{0}/{1}"', bip.firstHost, bip.prefix),
          newText: JSON.stringify(`${bip.firstHost}/${bip.prefix}`),
        },
      );
  }
  if (str(fixedNode)) {
    const fixed = parseCidr(str(fixedNode)!, { v4Only: true });
    if (!fixed)
      c.error(fixedNode!, 'invalid-cidr', 'start', l10n.t('fixed-cidr must be an IPv4 CIDR, like 192.168.200.0/25.'));
    else if (bip && !cidrContains(bip, fixed))
      c.warning(
        fixedNode!,
        'cidr-overlap',
        l10n.t(
          "fixed-cidr {0} lies outside bip's network {1}/{2}: containers on the default bridge would get addresses the bridge does not route. Pick a subnet of bip's network.",
          String(str(fixedNode)),
          bip.network,
          bip.prefix,
        ),
      );
  }
  if (str(fixed6Node) && !parseCidr(str(fixed6Node)!, { v6Only: true }))
    c.error(fixed6Node!, 'invalid-cidr', 'validate', l10n.t('fixed-cidr-v6 must be an IPv6 CIDR, like fd00:1::/64.'));
  const pools: { node: Node; cidr: Cidr }[] = [];
  for (const pool of poolsNode?.type === 'array' ? (poolsNode.children ?? []) : []) {
    const base = pool.type === 'object' ? findNodeAtLocation(pool, ['base']) : undefined;
    const size = pool.type === 'object' ? findNodeAtLocation(pool, ['size']) : undefined;
    const cidr = str(base) ? parseCidr(str(base)!) : undefined;
    if (str(base) && !cidr) c.error(base!, 'invalid-cidr', 'start', l10n.t('"{0}" is not a CIDR range.', str(base)!));
    if (cidr && typeof size?.value === 'number') {
      const max = cidr.v6 ? 128 : 32;
      if (size.value < cidr.prefix || size.value > max)
        c.error(
          size,
          'invalid-pool-size',
          'start',
          l10n.t(
            'size is the prefix length of each network cut from {0}: between {1} and {2}.',
            String(str(base)),
            cidr.prefix,
            max,
          ),
        );
    }
    if (cidr) {
      for (const other of pools)
        if (cidrsOverlap(other.cidr, cidr))
          c.warning(
            base!,
            'cidr-overlap',
            l10n.t('This pool overlaps {0}: networks cut from both can clash.', String(str(other.node))),
          );
      if (bip && cidrsOverlap(bip, cidr))
        c.warning(base!, 'cidr-overlap', l10n.t("This pool overlaps bip's network {0}/{1}.", bip.network, bip.prefix));
      pools.push({ node: base!, cidr });
    }
  }
}
