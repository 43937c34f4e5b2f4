import { startTestServer, basicAuth, KEYS } from '../../../apps/server/test/support/test-server.js';
import { testEngines } from '../../../apps/server/test/support/engines.js';

const srv = await startTestServer(testEngines()[0]!);
const auth = basicAuth(KEYS.alice.key);
async function raw(label: string, path: string, init: RequestInit) {
  const res = await fetch(srv.baseUrl + path, init);
  const text = await res.text();
  const h: Record<string, string> = {};
  res.headers.forEach((v, k) => { if (!['date','connection','keep-alive','etag'].includes(k)) h[k] = v; });
  console.log(`### ${label}\n${res.status} ${JSON.stringify(h)}\n${text.slice(0, 1500)}\n`);
}
const post = (label: string, path: string, body: string, headers: Record<string, string> = {}) =>
  raw(label, path, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: auth, ...headers } });
const cases = JSON.parse(await (await import('node:fs/promises')).readFile(process.argv[2]!, 'utf8')) as [string, string, string, Record<string,string>?][];
for (const [label, path, body, headers] of cases) await post(label, path, body, headers ?? {});
await srv.close();
