// `feedback-server rollups verify --project P | rebuild --project P | backfill [--project P]`:
// the operator's checks and repairs of the roll-ups. verify exits 0 printing "no differences",
// or 1 listing them; 2 for bad arguments.
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { Config } from '../env.js';
import { migrate, migrateOptions } from '../storage/migrate.js';
import { openDb } from '../storage/open.js';
import type { Db } from '../storage/db.js';
import { backfillRollups } from './backfill.js';
import { compactProject } from './compactor.js';
import { rebuildRollups } from './rebuild.js';
import { verifyRollups, type VerifyResult } from './verify.js';

export const ROLLUPS_USAGE = `usage: feedback-server rollups verify --project P    recompute P's roll-ups from its raw rows; list every difference (exit 1 if any)
       feedback-server rollups rebuild --project P   roll up P's pending rows, then recompute its roll-ups from raw
       feedback-server rollups backfill [--project P] roll up the rows written before the roll-ups (or while FEEDBACK_ROLLUPS=off)`;

class UsageError extends Error {}

/** Differences listed per table at most. */
const LISTED = 100;

// verify and rebuild recompute a whole project in one statement per table: minutes on a large
// project, so an operator's command is not held to the request timeout (FEEDBACK_STATEMENT_TIMEOUT_MS).
const COMMAND_STATEMENT_TIMEOUT_MS = 24 * 3_600_000;

async function withDb<T>(config: Config, logger: Logger, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ ...config, statementTimeoutMs: Math.max(config.statementTimeoutMs, COMMAND_STATEMENT_TIMEOUT_MS) });
  try {
    await migrate(db, migrateOptions(config, logger));
    return await fn(db);
  } finally {
    await db.close();
  }
}

function projectOf(args: string[], required: boolean): string | undefined {
  const { values, positionals } = parseArgs({ args, options: { project: { type: 'string' } }, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0] ?? ''}`);
  if (required && (values.project === undefined || values.project === '')) throw new UsageError('--project is required');
  return values.project;
}

async function hasRollups(db: Db, projectId: string): Promise<boolean> {
  const res = await db.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM feedback_stats_rollup WHERE project_id = $1)
         OR EXISTS (SELECT 1 FROM feedback_stats_rollup_leaf WHERE project_id = $1)
         OR EXISTS (SELECT 1 FROM feedback_aggregate_rollup WHERE project_id = $1)
         OR EXISTS (SELECT 1 FROM feedback_aggregate_scorer_rollup WHERE project_id = $1)
         OR EXISTS (SELECT 1 FROM feedback WHERE project_id = $1 AND rolled_up) AS any`,
    [projectId],
  );
  return res.rows[0]?.any === true;
}

function report(projectId: string, r: VerifyResult): number {
  if (r.pendingRows > 0) {
    process.stdout.write(`${r.pendingRows} row(s) of ${projectId} wait for the backfill (reads count them raw meanwhile)\n`);
  }
  if (r.differences.length === 0 && r.flagMismatches.length === 0) {
    process.stdout.write(`${projectId}: no differences\n`);
    return 0;
  }
  for (const d of r.differences) {
    process.stdout.write(`${d.table} ${JSON.stringify(d.key)}: from raw ${JSON.stringify(d.expected)}, in the roll-ups ${JSON.stringify(d.actual)}\n`);
  }
  for (const f of r.flagMismatches) {
    process.stdout.write(`feedback ${f.id}: rolled_up is ${f.rolled_up}, but its payload ${f.rolled_up ? 'exceeds' : 'fits'} the leaf bounds\n`);
  }
  process.stdout.write(
    `${projectId}: ${r.differences.length + r.flagMismatches.length} difference(s) (at most ${LISTED} listed per table); ` +
      '`feedback-server rollups rebuild --project P` recomputes them from raw\n',
  );
  return 1;
}

export async function rollupsCommand(argv: string[], config: Config, logger: Logger): Promise<number> {
  const [sub, ...args] = argv;
  try {
    switch (sub) {
      case 'verify': {
        const projectId = projectOf(args, true) ?? '';
        return await withDb(config, logger, async (db) => report(projectId, await verifyRollups(db, projectId, LISTED)));
      }
      case 'rebuild': {
        const projectId = projectOf(args, true) ?? '';
        await withDb(config, logger, async (db) => {
          // A project with no roll-ups at all yet (no roll-up rows, no row flagged rolled up: loaded
          // with FEEDBACK_ROLLUPS=off) is rolled up by the backfill alone, exactly; recomputing
          // that from raw again would double the work. Its batches' deltas are then compacted, so
          // either way the project is left with one row per key, as a recompute leaves it.
          const hadRollups = await hasRollups(db, projectId);
          const pending = await backfillRollups(db, { projectId });
          if (hadRollups) await rebuildRollups(db, projectId);
          else await compactProject(db, projectId);
          process.stdout.write(
            hadRollups
              ? `${projectId}: roll-ups rebuilt from raw (${pending} pending row(s) rolled up first)\n`
              : `${projectId}: ${pending} row(s) rolled up and compacted (the project had no roll-ups yet)\n`,
          );
        });
        return 0;
      }
      case 'backfill': {
        const projectId = projectOf(args, false);
        await withDb(config, logger, async (db) => {
          const n = await backfillRollups(db, {
            ...(projectId === undefined ? {} : { projectId }),
            onBatch: (total) => process.stderr.write(`\r${total} row(s) rolled up`),
          });
          process.stderr.write('\n');
          process.stdout.write(`backfill done: ${n} row(s) rolled up\n`);
        });
        return 0;
      }
      default:
        throw new UsageError(sub === undefined ? 'rollups needs a subcommand' : `unknown rollups subcommand: ${sub}`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${err.message}\n${ROLLUPS_USAGE}\n`);
      return 2;
    }
    throw err;
  }
}
