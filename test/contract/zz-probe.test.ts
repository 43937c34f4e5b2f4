import fc from 'fast-check';
import { it } from 'vitest';
import { runTemplateArb, toDifferentialRun } from './arbitraries/differential-run.js';
import { startDifferentialPair } from './runner/differential-pair.js';
import { sendRaw } from './support/http.js';
import { basicAuth, KEYS } from './support/keys.js';

it('probe', async () => {
  const pair = await startDifferentialPair();
  const samples = fc.sample(runTemplateArb, { seed: 20240310, numRuns: 300 });
  const reasons: Record<string, number> = {};
  let i = 0; let shown = 0;
  for (const t of samples) {
    const run = toDifferentialRun(t, `acme/probe-${i++}`);
    await pair.server.seed(run.rows);
    pair.server.setNow(run.nowMs);
    for (const r of run.requests) {
      const res = await sendRaw(pair.server.baseUrl, { path: r.path, body: r.body, authorization: basicAuth(KEYS.alice.key) });
      if (res.status !== 200) { const k = res.text.replace(/"msg":"[^"]*"/g, '').replace(/acme\/probe-\d+/g, 'P').slice(0, 110); reasons[k] = (reasons[k] ?? 0) + 1; }
      else if (shown < 6) {
        const b = res.body as any;
        const n = r.path === '/feedback/stats' ? (b.buckets ?? []).reduce((s: number, x: any) => s + x.count, 0) : (b.buckets ?? []).reduce((s: number, x: any) => s + x.total_count, 0);
        if (n === 0) { shown++; const times = run.rows.map(r => r.created_at).sort(); console.log(run.rows.length, times[0], times[times.length-1], JSON.stringify(r.body)); }
      }
    }
  }
  console.log(Object.entries(reasons).sort((a, b) => b[1] - a[1]));
  await pair.close();
}, 120000);
