// The hostile-input fuzz: thousands of random and adversarial requests over every endpoint and
// unknown paths, with and without a good key (support/hostile-requests.ts, hostile-json.ts),
// sent a few at a time. Every answer is checked against openapi.json independently of the
// server's own response validation; never a 500; nothing logged at error level; /healthz keeps
// answering; the JS heap after the run is within a margin of before it. Seeded and sized like
// the differential test (FEEDBACK_TEST_SEED, FEEDBACK_TEST_RUNS); a shrunk counterexample
// belongs in hostile-input.test.ts as a hand-written case.
import { Agent } from 'node:http';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.js';
import { describeRequest, hostileRequest, send, type HostileRequest } from './support/hostile-requests.js';
import { rawRequest } from './support/raw-http.js';
import { answerViolations } from './support/spec-responses.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const SEED = fuzzSeed();
/** Runs per engine; each sends BATCH requests at once. */
const RUNS = fuzzRuns();
const BATCH = 8;
/** Growth of the JS heap (after a full collection) the whole run may leave behind. */
const HEAP_MARGIN_BYTES = 64 * 1024 * 1024;
/** Bodies at least this large may meet a closed connection: the server answers early and stops reading. */
const EARLY_ANSWER_BODY_BYTES = 64 * 1024;

function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function errorLog(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
      done();
    },
  });
  return { logger: pino({ level: 'error' }, sink), lines };
}

describe.each(testEngines())('hostile-input fuzz on $name', (engine) => {
  let srv: TestServer;
  const log = errorLog();
  const agent = new Agent({ keepAlive: true, maxSockets: BATCH });
  beforeAll(async () => {
    srv = await startTestServer(engine, { logger: log.logger });
  }, 60_000);
  afterAll(async () => {
    agent.destroy();
    await srv.close();
  }, 60_000);

  it(`answers ${RUNS * BATCH} hostile requests (seed ${SEED}) by the spec, never a 500, and stays up in bounded memory`, async () => {
    const gc = fullGc();
    // Warm up what every first request pays for (the validator compiles the spec) before measuring.
    await srv.client().stats({ project_id: 'acme/fuzz', start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' });
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    const statuses = new Map<string, number>();
    let runs = 0;
    const check = (r: HostileRequest, outcome: Awaited<ReturnType<typeof send>>) => {
      if (outcome.kind === 'closed') {
        expect(r.body.length, `connection closed (${outcome.error}) on ${describeRequest(r)}`).toBeGreaterThanOrEqual(EARLY_ANSWER_BODY_BYTES);
        return;
      }
      const key = `${r.method === 'POST' ? r.path.split('?')[0] : 'other'} ${outcome.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const where = `${describeRequest(r)} → ${outcome.status} ${outcome.text.slice(0, 300)}`;
      expect(outcome.status, where).not.toBe(500);
      expect(answerViolations({ method: r.method, path: r.path, status: outcome.status, headers: outcome.headers, text: outcome.text }), where).toEqual([]);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(hostileRequest, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const outcomes = await Promise.all(batch.map((r) => send(srv.baseUrl, agent, r)));
        batch.forEach((r, i) => check(r, outcomes[i]!));
        if (++runs % 20 === 0) expect((await rawRequest(srv.baseUrl, '/healthz')).status, '/healthz during the run').toBe(200);
      }),
      { seed: SEED, numRuns: RUNS },
    );

    expect((await rawRequest(srv.baseUrl, '/healthz')).status).toBe(200);
    expect(log.lines, 'lines logged at error level').toEqual([]);
    gc();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(heapGrowth, `heap grew by ${Math.round(heapGrowth / 1024 / 1024)} MB`).toBeLessThan(HEAP_MARGIN_BYTES);
    // At CI's size the generators must reach every endpoint's success path and the usual refusals.
    if (RUNS >= 100) {
      const seen = [...statuses.keys()];
      for (const path of ['/feedback/create', '/feedback/batch/create', '/feedback/stats', '/feedback/aggregate', '/feedback/payload_schema']) {
        for (const status of [200, 401, 422]) expect(seen, `${path} ${status} among the answers`).toContain(`${path} ${status}`);
      }
      // A random feedback_id or purge id names no stored row: their refusals are what is reached.
      for (const path of ['/feedback/replace', '/feedback/purge']) {
        for (const status of [401, 422]) expect(seen, `${path} ${status} among the answers`).toContain(`${path} ${status}`);
      }
      for (const status of [400, 403, 404, 413, 415]) expect(seen.some((k) => k.endsWith(` ${status}`)), `some ${status}`).toBe(true);
    }
  }, 300_000);
});
