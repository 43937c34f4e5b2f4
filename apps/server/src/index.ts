// The server as a library: the app factory and storage, for tests, benchmarks and embedding.
export { createApp, type AppDeps } from './app.js';
export { readConfig, type Config, type ApiKeySeed } from './env.js';
export { createLogger } from './http/logging.js';
export { createKeyStore, type KeyLookup, type KeyStore, type KeyStoreOptions, type Principal } from './keys/key-store.js';
export { insertKey, listKeys, revokeKey, rotateKey, type KeyListing, type NewKey } from './keys/key-admin.js';
export { generateKey, hashKey } from './keys/key-hash.js';
export { importFile, parseImportLine, type ImportResult } from './import/import-jsonl.js';
export { toInsertRow, type FeedbackInsertRow } from './sql/feedback-row.js';
export { insertFeedback, countFeedback } from './sql/feedback-store.js';
export { buildStatsSql, toStatsQuery, type StatsQuery } from './sql/stats-query.js';
export { aggregatePlanFor, buildAggregateProbeSql, buildAggregateSql, ONE_PASS_BELOW_ROWS, toAggregateQuery, type AggregatePlan, type AggregateQuery } from './sql/aggregate-query.js';
export type { SqlStatement } from './sql/statement.js';
export { statsAnswer } from './routes/stats.js';
export { aggregateAnswer } from './routes/aggregate.js';
// The roll-up read path (src/rollups): `path: 'raw'` forces the raw statements for the same request.
export { readStatsRows, type ReadPath } from './rollups/read-stats.js';
export { planAggregateRead, readAggregateRows } from './rollups/read-aggregate.js';
export { planStats, splitStatsMetrics } from './rollups/plan-stats.js';
export { planAggregate } from './rollups/plan-aggregate.js';
export type { RollupPlan } from './rollups/plan-cells.js';
export { buildStatsRollupSql } from './rollups/read-stats-sql.js';
export { buildAggregateRollupSql } from './rollups/read-aggregate-sql.js';
export { SESSION_SETTINGS, sessionSetSql, sessionStartupOptions } from './storage/session-settings.js';
export type { Db, Queryable } from './storage/db.js';
export { openDb } from './storage/open.js';
export { openPostgres } from './storage/pg-driver.js';
export { openPglite } from './storage/pglite-driver.js';
export { migrate } from './storage/migrate.js';
