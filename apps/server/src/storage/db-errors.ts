// Which driver errors mean "the database is not there right now" (→ 503, retryable), as opposed
// to a bug in a statement.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
// SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57 (operator
// intervention: shutdown, statement timeout/cancel), and 40001/40P01 (serialization, deadlock).
const SQLSTATE_PREFIXES = ['08', '53', '57'];
const SQLSTATES = new Set(['40001', '40P01']);

export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || SQLSTATES.has(e.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(e.code) && SQLSTATE_PREFIXES.some((p) => (e.code as string).startsWith(p))) return true;
  }
  const msg = typeof e.message === 'string' ? e.message : '';
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Query read timeout|PGlite is closed/i.test(msg);
}

/**
 * SQLSTATE 57014 from the statement timeout (PostgreSQL's, or the embedded driver's, which uses
 * the same code and words), not from a cancel request (pg_cancel_backend, a shutdown). The stats
 * and aggregate queries answer it 504 (routes/read-timeout.ts). isDatabaseUnavailable holds for it
 * too: anywhere else it is a 503, and the insert batcher does not retry a timed-out group row by row.
 */
export function isStatementTimeout(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown };
  return e.code === '57014' && typeof e.message === 'string' && /statement timeout/i.test(e.message);
}

/** SQLSTATE 22023 "time zone … not recognized": Intl knew the zone, the database's tzdata did not. */
export function isUnknownTimeZoneInDatabase(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown };
  return e.code === '22023' && typeof e.message === 'string' && /time zone/i.test(e.message);
}

/** SQLSTATE 22003: a float8 result (a sum, an average) left the representable range. */
export function isNumericOverflow(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '22003';
}
