// Which addresses the fetcher may connect to. A feed or an article can redirect anywhere, and
// a name can resolve anywhere, so the check runs on the resolved IP address at connect time
// (in the socket's DNS lookup), not on the host name: a public name pointing at 127.0.0.1 or
// at the cloud metadata address is refused like the literal address.
import { BlockList, isIP } from 'node:net';
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';

const blocked = new BlockList();
// IPv4: "this" network, private (RFC 1918), carrier-grade NAT, loopback, link-local (incl.
// 169.254.169.254 metadata), IETF protocol assignments, documentation, benchmarking,
// multicast and reserved.
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
// IPv6: unspecified, loopback, IPv4-mapped (checked again as IPv4 below), unique local, link-local,
// site-local (deprecated), multicast, documentation, NAT64 well-known prefix.
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4 address embedded in an IPv4-mapped IPv6 address (::ffff:10.0.0.1), if any. */
function mappedIPv4(address: string): string | undefined {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1];
}

export interface AddressPolicy {
  /** Allow 127.0.0.0/8 and ::1 (tests with a local server). Everything else private stays refused. */
  allowLoopback?: boolean;
}

/** Why an address may not be fetched from, or undefined when it may. */
export function forbiddenAddressReason(address: string, policy: AddressPolicy = {}): string | undefined {
  const mapped = mappedIPv4(address);
  if (mapped) return forbiddenAddressReason(mapped, policy);
  const family = isIP(address);
  if (family === 0) return `"${address}" is not an IP address`;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (policy.allowLoopback && loopback.check(address, type)) return undefined;
  if (blocked.check(address, type)) return `${address} is a private, loopback, link-local or reserved address`;
  return undefined;
}

export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDR';
  constructor(readonly host: string, readonly reason: string) {
    super(`refused to connect to ${host}: ${reason}`);
    this.name = 'ForbiddenAddressError';
  }
}

/**
 * A dns.lookup replacement for http.request: resolves as usual, then refuses the connection if
 * any resolved address is forbidden (a name with one public and one private address is refused
 * too, since the socket might pick either).
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      for (const a of list) {
        const reason = forbiddenAddressReason(a.address, policy);
        if (reason) return callback(new ForbiddenAddressError(hostname, reason), '', 0);
      }
      if (!list.length) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Literal IP hosts skip DNS (and so the lookup hook): they are checked here before connecting. */
export function checkLiteralHost(hostname: string, policy: AddressPolicy): void {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (isIP(bare) === 0) return;
  const reason = forbiddenAddressReason(bare, policy);
  if (reason) throw new ForbiddenAddressError(hostname, reason);
}
