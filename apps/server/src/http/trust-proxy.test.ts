import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './trust-proxy.js';

const parse = (value: string | undefined) => parseTrustProxy({ FEEDBACK_TRUST_PROXY: value }, 'FEEDBACK_TRUST_PROXY');

describe('FEEDBACK_TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(parse(undefined)).toBe(false);
    expect(parse('')).toBe(false);
    expect(parse('false')).toBe(false);
    expect(parse('0')).toBe(false);
  });

  it('takes a number of proxies, or their addresses and subnets', () => {
    expect(parse('2')).toBe(2);
    expect(parse('loopback, 10.0.0.0/8,2001:db8::/32, 192.0.2.7')).toEqual(['loopback', '10.0.0.0/8', '2001:db8::/32', '192.0.2.7']);
  });

  it.each(['true', 'yes', '10.0.0.0/33', '10.0.0.1/8/2', 'proxy.internal', '17'])('refuses %j', (value) => {
    expect(() => parse(value)).toThrow(/FEEDBACK_TRUST_PROXY/);
  });
});
