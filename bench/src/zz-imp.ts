import { importFiles } from './server-cli.js';
import { recreateDatabase, databaseUrl } from './pg-admin.js';
const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
await recreateDatabase(admin, 'feedback_bench_scratch');
const r = await importFiles(['data/feedback-100k-seed42-v1.part0.jsonl'], { DATABASE_URL: databaseUrl(admin, 'feedback_bench_scratch') });
console.log(r.output.trim(), r.seconds.toFixed(1));
