// The query helpers: one page per call, and the async iterators that follow next_cursor.
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createFeedbackClient, FeedbackApiError } from '../src/index.js';
import type { FeedbackQueryReq, FeedbackQueryRes } from '../src/index.js';
import { BASE_URL, server, url, useApiServer } from './api-server.js';

const client = createFeedbackClient({ baseUrl: BASE_URL, apiKey: 'secret-key', retries: 0 });
useApiServer();

/** Answers three pages of two rows, keyed by the cursor; records every body. */
function threePages(): FeedbackQueryReq[] {
  const seen: FeedbackQueryReq[] = [];
  const pages: Record<string, FeedbackQueryRes> = {
    start: { result: [{ id: 'a' }, { id: 'b' }], next_cursor: 'c1' },
    c1: { result: [{ id: 'c' }, { id: 'd' }], next_cursor: 'c2' },
    c2: { result: [{ id: 'e' }], next_cursor: null },
  };
  server.use(
    http.post(url('/feedback/query'), async ({ request }) => {
      const body = (await request.json()) as FeedbackQueryReq;
      seen.push(body);
      return HttpResponse.json(pages[body.cursor ?? 'start']);
    }),
  );
  return seen;
}

describe('query', () => {
  it('query sends the body and returns one page', async () => {
    const seen = threePages();
    await expect(client.query({ project_id: 'acme/bot', limit: 2 })).resolves.toEqual({ result: [{ id: 'a' }, { id: 'b' }], next_cursor: 'c1' });
    expect(seen).toEqual([{ project_id: 'acme/bot', limit: 2 }]);
  });

  it('queryPages follows next_cursor until it is null; the offset applies to the first page only', async () => {
    const seen = threePages();
    const pages: unknown[] = [];
    for await (const page of client.queryPages({ project_id: 'acme/bot', limit: 2, offset: 3 })) pages.push(page);
    expect(pages).toEqual([[{ id: 'a' }, { id: 'b' }], [{ id: 'c' }, { id: 'd' }], [{ id: 'e' }]]);
    expect(seen).toEqual([
      { project_id: 'acme/bot', limit: 2, offset: 3 },
      { project_id: 'acme/bot', limit: 2, offset: null, cursor: 'c1' },
      { project_id: 'acme/bot', limit: 2, offset: null, cursor: 'c2' },
    ]);
  });

  it('queryAll yields the rows of every page; stopping early sends no further request', async () => {
    const seen = threePages();
    const ids: unknown[] = [];
    for await (const row of client.queryAll({ project_id: 'acme/bot' })) {
      ids.push(row['id']);
      if (ids.length === 3) break;
    }
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(seen).toHaveLength(2);
  });

  it('an error answer rejects the iteration with FeedbackApiError', async () => {
    server.use(http.post(url('/feedback/query'), () => HttpResponse.json({ reason: 'Unknown field "x" at fields[0]', error_type: 'InvalidRequest' }, { status: 400 })));
    const iterate = async () => {
      for await (const _ of client.queryAll({ project_id: 'acme/bot', fields: ['x'] })) void _;
    };
    await expect(iterate()).rejects.toBeInstanceOf(FeedbackApiError);
  });
});
