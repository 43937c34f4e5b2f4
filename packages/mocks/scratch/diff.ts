import { setupServer } from 'msw/node';
import { isDeepStrictEqual } from 'node:util';
import { startTestServer, basicAuth, KEYS } from '../../../apps/server/test/support/test-server.js';
import { testEngines } from '../../../apps/server/test/support/engines.js';
import { createFeedbackFake } from '../src/index.js';

export type Case = { label: string; method?: string; path: string; body?: string; headers?: Record<string, string>; ignoreId?: boolean; rawAuth?: boolean };

const srv = await startTestServer(testEngines()[0]!);
const FAKE = 'http://fake.test';
const fake = createFeedbackFake({ baseUrl: FAKE, apiKeys: Object.values(KEYS), now: () => srv.clock.now });
const msw = setupServer(...fake.handlers);
msw.listen({ onUnhandledRequest: 'bypass' });

function close(a: unknown, b: unknown, path: string, diffs: string[], ignoreId: boolean): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))) return;
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => close(x, b[i], `${path}[${i}]`, diffs, ignoreId)); return;
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.join() !== kb.join()) diffs.push(`${path}: keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`);
    for (const k of new Set([...ka, ...kb])) {
      if (ignoreId && k === 'id' && path === '') continue;
      close((a as any)[k], (b as any)[k], `${path}.${k}`, diffs, ignoreId);
    }
    return;
  } else if (isDeepStrictEqual(a, b)) return;
  diffs.push(`${path}: server ${JSON.stringify(a)?.slice(0, 300)} vs fake ${JSON.stringify(b)?.slice(0, 300)}`);
}

async function send(base: string, c: Case) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: basicAuth(KEYS.alice.key), 'x-request-id': 'req-1', ...c.headers };
  for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
  const res = await fetch(base + c.path, { method: c.method ?? 'POST', headers, ...(c.body === undefined ? {} : { body: c.body }) });
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch {}
  const h: Record<string, string | null> = {};
  for (const k of ['content-type', 'www-authenticate', 'retry-after', 'x-request-id']) h[k] = res.headers.get(k);
  return { status: res.status, headers: h, body, text };
}

export async function runCases(cases: Case[], verbose = false): Promise<number> {
  let failures = 0;
  for (const c of cases) {
    const a = await send(srv.baseUrl, c);
    const b = await send(FAKE, c);
    const diffs: string[] = [];
    if (a.status !== b.status) diffs.push(`status ${a.status} vs ${b.status}`);
    close(a.headers, b.headers, 'headers', diffs, false);
    close(a.body, b.body, '', diffs, c.ignoreId ?? !/"id"/.test(c.body ?? ''));
    if (diffs.length > 0) {
      failures++;
      console.log(`DIFF ${c.label}\n  ${diffs.slice(0, 8).join('\n  ')}\n  server: ${a.text.slice(0, 400)}\n  fake:   ${b.text.slice(0, 400)}`);
    } else if (verbose) console.log(`ok ${c.label}: ${a.status} ${a.text.slice(0, 200)}`);
  }
  return failures;
}

export async function done() {
  msw.close();
  await srv.close();
}
export { srv, fake };
