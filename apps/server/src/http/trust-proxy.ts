// FEEDBACK_TRUST_PROXY: which proxies in front of the server may name the client in
// X-Forwarded-For, in Express's `trust proxy` terms. Without it the client is the TCP peer, so
// behind a load balancer every request would share the balancer's per-address rate limit.
import { isIP } from 'node:net';
import { ConfigError } from '../env-parsers.js';

/** false: the peer is the client; a number: that many proxies in front; a list: trusted proxy addresses. */
export type TrustProxy = false | number | readonly string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  if (extra !== undefined || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return Number.isInteger(n) && n >= 0 && n <= (isIP(address) === 4 ? 32 : 128);
}

export function parseTrustProxy(env: NodeJS.ProcessEnv, name: string): TrustProxy {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '' || raw.toLowerCase() === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 16) throw new ConfigError(`${name} as a number of proxies must be from 0 to 16, got ${JSON.stringify(raw)}`);
    return hops;
  }
  if (raw.toLowerCase() === 'true') {
    throw new ConfigError(`${name}=true would let any client choose its address for the rate limit: give the number of proxies in front, or their addresses`);
  }
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isAddressOrSubnet(e));
  if (bad !== undefined) {
    throw new ConfigError(`${name} must be false, a number of proxies, or a comma-separated list of addresses, subnets (CIDR) or loopback/linklocal/uniquelocal; ${JSON.stringify(bad)} is none of these`);
  }
  return entries;
}
