// The API keys every stateful target knows: alice may use every `acme/*` project, bob only
// `other/proj`; widget may only create in `acme/*` (scope `ingest`), dashboard may only read it
// (scope `read`); backfill is alice with the `backfill` scope too (backdated batch rows); expired
// stopped working long before any clock the cases set. The same list seeds the fake (KEY_SEEDS)
// and the server's key store (SERVER_KEY_SEEDS).
import type { KeyScope } from '@feedback/semantics';

export interface KeySeed {
  key: string;
  user: string;
  projects: string[];
  /** ingest and read when absent (never backfill). */
  scopes?: KeyScope[];
  /** RFC 3339; never when absent. */
  expiresAt?: string;
}

export const KEYS = {
  alice: { key: 'alice-key-0123456789', user: 'alice', projects: ['acme/*'] },
  bob: { key: 'bob-key-0123456789', user: 'bob', projects: ['other/proj'] },
  widget: { key: 'widget-key-0123456789', user: 'widget', projects: ['acme/*'], scopes: ['ingest'] },
  dashboard: { key: 'dashboard-key-0123456789', user: 'dashboard', projects: ['acme/*'], scopes: ['read'] },
  backfill: { key: 'backfill-key-0123456789', user: 'alice', projects: ['acme/*'], scopes: ['ingest', 'read', 'backfill'] },
  expired: { key: 'expired-key-0123456789', user: 'expired', projects: ['acme/*'], expiresAt: '2001-01-01T00:00:00Z' },
} as const satisfies Record<string, KeySeed>;

export type KeyName = keyof typeof KEYS;

export const KEY_SEEDS: KeySeed[] = Object.values(KEYS).map((k) => ({
  key: k.key,
  user: k.user,
  projects: [...k.projects],
  ...('scopes' in k ? { scopes: [...k.scopes] } : {}),
  ...('expiresAt' in k ? { expiresAt: k.expiresAt } : {}),
}));

/** The same keys as the server's FEEDBACK_API_KEYS entries take them (expiry in epoch ms). */
export const SERVER_KEY_SEEDS = KEY_SEEDS.map(({ expiresAt, ...k }) => (expiresAt === undefined ? k : { ...k, expiresAtMs: Date.parse(expiresAt) }));

export function basicAuth(key: string, username = 'api'): string {
  return `Basic ${Buffer.from(`${username}:${key}`).toString('base64')}`;
}
