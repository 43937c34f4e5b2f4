import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { defineContractSuite } from './runner/contract-suite.js';
import { KEYS, basicAuth } from './support/keys.js';
import { startPrism } from './targets/prism-target.js';
import { startPrismProxyTarget } from './targets/prism-proxy-target.js';

// Prism answers invalid requests itself (its own 422/401 bodies), so the proxy replays the cases
// whose every request is valid: those are the responses whose shape Prism must confirm. Prism
// does not inflate compressed request bodies, so those cases go to the server directly only.
defineContractSuite({
  label: 'Prism validating proxy in front of the server',
  kind: 'stateful',
  start: startPrismProxyTarget,
  filter: (c) => [...(c.before ?? []), c].every((step) => step.expect.status === 200 && step.request.contentEncoding === undefined),
});

// The proxy is only worth its place if it catches a broken response: an upstream that answers
// stats with a body violating FeedbackStatsRes must come back as a 500 naming the violation.
describe('Prism validating proxy', () => {
  it('turns a response that breaks the contract into a 500', async () => {
    const upstream = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // /healthz stays healthy so Prism's start-up probe succeeds.
      res.end(JSON.stringify(req.url === '/healthz' ? { status: 'ok' } : { start: 5, granularity: 'daily' }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    const prism = await startPrism({ kind: 'proxy', upstream: `http://127.0.0.1:${port}` });
    try {
      const res = await fetch(`${prism.baseUrl}/feedback/stats`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basicAuth(KEYS.alice.key) },
        body: JSON.stringify({ project_id: 'acme/p', start: '2024-01-01T00:00:00Z' }),
      });
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/start|granularity|end/);
    } finally {
      await prism.close();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    }
  }, 60_000);
});
