// Bulk-loads historical rows (see import-line.ts for a line's form), streaming: memory holds one
// batch of rows, whatever the file's size. All or nothing: one transaction, rolled back when any
// line is rejected; the rest of the file is still read, to report every rejected line (the
// first REPORTED_REJECTIONS with their reasons), each batch still checked against the stored
// rows. A line whose id is stored already (or came
// earlier in the file) with the same content is a duplicate, skipped; with other content it is
// rejected. So an import can be run again after a failure or a partial load.
import { open } from 'node:fs/promises';
import { sameFeedbackContent } from '@feedback/semantics';
import type { Db, Queryable } from '../storage/db.js';
import { toPrepared } from '../sql/feedback-row.js';
import { feedbackKey, insertFeedback } from '../sql/feedback-store.js';
import { parseImportRecord, reasonOf, type ImportRecord } from './import-line.js';
import { readLines } from './line-reader.js';
import { findStoredRows } from './stored-rows.js';

export { parseImportLine } from './import-line.js';

/** work_mem of the import's transaction when it writes roll-ups. */
const IMPORT_WORK_MEM = '64MB';

/** Rejected lines reported with line number and reason; the rest are only counted. */
export const REPORTED_REJECTIONS = 100;

export interface ImportOptions {
  /** A longer line is rejected without being buffered. Default 4 MiB. */
  maxLineBytes?: number;
  /** A batch is written when it reaches this many rows… Default 5,000. */
  batchRows?: number;
  /** …or this many bytes of input lines. Default 4 MiB. */
  batchBytes?: number;
  /** Called after each batch of lines is read (and, while nothing was rejected, written). */
  onProgress?: (progress: ImportProgress) => void;
  /** Write the roll-up deltas with each batch (FEEDBACK_ROLLUPS). Default false: rows left to the backfill. */
  rollups?: boolean;
}

export interface ImportProgress {
  /** Lines read so far, blank ones included. */
  lines: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

export interface ImportResult extends ImportProgress {
  /** False when lines were rejected: then nothing was stored (`inserted` and `duplicates` are 0). */
  committed: boolean;
  /** The first REPORTED_REJECTIONS rejected lines; `rejected` counts them all. */
  errors: { line: number; reason: string }[];
  ms: number;
}

interface Pending extends ImportRecord {
  line: number;
}

/** Imports a file, or standard input for `-`. */
export async function importFile(db: Db, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  if (file === '-') return importLines(db, process.stdin, options);
  // Opened here so that a missing file is an error at once; read only as the import consumes it.
  const handle = await open(file, 'r');
  try {
    return await importLines(db, handle.createReadStream({ autoClose: false }), options);
  } finally {
    await handle.close();
  }
}

export async function importLines(db: Db, source: AsyncIterable<Uint8Array | string>, options: ImportOptions = {}): Promise<ImportResult> {
  const started = performance.now();
  const maxLineBytes = options.maxLineBytes ?? 4 * 1024 * 1024;
  const batchRows = options.batchRows ?? 5_000;
  const batchBytes = options.batchBytes ?? 4 * 1024 * 1024;
  const progress: ImportProgress = { lines: 0, inserted: 0, duplicates: 0, rejected: 0 };
  const errors: ImportResult['errors'] = [];
  const reject = (line: number, reason: string) => {
    progress.rejected++;
    if (errors.length < REPORTED_REJECTIONS) errors.push({ line, reason });
  };

  const committed = await db
    .transaction(async (tx) => {
      // The roll-up deltas of a batch are grouped in memory: with the 4 MB default, a batch of
      // thousands of rows spills its sorts and hashes to disk.
      if (options.rollups === true) await tx.query("SELECT set_config('work_mem', $1, true)", [IMPORT_WORK_MEM]);
      let batch: Pending[] = [];
      let bytes = 0;
      let linesSinceReport = 0;
      const flush = async () => {
        // Once a line is rejected nothing will be stored: the rest is only checked.
        await writeBatch(tx, batch, progress, reject, progress.rejected === 0, options.rollups === true);
        batch = [];
        bytes = 0;
        linesSinceReport = 0;
        options.onProgress?.({ ...progress });
      };
      for await (const line of readLines(source, maxLineBytes)) {
        progress.lines++;
        linesSinceReport++;
        if (line.text === undefined) {
          reject(line.number, line.problem ?? 'unreadable');
        } else if (line.text.trim().length > 0) {
          try {
            batch.push({ line: line.number, ...parseImportRecord(line.text) });
            bytes += line.text.length;
          } catch (err) {
            reject(line.number, reasonOf(err));
          }
        }
        if (batch.length >= batchRows || bytes >= batchBytes || linesSinceReport >= batchRows) await flush();
      }
      await flush();
      if (progress.rejected > 0) throw new ImportRefused();
      return true;
    })
    .catch((err: unknown) => {
      if (err instanceof ImportRefused) return false;
      throw err;
    });
  const counts = committed ? progress : { ...progress, inserted: 0, duplicates: 0 };
  return { ...counts, committed, errors: errors.sort((a, b) => a.line - b.line), ms: performance.now() - started };
}

/**
 * Inserts the batch's new rows (only checks them, when `write` is false); a row whose id is taken
 * (in the table, or earlier in the batch) is a duplicate when its content is the same, and
 * rejected when not.
 */
async function writeBatch(
  tx: Queryable,
  batch: readonly Pending[],
  progress: ImportProgress,
  reject: (line: number, reason: string) => void,
  write: boolean,
  rollups: boolean,
): Promise<void> {
  const first = new Map<string, Pending>();
  for (const p of batch) {
    const key = feedbackKey(p.row);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, p);
    else if (sameFeedbackContent(p.prepared, earlier.prepared)) progress.duplicates++;
    else reject(p.line, `id ${p.row.id} in ${p.row.project_id} is on line ${earlier.line} with different content`);
  }
  const unique = [...first.values()];
  const inserted = write ? await insertFeedback(tx, unique.map((p) => p.row), { rollups }) : new Set<string>();
  progress.inserted += inserted.size;
  const taken = unique.filter((p) => !inserted.has(feedbackKey(p.row)));
  const stored = await findStoredRows(tx, taken.map((p) => p.row));
  for (const p of taken) {
    const existing = stored.get(feedbackKey(p.row));
    // Not written and not stored: a new row, had the import gone ahead.
    if (existing === undefined && !write) continue;
    if (existing !== undefined && sameFeedbackContent(p.prepared, toPrepared(existing))) progress.duplicates++;
    else reject(p.line, `id ${p.row.id} already exists in ${p.row.project_id} with different content`);
  }
}

class ImportRefused extends Error {}
