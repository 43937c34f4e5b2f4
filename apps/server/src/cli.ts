#!/usr/bin/env node
// feedback-server: serve | migrate | import FILE.jsonl | keys create|list|revoke|rotate | rollups verify|rebuild|backfill
import { readConfig } from './env.js';
import { ConfigError } from './env-parsers.js';
import { createLogger } from './http/logging.js';
import { importCommand } from './import/import-command.js';
import { keysCommand } from './keys/keys-command.js';
import { rollupsCommand } from './rollups/rollups-command.js';
import { serve } from './server.js';
import { migrate, migrateOptions } from './storage/migrate.js';
import { openDb } from './storage/open.js';

const USAGE = `Usage: feedback-server <command>

Commands:
  serve                                   run the HTTP server (PORT, default 8080)
  migrate                                 apply pending database migrations
  import FILE.jsonl | -                   bulk-load rows (one /feedback/create body + created_at + wb_user_id per line)
  keys create --user U --projects P,...   create an API key (printed once) for user U on project patterns P
        [--scopes ingest,read] [--expires 30d|ISO]   what it may do (default both) and until when
  keys list [--json]                      every key: id, user, projects, scopes, dates (never the key)
  keys revoke ID                          refuse the key from now on, on every running server
  keys rotate ID [--grace 1h]             a new key like the old one; the old one revoked (or expiring after the grace)
  rollups verify --project P              recompute P's roll-ups from raw rows; list any difference (exit 1)
  rollups rebuild --project P             recompute P's roll-ups from raw rows
  rollups backfill [--project P]          roll up rows written before the roll-ups or with FEEDBACK_ROLLUPS=off

Storage: PostgreSQL when DATABASE_URL is set, else embedded PGlite in FEEDBACK_DATA_DIR (default ./.data).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  switch (command) {
    case 'serve':
      await serve(config, logger);
      return -1;
    case 'migrate': {
      const db = await openDb(config);
      try {
        const { applied } = await migrate(db, migrateOptions(config, logger));
        process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'import':
      return importCommand(rest, config, logger);
    case 'keys':
      return keysCommand(rest, config);
    case 'rollups':
      return rollupsCommand(rest, config, logger);
    default:
      process.stdout.write(`${USAGE}\n`);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
