// An anonymous flood — many made-up keys, big bodies, malformed gzip, bodies over the limit — beside
// an authenticated client: the client's requests keep succeeding, and the server never parses nor
// inflates a flood body (authentication comes first). Latency is measured by the benchmarks, not
// asserted here.
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testEngines } from './support/engines.js';
import { basicAuth, KEYS, startTestServer, type TestServer } from './support/test-server.js';

const FLOOD_REQUESTS = 160;
const FLOOD_CONCURRENCY = 8;
const MB = 1024 * 1024;

interface FloodBody {
  label: string;
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  /** Over the body limit: the server may close the connection before the client has sent it all. */
  overLimit?: boolean;
}

function floodBodies(): FloodBody[] {
  const json = { 'content-type': 'application/json' };
  const malformed = Buffer.from(`{"project_id":"acme/bot","payload":{"s":"${'x'.repeat(1.5 * MB)}`);
  const bomb = zlib.gzipSync(Buffer.from(`{"pad":"${'0'.repeat(1.9 * MB)}"}`));
  // fetch takes a Uint8Array over a plain ArrayBuffer.
  const bytes = (b: Buffer) => new Uint8Array(b);
  return [
    { label: 'malformed JSON, 1.5 MB', body: bytes(malformed), headers: json },
    { label: 'gzip of malformed JSON', body: bytes(zlib.gzipSync(malformed)), headers: { ...json, 'content-encoding': 'gzip' } },
    { label: 'gzip inflating to 1.9 MB', body: bytes(bomb), headers: { ...json, 'content-encoding': 'gzip' } },
    { label: 'deflate', body: bytes(zlib.deflateSync(malformed)), headers: { ...json, 'content-encoding': 'deflate' } },
    { label: 'malformed gzip, 1 MB', body: bytes(randomBytes(MB)), headers: { ...json, 'content-encoding': 'gzip' } },
    { label: 'over the limit, 3 MB', body: bytes(Buffer.alloc(3 * MB, 0x20)), headers: json, overLimit: true },
  ];
}

function anonymousAuthorization(i: number): Record<string, string> {
  if (i % 10 === 9) return {};
  if (i % 10 === 8) return { authorization: `Bearer ${randomBytes(24).toString('base64url')}` };
  return { authorization: basicAuth(`fk_${randomBytes(32).toString('base64url')}`) };
}

describe.each(testEngines())('anonymous flood on $name', (engine) => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('an authenticated client keeps succeeding while anonymous clients send big bodies that are never parsed', async () => {
    const inflaters = [vi.spyOn(zlib, 'createGunzip'), vi.spyOn(zlib, 'createInflate'), vi.spyOn(zlib, 'createUnzip')];
    const bodies = floodBodies();
    const statuses = new Map<string, number[]>();
    let refusedByClose = 0;
    let sent = 0;
    const flooder = async () => {
      while (sent < FLOOD_REQUESTS) {
        const i = sent++;
        const kind = bodies[i % bodies.length];
        if (kind === undefined) continue;
        try {
          const res = await fetch(`${srv.baseUrl}/feedback/${['create', 'stats', 'aggregate'][i % 3]}`, {
            method: 'POST',
            body: kind.body,
            headers: { ...kind.headers, ...anonymousAuthorization(i) },
            signal: AbortSignal.timeout(20_000),
          });
          await res.arrayBuffer();
          statuses.set(kind.label, [...(statuses.get(kind.label) ?? []), res.status]);
        } catch (err) {
          // Only a body over the limit may be cut off: the server closes rather than read it.
          if (kind.overLimit !== true) throw err;
          refusedByClose++;
        }
      }
    };

    const client = srv.client();
    const latencies: number[] = [];
    let flooding = true;
    const authenticated = async () => {
      let i = 0;
      while (flooding || i < 20) {
        const started = performance.now();
        const row = await client.create({ project_id: 'acme/flood', weave_ref: 'weave:///acme/flood/call/c1', feedback_type: 'custom', payload: { i } });
        expect(row.id).toEqual(expect.any(String));
        await client.stats({ project_id: 'acme/flood', start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' });
        latencies.push(performance.now() - started);
        i++;
      }
      return i;
    };

    const clientRun = authenticated();
    await Promise.all(Array.from({ length: FLOOD_CONCURRENCY }, flooder));
    flooding = false;
    const rounds = await clientRun;

    // Every flood request was refused as anonymous: none was parsed (a 422/400/413 would say so).
    for (const [label, seen] of statuses) {
      expect({ label, statuses: [...new Set(seen)] }).toEqual({ label, statuses: [401] });
    }
    expect([...statuses.values()].flat().length + refusedByClose).toBe(FLOOD_REQUESTS);
    // ...and no flood body was inflated (the client sends identity bodies).
    expect(inflaters.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0]);
    expect(rounds).toBeGreaterThanOrEqual(20);
    expect(latencies.length).toBe(rounds);
    const rows = await srv.db.query<{ n: number }>("SELECT count(*)::int AS n FROM feedback WHERE project_id = 'acme/flood'");
    expect(rows.rows[0]?.n).toBe(rounds);
  }, 120_000);

  it('an authenticated gzip body is still inflated and parsed', async () => {
    const inflate = vi.spyOn(zlib, 'createGunzip');
    const res = await fetch(`${srv.baseUrl}/feedback/create`, {
      method: 'POST',
      body: new Uint8Array(zlib.gzipSync(JSON.stringify({ project_id: 'acme/flood', weave_ref: 'weave:///acme/flood/call/c2', feedback_type: 'custom', payload: {} }))),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: basicAuth(KEYS.alice.key) },
    });
    expect(res.status).toBe(200);
    expect(inflate).toHaveBeenCalledTimes(1);
  });
});
