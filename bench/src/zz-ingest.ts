import { startServer } from './server-cli.js';
import { serverEnv, BENCH_KEY } from './engine-run.js';
import { benchIngest } from './ingest-bench.js';
import { postgresRunner } from './sql-runner.js';
const url = 'postgres://postgres@127.0.0.1:5432/feedback_bench_100k';
const extra = JSON.parse(process.env.EXTRA ?? '{}');
const server = await startServer({ ...serverEnv({ DATABASE_URL: url }, process.env.LL ?? 'warn'), ...extra });
console.log('server pid', server.pid);
const runner = await postgresRunner(url);
for (const c of (process.env.C ?? '64').split(',').map(Number)) {
  const f = await benchIngest({ baseUrl: server.baseUrl, apiKey: BENCH_KEY, project: `bench/ingest-x-${Date.now()}`, concurrency: c, requests: Number(process.env.N ?? 10000), logLevel: 'warn', runner });
  console.log(c, Math.round(f.requestsPerSecond), 'req/s p50', f.p50, 'p99', f.p99, f.acknowledged, f.rowsCommitted);
}
await runner.query("DELETE FROM feedback WHERE project_id LIKE 'bench/ingest-%'");
await runner.close(); await server.stop();
