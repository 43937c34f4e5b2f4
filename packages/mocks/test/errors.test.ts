// Every error status the fake gives, with the server's bodies and headers, in the server's order.
import { describe, expect, it } from 'vitest';
import { BASE_URL, BOB, apiErrorOf, basicAuth, client, post, useFake } from './fake-server.js';

const fake = useFake({ now: Date.parse('2024-06-01T12:00:00Z') });

const note = { project_id: 'acme/bot', weave_ref: 'weave:///acme/bot/call/1', feedback_type: 'wandb.note.1', payload: { note: 'hi' } };
const aggregateBody = JSON.stringify({ project_id: 'acme/bot', after_ms: 0, before_ms: 1000 });

describe('401', () => {
  it('refuses a missing or unknown key with WWW-Authenticate', async () => {
    const missing = await post('/feedback/aggregate', aggregateBody, { authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Basic realm="feedback", charset="UTF-8"');
    expect(missing.body).toEqual({
      reason: 'Missing or invalid credentials: use HTTP Basic with username "api" and an API key as password',
      error_type: 'Unauthorized',
    });
    const err = await apiErrorOf(client('wrong-key').aggregate({ project_id: 'acme/bot', after_ms: 0, before_ms: 1000 }));
    expect(err.status).toBe(401);
    expect(err.body).toEqual({ reason: 'Missing or invalid credentials: unknown API key', error_type: 'Unauthorized' });
  });

  it('wants username "api"', async () => {
    const res = await post('/feedback/aggregate', aggregateBody, { authorization: `Basic ${btoa('alice:alice-key')}` });
    expect(res.status).toBe(401);
  });

  it('comes before the body is read, as on the server: an anonymous body is never parsed', async () => {
    expect((await post('/feedback/create', '{oops', { authorization: '' })).status).toBe(401);
    expect((await post('/feedback/create', '{}', { authorization: '', 'content-type': 'text/plain' })).status).toBe(401);
    expect((await post('/feedback/create', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }), { authorization: '' })).status).toBe(401);
  });
});

describe('403', () => {
  it('refuses a project the key does not grant, saying nothing about its data', async () => {
    const err = await apiErrorOf(client(BOB.key).create(note));
    expect(err.status).toBe(403);
    expect(err.body).toEqual({ reason: 'This key does not grant access to project acme/bot', error_type: 'Forbidden' });
    expect(fake.rows()).toEqual([]);
  });
});

describe('409 and safe retries', () => {
  it('answers a retry with the stored row and a different body with 409', async () => {
    const c = client();
    const first = await c.create({ ...note, id: 'fb-1', payload: { note: 'hi', b: 1, a: 2 } });
    expect(first).toEqual({ id: 'fb-1', created_at: '2024-06-01T12:00:00.000Z', wb_user_id: 'alice', payload: { note: 'hi', b: 1, a: 2 } });
    const again = await c.create({ ...note, id: 'fb-1', payload: { a: 2, note: 'hi', b: 1 } });
    expect(again).toEqual(first);
    // Read back from "jsonb": shorter keys first.
    expect(Object.keys(again.payload)).toEqual(['a', 'b', 'note']);
    const err = await apiErrorOf(c.create({ ...note, id: 'fb-1', payload: { note: 'changed' } }));
    expect(err.status).toBe(409);
    expect(err.body).toEqual({ reason: 'Feedback id fb-1 already exists in acme/bot with different content', error_type: 'Conflict' });
    expect(fake.rows()).toHaveLength(1);
  });
});

describe('413', () => {
  it('refuses a body over 2 MiB before it is parsed', async () => {
    const res = await post('/feedback/create', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ reason: 'The request body is over the size limit', error_type: 'PayloadTooLarge' });
  });

  it('refuses a payload over 1 MiB', async () => {
    const err = await apiErrorOf(client().create({ ...note, feedback_type: 'custom', payload: { text: 'x'.repeat(1024 * 1024) } }));
    expect(err.status).toBe(413);
    expect(err.body).toEqual({
      reason: 'payload is 1048587 bytes as JSON; the limit is 1048576 bytes (1 MiB).',
      error_type: 'PayloadTooLarge',
    });
  });
});

describe('415', () => {
  it('wants application/json', async () => {
    const res = await post('/feedback/stats', '{}', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ reason: 'Send the body as application/json', error_type: 'UnsupportedMediaType' });
  });

  it('wants a UTF charset, checked before the body is parsed', async () => {
    const res = await post('/feedback/stats', '{}', { 'content-type': 'application/json; charset=latin1' });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ reason: 'Send the body as UTF-8 application/json (identity, gzip or deflate encoded)', error_type: 'UnsupportedMediaType' });
  });
});

describe('422', () => {
  it('answers malformed JSON like FastAPI', async () => {
    const res = await post('/feedback/create', '{"project_id":');
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] });
  });

  it('reports the first schema violation with its location, as the server does', async () => {
    const res = await post('/feedback/stats', JSON.stringify({
      project_id: 'acme/bot',
      start: '2024-06-01T00:00:00',
      extra: 1,
      metrics: [{ json_path: 'a', value_type: 'text' }, {}],
    }));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      detail: [{ loc: ['body', 'extra'], msg: 'must NOT have additional properties', type: 'extra_forbidden' }],
    });
  });

  it('applies the cross-field rules after the schema and auth', async () => {
    const err = await apiErrorOf(client().aggregate({ project_id: 'acme/bot', after_ms: 5000, before_ms: 1000 }));
    expect(err.status).toBe(422);
    expect(err.detail).toEqual([{ loc: ['body', 'before_ms'], msg: 'Value error, before_ms must be greater than after_ms', type: 'value_error' }]);
  });

  it('refuses a query string, as the server validator maps it', async () => {
    const res = await post('/feedback/aggregate?debug=1', aggregateBody);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ detail: [{ loc: ['body', 'query', 'debug'], msg: "Unknown query parameter 'debug'", type: 'value_error' }] });
  });
});

describe('400, 404 and 503', () => {
  it('answers a broken rule with 400', async () => {
    const err = await apiErrorOf(client().create({ ...note, payload: { note: '' } }));
    expect(err.status).toBe(400);
    expect(err.body).toEqual({ reason: 'payload.note must be a string of 1 to 1024 characters for wandb.note.1 feedback.', error_type: 'InvalidRequest' });
  });

  it('answers other paths and methods under /feedback with 404 after auth', async () => {
    expect((await post('/feedback/nope', '{}')).body).toEqual({ reason: 'No such endpoint', error_type: 'NotFound' });
    const get = await fetch(`${BASE_URL}/feedback/create`, { headers: { authorization: basicAuth('alice-key') } });
    expect(get.status).toBe(404);
    expect((await post('/feedback/nope', '{}', { authorization: '' })).status).toBe(401);
  });

  it('answers 503 with Retry-After while set unavailable, after validation', async () => {
    fake.setAvailable(false);
    const down = await post('/feedback/aggregate', aggregateBody);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('1');
    expect(down.body).toEqual({ reason: 'The database is unavailable; retry later', error_type: 'ServiceUnavailable' });
    expect((await post('/feedback/aggregate', '{}')).status).toBe(422);
    expect((await fetch(`${BASE_URL}/readyz`)).status).toBe(503);
    expect((await fetch(`${BASE_URL}/healthz`)).status).toBe(200);
    const err = await apiErrorOf(client().create(note));
    expect(err.retryable).toBe(true);
    expect(fake.rows()).toEqual([]);
    fake.setAvailable(true);
    expect((await post('/feedback/aggregate', aggregateBody)).status).toBe(200);
  });
});

describe('X-Request-Id', () => {
  it('echoes a safe id and replaces an unsafe one, on errors too', async () => {
    const echoed = await post('/feedback/stats', '{}', { 'x-request-id': 'trace-42.a:b' });
    expect(echoed.status).toBe(422);
    expect(echoed.headers.get('x-request-id')).toBe('trace-42.a:b');
    const replaced = await post('/feedback/stats', '{}', { 'x-request-id': 'has space' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
