import { describe, expect, it } from 'vitest';
import { addressBucket } from '../../src/lib/address-bucket';

describe('addressBucket', () => {
  it('counts an IPv6 address by its /64, however it is written', () => {
    expect(addressBucket('2001:db8:7:1:1::1')).toBe('2001:db8:7:1::/64');
    expect(addressBucket('2001:0DB8:0007:0001:ffff:0:0:9')).toBe('2001:db8:7:1::/64');
    expect(addressBucket('1::2:3:4:5:6:7')).toBe('1:0:2:3::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('2001:db8:7:2::1')).not.toBe(addressBucket('2001:db8:7:1::1'));
  });

  it('counts IPv4, and IPv4 mapped into IPv6, as the IPv4 address', () => {
    expect(addressBucket('203.0.113.5')).toBe('203.0.113.5');
    expect(addressBucket('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressBucket('::ffff:cb00:7105')).toBe('203.0.113.5');
  });

  it('keeps anything else as it is, and no address as one bucket', () => {
    expect(addressBucket('not-an-address')).toBe('not-an-address');
    expect(addressBucket(null)).toBe('unknown');
  });
});
