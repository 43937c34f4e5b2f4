// Starts the real app (real validator, real SQL) on a loopback port over a test database, and
// hands out SDK clients for it.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createFeedbackClient, type FeedbackClient } from '@feedback/sdk';
import { pino, type Logger } from 'pino';
import { createApp } from '../../src/app.js';
import type { ApiKeySeed } from '../../src/env.js';
import { createKeyStore } from '../../src/keys/key-store.js';
import type { Db } from '../../src/storage/db.js';
import type { TestEngine } from './engines.js';

export const KEYS = {
  alice: { key: 'alice-key-0123456789', user: 'alice', projects: ['acme/*'] },
  bob: { key: 'bob-key-0123456789', user: 'bob', projects: ['other/proj'] },
} satisfies Record<string, ApiKeySeed>;

export interface TestServer {
  baseUrl: string;
  db: Db;
  clock: { now: number };
  client(apiKey?: string): FeedbackClient;
  /** A raw POST, for malformed bodies the SDK would never send. */
  post(path: string, body: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: unknown }>;
  close(): Promise<void>;
}

export function basicAuth(key: string): string {
  return `Basic ${Buffer.from(`api:${key}`).toString('base64')}`;
}

export async function startTestServer(engine: TestEngine, opts: { bodyLimitBytes?: number; logger?: Logger } = {}): Promise<TestServer> {
  const { db, dispose } = await engine.open();
  const clock = { now: Date.parse('2024-06-01T12:00:00Z') };
  const app = createApp({
    db,
    keys: createKeyStore(db, Object.values(KEYS)),
    logger: opts.logger ?? pino({ level: 'silent' }),
    validateResponses: true,
    now: () => clock.now,
    ...(opts.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: opts.bodyLimitBytes }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    db,
    clock,
    client: (apiKey = KEYS.alice.key) => createFeedbackClient({ baseUrl, apiKey, retries: 0 }),
    async post(path, body, headers = {}) {
      const res = await fetch(baseUrl + path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', authorization: basicAuth(KEYS.alice.key), ...headers },
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispose();
    },
  };
}
