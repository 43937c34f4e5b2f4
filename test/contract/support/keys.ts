// The API keys every stateful target knows: alice may use every `acme/*` project, bob only
// `other/proj`. The same list seeds the server's key store and the fake.
export interface KeySeed {
  key: string;
  user: string;
  projects: string[];
}

export const KEYS = {
  alice: { key: 'alice-key-0123456789', user: 'alice', projects: ['acme/*'] },
  bob: { key: 'bob-key-0123456789', user: 'bob', projects: ['other/proj'] },
} as const satisfies Record<string, KeySeed>;

export type KeyName = keyof typeof KEYS;

export const KEY_SEEDS: KeySeed[] = Object.values(KEYS).map((k) => ({ key: k.key, user: k.user, projects: [...k.projects] }));

export function basicAuth(key: string, username = 'api'): string {
  return `Basic ${Buffer.from(`${username}:${key}`).toString('base64')}`;
}
