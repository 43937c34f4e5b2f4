// The worker thread that runs PGlite. PostgreSQL in WASM computes on the thread that calls it, so
// a long statement on the server's own thread would freeze every request, /healthz included; here
// it only occupies this thread. Requests are answered one at a time, in the order they arrive.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { toErrorFields, type PgliteRequest, type PgliteResponse, type PgliteWorkerData } from './pglite-protocol.js';

if (parentPort === null) throw new Error('pglite-worker.ts runs only as a worker thread');
const port = parentPort;
const { dataDir, sessionSql } = workerData as PgliteWorkerData;
const send = (message: PgliteResponse): void => port.postMessage(message);

async function answer(db: PGlite, req: PgliteRequest): Promise<void> {
  try {
    if (req.op === 'query') {
      const res = await db.query<object>(req.sql, [...req.params]);
      send({ kind: 'result', id: req.id, rows: res.rows });
    } else if (req.op === 'exec') {
      await db.exec(req.sql);
      send({ kind: 'result', id: req.id, rows: [] });
    } else {
      await db.close();
      send({ kind: 'result', id: req.id, rows: [] });
      port.close();
    }
  } catch (err) {
    send({ kind: 'failed', id: req.id, error: toErrorFields(err) });
  }
}

async function main(): Promise<void> {
  let db: PGlite;
  try {
    db = new PGlite(dataDir);
    await db.waitReady;
    await db.exec(sessionSql);
  } catch (err) {
    send({ kind: 'open-failed', error: toErrorFields(err) });
    port.close();
    return;
  }
  let previous: Promise<void> = Promise.resolve();
  port.on('message', (req: PgliteRequest) => {
    previous = previous.then(() => answer(db, req));
  });
  send({ kind: 'ready' });
}

void main();
