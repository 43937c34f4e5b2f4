import express, { type Router } from 'express';
import { ApiError } from '@feedback/semantics';
import type { Db } from '../storage/db.js';

export function healthRouter(db: Db): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await db.query('SELECT 1 FROM schema_migrations LIMIT 1');
    } catch {
      throw new ApiError('unavailable', 'The database is unavailable; retry later');
    }
    res.json({ status: 'ready' });
  });
  return router;
}
