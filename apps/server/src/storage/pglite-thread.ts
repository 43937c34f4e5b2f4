// One worker thread running PGlite (pglite-worker.ts), seen from the server's thread: requests go
// out, answers come back in the same order. The thread keeps the process alive only while it has
// work, as the in-process PGlite did: an idle database never holds up the process's exit.
import { Worker } from 'node:worker_threads';
import {
  PgliteDatabaseError,
  type PgliteErrorFields,
  type PgliteRequest,
  type PgliteResponse,
  type PgliteWorkerData,
} from './pglite-protocol.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request before it is numbered. */
export type PgliteCall = WithoutId<PgliteRequest>;

export interface PgliteThread {
  /** Sends one request; resolves with its rows, rejects with the database's error. */
  run(req: PgliteCall): Promise<object[]>;
  /** Ends the thread at once, even in the middle of a statement. */
  terminate(): Promise<void>;
  /** False once the thread has exited, for whatever reason. */
  readonly alive: boolean;
}

/** SQLSTATE 57P01 (admin_shutdown): the classifiers read it as "database unavailable", retryable. */
function threadGone(reason: string): PgliteDatabaseError {
  return new PgliteDatabaseError({ message: `The embedded database stopped: ${reason}`, code: '57P01' });
}

/** The compiled worker beside this module, or, run from source, a shim that loads its TypeScript. */
function workerFile(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./pglite-worker-from-source.mjs', import.meta.url) : new URL('./pglite-worker.js', import.meta.url);
}

export function startPgliteThread(data: PgliteWorkerData): Promise<PgliteThread> {
  const worker = new Worker(workerFile(), { workerData: data });
  const pending = new Map<number, { resolve(rows: object[]): void; reject(err: Error): void }>();
  let nextId = 1;
  let alive = true;
  let opened = false;

  const holdProcess = (): void => {
    if (pending.size > 0 || !opened) worker.ref();
    else worker.unref();
  };
  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const thread: PgliteThread = {
    get alive() {
      return alive;
    },
    run(req) {
      if (!alive) return Promise.reject(threadGone('the worker thread has exited'));
      const id = nextId++;
      return new Promise<object[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        holdProcess();
        try {
          worker.postMessage({ ...req, id } as PgliteRequest);
        } catch (err) {
          // A parameter structured clone cannot copy (a function, say): nothing was sent.
          pending.delete(id);
          holdProcess();
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    },
    async terminate() {
      if (!alive) return;
      await worker.terminate();
    },
  };

  return new Promise<PgliteThread>((resolve, reject) => {
    worker.on('message', (msg: PgliteResponse) => {
      if (msg.kind === 'ready') {
        opened = true;
        holdProcess();
        resolve(thread);
        return;
      }
      if (msg.kind === 'open-failed') {
        reject(new PgliteDatabaseError(msg.error));
        return;
      }
      const p = pending.get(msg.id);
      if (p === undefined) return;
      pending.delete(msg.id);
      if (msg.kind === 'result') p.resolve(msg.rows);
      else p.reject(new PgliteDatabaseError(msg.error as PgliteErrorFields));
      holdProcess();
    });
    worker.on('error', (err) => {
      // An uncaught exception in the worker (a WASM abort, say): the thread is about to exit.
      failAll(threadGone(err.message));
      if (!opened) reject(err);
    });
    worker.on('exit', (code) => {
      alive = false;
      failAll(threadGone(`the worker thread exited (code ${code})`));
      if (!opened) reject(threadGone(`the worker thread exited before the database opened (code ${code})`));
    });
  });
}
