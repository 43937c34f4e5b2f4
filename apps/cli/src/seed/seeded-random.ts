// Deterministic randomness for demo rows: every row's numbers and its id come from a hash of
// (project, seed, index), so a rerun builds byte-identical rows and can skip the ones written.
import { createHash } from 'node:crypto';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Normal(mean, sd), clamped to [lo, hi]. */
  normal(mean: number, sd: number, lo: number, hi: number): number;
}

function digest(parts: readonly (string | number)[], salt: string): Buffer {
  return createHash('sha256').update(`${salt}\u0000${parts.join('\u0000')}`).digest();
}

/** sfc32 seeded from a SHA-256 of the parts: small, fast, and good enough for demo data. */
export function randomFor(parts: readonly (string | number)[]): Random {
  const h = digest(parts, 'rows');
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (p) => next() < p,
    normal(mean, sd, lo, hi) {
      // Box–Muller; 1 - next() keeps the logarithm finite.
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return Math.min(hi, Math.max(lo, mean + sd * z));
    },
  };
  return random;
}

/** A UUID-shaped id (RFC 9562 version 8, "custom") from the hash of the parts. */
export function idFor(parts: readonly (string | number)[]): string {
  const bytes = digest(parts, 'id').subarray(0, 16);
  bytes[6] = 0x80 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A short hex name (call ids, digests) from the parts. */
export function hexFor(parts: readonly (string | number)[], chars: number): string {
  return digest(parts, 'hex').toString('hex').slice(0, chars);
}
