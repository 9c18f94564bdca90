import { isIPv4, isIPv6 } from 'node:net';

/** The 16-bit groups of one side of `::` (an IPv4 tail counts as two). */
const groupsOf = (part: string): number[] =>
  part === ''
    ? []
    : part.split(':').flatMap((group) => {
        if (!isIPv4(group)) return [Number.parseInt(group, 16)];
        const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
        return [a * 256 + b, c * 256 + d];
      });

/** 16-bit groups of an IPv6 address, an embedded IPv4 tail counting as two; null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return null;
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array.from({ length: zeros }, () => 0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The client a per-address limit counts: the IPv4 address, or the /64 of an IPv6 one — one subscriber (a home, a
 * phone, a server) gets a whole /64, so counting single IPv6 addresses would give it 2^64 fresh limits. IPv4 mapped
 * into IPv6 counts as the IPv4 address; every spelling of one address gives the same bucket; unknown is one bucket.
 */
export function addressBucket(address: string | null): string {
  if (address === null) return 'unknown';
  const bare = address.split('%')[0] ?? address; // a zone index (fe80::1%eth0) is not part of the address
  if (!isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [, , , , , , high = 0, low = 0] = groups;
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
