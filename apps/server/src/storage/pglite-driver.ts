// Embedded PostgreSQL (PGlite, WASM) behind the Db interface, run in a worker thread
// (pglite-thread.ts) so that a long statement never blocks the server's own thread.
//
// PGlite cannot cancel a running statement: WASM has no signals, so `statement_timeout` is never
// enforced, and nothing outside the thread can interrupt it. A statement that runs past
// `statementTimeoutMs` is therefore ended by terminating its thread; the caller gets SQLSTATE
// 57014 at once, like PostgreSQL's statement timeout, and the database reopens in a new thread
// (about a second). The killed statement's transaction is lost, every committed one is on disk.
// `memory://` is a private temporary directory for the same reason (scratch-data-dir.ts).
import { beginStatement, type Db, type Queryable, type QueryResultRows, type TransactionOptions } from './db.js';
import { PgliteDatabaseError } from './pglite-protocol.js';
import { startPgliteThread, type PgliteCall, type PgliteThread } from './pglite-thread.js';
import { lockDataDir } from './data-dir-lock.js';
import { createScratchDataDir, discardTemplate } from './scratch-data-dir.js';
import { sessionSetSql } from './session-settings.js';
import { createTurnLock, type Release } from './turn-lock.js';

export interface PgliteOptions {
  /**
   * A statement running longer is ended (see above). A caller waiting more than twice this long
   * for its turn (enough to outlast one statement ended at the timeout) is refused as "busy"
   * (503, retry later) rather than queueing without bound. Undefined: no limit. `session`
   * (migrations) is exempt from both.
   */
  statementTimeoutMs?: number;
}

function statementTimedOut(ms: number): PgliteDatabaseError {
  return new PgliteDatabaseError({ message: `canceling statement due to statement timeout (${ms} ms)`, code: '57014' });
}

/** SQLSTATE 57P03 (cannot_connect_now): read as "database unavailable", retryable. */
function busy(ms: number): PgliteDatabaseError {
  return new PgliteDatabaseError({ message: `The embedded database is busy: no turn within ${ms} ms`, code: '57P03' });
}

/** SQLSTATE 57P03 (cannot_connect_now) as well: the database could not be reopened in a new thread. */
function reopenFailed(err: unknown): PgliteDatabaseError {
  return new PgliteDatabaseError({ message: `The embedded database could not be reopened: ${err instanceof Error ? err.message : String(err)}`, code: '57P03' });
}

const COMMIT: PgliteCall = { op: 'query', sql: 'COMMIT', params: [] };
const ROLLBACK: PgliteCall = { op: 'query', sql: 'ROLLBACK', params: [] };

/** initdb for the `memory://` template: open an empty directory in a thread, close it cleanly. */
async function initCluster(dataDir: string): Promise<void> {
  const t = await startPgliteThread({ dataDir, sessionSql: 'SELECT 1' });
  await t.run({ op: 'close' });
  await t.terminate();
}

/**
 * `memory://` keeps nothing after close; any other value is a directory on disk, which this
 * process holds alone until close (data-dir-lock.ts).
 */
export async function openPglite(dataDir: string, opts: PgliteOptions = {}): Promise<Db> {
  if (dataDir !== 'memory://') return openIn(dataDir, lockDataDir(dataDir), opts);
  const scratch = await createScratchDataDir(initCluster);
  try {
    return await openIn(scratch.path, () => scratch.remove(), opts);
  } catch (err) {
    if (!scratch.fromTemplate) throw err;
    // A template that does not open (damaged meanwhile): drop it and start from initdb.
    discardTemplate();
    const fresh = await createScratchDataDir(initCluster, false);
    return openIn(fresh.path, () => fresh.remove(), opts);
  }
}

/** `releaseDir` runs once the database is closed, or when it fails to open: it frees the directory. */
async function openIn(dir: string, releaseDir: () => void, opts: PgliteOptions): Promise<Db> {
  const workerData = { dataDir: dir, sessionSql: sessionSetSql() };
  const timeoutMs = opts.statementTimeoutMs;
  const lock = createTurnLock();
  let closing: Promise<void> | undefined;

  // The live thread, or the one starting. A failed start is not kept: the next caller tries again.
  // The first start's error goes to openPglite's caller as it is; a reopen's is a 503 for a request.
  const launch = (after: Promise<unknown>, reopen = true): Promise<PgliteThread> => {
    const started = after
      .then(() => startPgliteThread(workerData))
      .catch((err: unknown) => {
        throw reopen ? reopenFailed(err) : err;
      });
    started.catch(() => undefined);
    return started;
  };
  let thread: Promise<PgliteThread> = launch(Promise.resolve(), false);
  try {
    await thread;
  } catch (err) {
    releaseDir();
    throw err;
  }

  const current = async (): Promise<PgliteThread> => {
    const attempt = thread;
    const t = await attempt.catch((err: unknown) => {
      if (thread === attempt) thread = launch(Promise.resolve());
      throw err;
    });
    if (t.alive) return t;
    // The thread died on its own (a WASM abort): a new one replaces it.
    if (thread === attempt) thread = launch(Promise.resolve());
    return thread;
  };

  /** One statement on `t`, ended with the thread if it outlives the statement timeout. */
  const timed = (t: PgliteThread, call: PgliteCall): Promise<object[]> => {
    if (timeoutMs === undefined) return t.run(call);
    return new Promise<object[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Set before the caller hears of it, so the next caller already waits for the new thread.
        thread = launch(t.terminate());
        reject(statementTimedOut(timeoutMs));
      }, timeoutMs);
      t.run(call).then(
        (rows) => {
          clearTimeout(timer);
          resolve(rows);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  };

  const turnWaitMs = timeoutMs === undefined ? undefined : 2 * timeoutMs;
  /** A turn for a request (bounded wait) or for a session (unbounded). */
  const turn = (bounded: boolean): Promise<Release> => {
    if (closing !== undefined) return Promise.reject(new Error('PGlite is closed'));
    return bounded && turnWaitMs !== undefined ? lock.acquire(turnWaitMs, () => busy(turnWaitMs)) : lock.acquire();
  };

  const on = (t: PgliteThread, run: (t: PgliteThread, call: PgliteCall) => Promise<object[]> = timed): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResultRows<T>> {
      return { rows: (await run(t, { op: 'query', sql, params })) as T[] };
    },
    async exec(sql: string): Promise<void> {
      await run(t, { op: 'exec', sql });
    },
  });

  const alone = async <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => {
    const release = await turn(true);
    try {
      return await fn(on(await current()));
    } finally {
      release();
    }
  };

  return {
    engine: 'pglite',
    query: (sql, params) => alone((q) => q.query(sql, params)),
    exec: (sql) => alone((q) => q.exec(sql)),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
      const release = await turn(true);
      try {
        const t = await current();
        await timed(t, { op: 'query', sql: beginStatement(options), params: [] });
        try {
          // Bound to this thread: if it is ended mid-transaction, the rest fails (503) rather
          // than running outside the transaction on its successor.
          const out = await fn(on(t));
          await timed(t, COMMIT);
          return out;
        } catch (err) {
          if (t.alive) await timed(t, ROLLBACK).catch(() => undefined);
          throw err;
        }
      } finally {
        release();
      }
    },
    async session<T>(fn: (session: Queryable) => Promise<T>): Promise<T> {
      // The one connection there is, held for `fn` and never cut off: a migration may run far
      // longer than a request may. A thread ended meanwhile fails the rest of `fn` (503).
      const release = await turn(false);
      try {
        return await fn(on(await current(), (t, call) => t.run(call)));
      } finally {
        release();
      }
    },
    close() {
      closing ??= (async () => {
        // Waits for the callers already queued, then closes cleanly (a checkpoint on disk).
        const release = await lock.acquire();
        try {
          const t = await thread.catch(() => undefined);
          if (t?.alive === true) {
            await t.run({ op: 'close' }).catch(() => undefined);
            await t.terminate();
          }
        } finally {
          release();
          releaseDir();
        }
      })();
      return closing;
    },
  };
}
