// The address a per-address rate limit counts against. IPv6 clients get a whole /64 (one
// customer's usual allocation), so an attacker cannot step past the limit by changing the low bits
// of its address; IPv4 addresses count alone, and IPv4-mapped IPv6 is IPv4.
import { isIPv4, isIPv6 } from 'node:net';

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** The first four groups of an IPv6 address, zeros filled in; undefined when it is not one. */
function ipv6Prefix64(address: string): string | undefined {
  const bare = address.split('%', 1)[0] ?? '';
  if (!isIPv6(bare)) return undefined;
  const [head = '', tail] = bare.split('::', 2);
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':');
}

export function addressBucket(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  const mapped = MAPPED_IPV4.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIPv4(address)) return address;
  const prefix = ipv6Prefix64(address);
  return prefix === undefined ? address : `${prefix}::/64`;
}
