// IPv4 and IPv6 CIDR ranges as dockerd reads them (Go's net.ParseCIDR): parse, containment and overlap.
// Written here because the checks need only these three operations on both families, with the host part kept
// (bip is an address with its prefix), which the small CIDR libraries on npm either drop or split by family.
import { net } from './net';

export interface Cidr {
  v6: boolean;
  prefix: number;
  /** The address as written, as a big integer. */
  address: bigint;
  /** The network address, as text. */
  network: string;
  /** The first usable address of the network, as text. */
  firstHost: string;
  /** The address with the network bits cleared: 0 when the text names the network itself. */
  hostPart: bigint;
}

function v4ToBig(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBig(ip: string): bigint {
  let text = ip;
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const n = v4ToBig(v4Tail[1]!);
    text = text.slice(0, -v4Tail[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

function bigToText(n: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn)).join('.');
  const groups = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((n >> s) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

export function parseCidr(text: string, only: { v4Only?: boolean; v6Only?: boolean } = {}): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const { isIPv4, isIPv6 } = net();
  const v6 = isIPv6(ip);
  if (!v6 && !isIPv4(ip)) return undefined;
  if ((only.v4Only && v6) || (only.v6Only && !v6)) return undefined;
  const bits = v6 ? 128n : 32n;
  const prefix = Number(prefixText);
  if (prefix > Number(bits)) return undefined;
  const address = v6 ? v6ToBig(ip) : v4ToBig(ip);
  const mask = ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
  const network = address & mask;
  return {
    v6,
    prefix,
    address,
    network: bigToText(network, v6),
    firstHost: bigToText(network + 1n, v6),
    hostPart: address & ~mask & ((1n << bits) - 1n),
  };
}

function range(c: Cidr): [bigint, bigint] {
  const bits = c.v6 ? 128n : 32n;
  const size = 1n << (bits - BigInt(c.prefix));
  const start = c.address - c.hostPart;
  return [start, start + size - 1n];
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.v6 !== inner.v6) return false;
  const [a, b] = range(outer);
  const [c, d] = range(inner);
  return a <= c && d <= b;
}

export function cidrsOverlap(x: Cidr, y: Cidr): boolean {
  if (x.v6 !== y.v6) return false;
  const [a, b] = range(x);
  const [c, d] = range(y);
  return a <= d && c <= b;
}
