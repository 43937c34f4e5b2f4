// One log line per request: its id, method, URL, status and time; warn for 4xx; never credentials;
// nothing for successful requests once LOG_LEVEL is above info.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { basicAuth, KEYS, startTestServer, type TestServer } from './support/test-server.js';

const CREATE = { project_id: 'acme/bot', weave_ref: 'weave:///acme/bot/call/c1', feedback_type: 'custom', payload: { x: 1 } };
const [engine] = testEngines();

function captured(level: string): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: pino({ level }, sink),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** Log lines are written when the response closes, just after the client has read it. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe.runIf(engine !== undefined)('request log', () => {
  let srv: TestServer | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it('logs each request once at info with its id, method, URL, status and time, and no credentials', async () => {
    const log = captured('info');
    srv = await startTestServer(engine!, { logger: log.logger });
    const res = await srv.post('/feedback/create', JSON.stringify(CREATE), { 'x-request-id': 'req-log-1' });
    expect(res.status).toBe(200);
    await settle();
    const lines = log.lines().filter((l) => l['msg'] === 'request completed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      req: { id: 'req-log-1', method: 'POST', url: '/feedback/create' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(log.lines())).not.toContain(KEYS.alice.key);
    expect(JSON.stringify(log.lines())).not.toContain(basicAuth(KEYS.alice.key).slice(6));
  }, 60_000);

  it('a 4xx is a warning; at LOG_LEVEL=warn successful requests write nothing', async () => {
    const log = captured('warn');
    srv = await startTestServer(engine!, { logger: log.logger });
    expect((await srv.post('/feedback/create', JSON.stringify(CREATE))).status).toBe(200);
    expect((await srv.post('/feedback/create', JSON.stringify({ ...CREATE, project_id: 'not a project' }))).status).toBe(422);
    await settle();
    const lines = log.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'request completed', res: { statusCode: 422 } });
  }, 60_000);
});
