// The API keys every stateful target knows: alice may use every `acme/*` project, bob only
// `other/proj`; widget may only create in `acme/*` (scope `ingest`), dashboard may only read it
// (scope `read`). The same list seeds the server's key store and the fake.
import type { KeyScope } from '@feedback/semantics';

export interface KeySeed {
  key: string;
  user: string;
  projects: string[];
  /** Both scopes when absent. */
  scopes?: KeyScope[];
}

export const KEYS = {
  alice: { key: 'alice-key-0123456789', user: 'alice', projects: ['acme/*'] },
  bob: { key: 'bob-key-0123456789', user: 'bob', projects: ['other/proj'] },
  widget: { key: 'widget-key-0123456789', user: 'widget', projects: ['acme/*'], scopes: ['ingest'] },
  dashboard: { key: 'dashboard-key-0123456789', user: 'dashboard', projects: ['acme/*'], scopes: ['read'] },
} as const satisfies Record<string, KeySeed>;

export type KeyName = keyof typeof KEYS;

export const KEY_SEEDS: KeySeed[] = Object.values(KEYS).map((k) => ({
  key: k.key,
  user: k.user,
  projects: [...k.projects],
  ...('scopes' in k ? { scopes: [...k.scopes] } : {}),
}));

export function basicAuth(key: string, username = 'api'): string {
  return `Basic ${Buffer.from(`${username}:${key}`).toString('base64')}`;
}
