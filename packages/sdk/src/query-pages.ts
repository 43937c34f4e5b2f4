// Paging through /feedback/query with the keyset cursor: each page asks for the rows after the
// last row of the one before, so rows written meanwhile neither shift nor repeat a page, and the
// millionth row costs what the first does.
import type { FeedbackQueryReq, FeedbackQueryRes, FeedbackQueryRow } from '@feedback/api-types';

export type QueryPage = (body: FeedbackQueryReq) => Promise<FeedbackQueryRes>;

/**
 * The pages of a query, in order, until the server says no row follows (`next_cursor` null).
 * `body.offset` skips rows before the first page only; `body.limit` is the page size.
 */
export async function* queryPages(query: QueryPage, body: FeedbackQueryReq): AsyncGenerator<FeedbackQueryRow[], void, undefined> {
  let next: FeedbackQueryReq = body;
  for (;;) {
    const page = await query(next);
    yield page.result;
    if (page.next_cursor === null) return;
    next = { ...body, cursor: page.next_cursor, offset: null };
  }
}

/** The rows of every page, one at a time. */
export async function* queryRows(query: QueryPage, body: FeedbackQueryReq): AsyncGenerator<FeedbackQueryRow, void, undefined> {
  for await (const page of queryPages(query, body)) yield* page;
}
