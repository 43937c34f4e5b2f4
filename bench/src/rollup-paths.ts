// The two read paths of one request, over HTTP: the roll-up path (the server as deployed) and
// the raw path (every row of the window read raw). Both answer the same request, so the bench can
// time them in turn and compare their bodies byte for byte.
import type { RollupQuery } from './rollup-queries.js';

export interface PathCaller {
  /** POSTs the query's request and returns the response body, as sent. Throws on a non-2xx. */
  call(q: RollupQuery): Promise<string>;
}

export function httpCaller(baseUrl: string, apiKey: string, headers: Record<string, string> = {}): PathCaller {
  const auth = `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`;
  return {
    async call(q) {
      const res = await fetch(`${baseUrl}/feedback/${q.request.endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth, ...headers },
        body: JSON.stringify(q.request.body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${q.id}: HTTP ${res.status}: ${text.slice(0, 500)}`);
      return text;
    },
  };
}

/** Where the two bodies first differ, for the report (empty when identical). */
export function firstDifference(a: string, b: string): string {
  if (a === b) return '';
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (s: string): string => JSON.stringify(s.slice(Math.max(0, i - 60), i + 60));
  return `bodies differ at byte ${i} (lengths ${a.length} / ${b.length}): roll-up …${around(a)}… raw …${around(b)}…`;
}
