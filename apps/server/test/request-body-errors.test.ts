// What can go wrong while the server reads a body is the client's doing, answered with a 4xx and
// logged below error level: a gzip/deflate body that does not inflate is a 422 json_invalid at
// `body` (like malformed JSON), and an upload the client abandons half-way is a warning, never
// an "unhandled error" 500. The contract cases check the same answers on the fake.
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { rawRequest } from './support/raw-http.js';
import { basicAuth, KEYS, startTestServer, type TestServer } from './support/test-server.js';

const STATS = JSON.stringify({ project_id: 'acme/bot', start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' });
const GZIPPED = gzipSync(STATS);

/** [label, Content-Encoding, body]: none of them inflates. */
const UNINFLATABLE: [string, string, Buffer][] = [
  ['plain JSON labelled gzip', 'gzip', Buffer.from(STATS)],
  ['truncated gzip', 'gzip', GZIPPED.subarray(0, -6)],
  ['a gzip header only', 'gzip', GZIPPED.subarray(0, 10)],
  ['gzip with a wrong CRC', 'gzip', Buffer.from(GZIPPED.map((b, i) => (i === GZIPPED.length - 8 ? b ^ 1 : b)))],
  ['gzip followed by garbage', 'gzip', Buffer.concat([GZIPPED, Buffer.from('garbage')])],
  ['an empty gzip body', 'gzip', Buffer.alloc(0)],
  ['raw deflate labelled deflate', 'deflate', deflateRawSync(STATS)],
  ['gzip labelled deflate', 'deflate', GZIPPED],
  ['an empty deflate body', 'deflate', Buffer.alloc(0)],
];

function capturedLog(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, sink),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** Sends the headers and the first bytes of a body, then closes the connection. */
function abandonUpload(baseUrl: string, requestId: string): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const req = request({
      host: hostname,
      port,
      path: '/feedback/create',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '100000', authorization: basicAuth(KEYS.alice.key), 'x-request-id': requestId },
    });
    req.on('error', () => resolve());
    req.write('{"project_id":"acme/bot","payload":{"x":"', () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
  });
}

async function eventually<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testEngines())('request body errors on $name', (engine) => {
  let srv: TestServer;
  const log = capturedLog();
  beforeAll(async () => {
    srv = await startTestServer(engine, { logger: log.logger });
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  const send = (encoding: string, body: Buffer, authorization?: string) =>
    fetch(`${srv.baseUrl}/feedback/stats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding, ...(authorization === undefined ? {} : { authorization }) },
      body: new Uint8Array(body),
    });

  it.each(UNINFLATABLE)('%s is a 422 json_invalid at body naming the encoding', async (_label, encoding, body) => {
    const res = await send(encoding, body, basicAuth(KEYS.alice.key));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ detail: [{ loc: ['body'], msg: `The body is not valid ${encoding} data: it is corrupt, truncated or empty`, type: 'json_invalid' }] });
  });

  it('from an anonymous client it is a 4xx too (401 once authentication reads no body first)', async () => {
    for (const [label, encoding, body] of UNINFLATABLE) {
      expect([401, 422], label).toContain((await send(encoding, body)).status);
    }
  });

  it('a well-formed gzip or deflate body is read', async () => {
    expect((await send('gzip', GZIPPED, basicAuth(KEYS.alice.key))).status).toBe(200);
  });

  it('an upload abandoned half-way is logged as a warning, not as an error, and the server carries on', async () => {
    await abandonUpload(srv.baseUrl, 'abandoned-upload');
    const line = await eventually(() => log.lines().find((l) => (l['req'] as { id?: string } | undefined)?.id === 'abandoned-upload'));
    expect(line).toMatchObject({ level: 40, msg: 'request aborted' });
    expect(log.lines().filter((l) => (l['level'] as number) >= 50)).toEqual([]);
    expect((await rawRequest(srv.baseUrl, '/healthz')).status).toBe(200);
  });
});
