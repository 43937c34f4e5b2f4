// `feedback-server import FILE.jsonl | -`: exit 0 when every line was imported or skipped as a
// duplicate, 1 when lines were rejected (then nothing was stored), 2 for bad arguments.
import type { Logger } from 'pino';
import type { Config } from '../env.js';
import { migrate, migrateOptions } from '../storage/migrate.js';
import { openDb } from '../storage/open.js';
import { importFile, REPORTED_REJECTIONS, type ImportResult } from './import-jsonl.js';

// A line holds a request body plus created_at and wb_user_id: the body limit, and room for those.
const LINE_OVERHEAD_BYTES = 4_096;

export async function importCommand(args: readonly string[], config: Config, logger: Logger): Promise<number> {
  const file = args[0];
  if (file === undefined || args.length > 1) {
    process.stderr.write('usage: feedback-server import FILE.jsonl (or - for standard input)\n');
    return 2;
  }
  const db = await openDb(config);
  try {
    await migrate(db, migrateOptions(config, logger));
    const result = await importFile(db, file, { maxLineBytes: config.bodyLimitBytes + LINE_OVERHEAD_BYTES, rollups: config.rollups });
    report(result);
    return result.rejected > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

function report(r: ImportResult): void {
  const seconds = r.ms / 1000;
  if (r.committed) {
    process.stdout.write(
      `imported ${r.inserted} rows in ${seconds.toFixed(2)} s (${Math.round(r.inserted / Math.max(seconds, 0.001))} rows/s); ` +
        `${r.duplicates} duplicate(s) skipped; ${r.lines} line(s) read\n`,
    );
    return;
  }
  for (const e of r.errors) process.stderr.write(`line ${e.line}: ${e.reason}\n`);
  if (r.rejected > r.errors.length) process.stderr.write(`… and ${r.rejected - r.errors.length} more (only the first ${REPORTED_REJECTIONS} are listed)\n`);
  process.stderr.write(
    `${r.rejected} of ${r.lines} line(s) rejected; nothing was imported (all or nothing). ` +
      'Fix them and run the import again: rows already stored with the same content are skipped.\n',
  );
}
