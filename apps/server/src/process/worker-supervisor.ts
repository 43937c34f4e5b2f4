// The cluster primary: forks the HTTP workers, replaces one that dies after a pause that grows
// while they keep dying (restart-backoff.ts), and on SIGTERM/SIGINT drains them all: each has
// the grace period to finish its requests; a worker that has not exited some time after that is
// killed, and the primary exits 1 when any of them did not stop cleanly.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { FORCED_EXIT_MS } from './graceful-shutdown.js';
import { createRestartBackoff, type RestartBackoff } from './restart-backoff.js';

export interface SupervisorOptions {
  count: number;
  graceMs: number;
  logger: Logger;
  backoff?: RestartBackoff;
}

export function superviseWorkers({ count, graceMs, logger, backoff = createRestartBackoff() }: SupervisorOptions): void {
  let closing = false;
  let unclean = false;
  const startedAt = new Map<number, number>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  const fork = (): Worker => {
    const w = cluster.fork();
    startedAt.set(w.id, Date.now());
    return w;
  };
  const liveWorkers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);

  cluster.on('exit', (worker, code, signal) => {
    const uptimeMs = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (closing) {
      if (code !== 0) unclean = true;
      if (liveWorkers().length === 0) process.exit(unclean ? 1 : 0);
      return;
    }
    const restartInMs = backoff.next(uptimeMs);
    logger.error({ worker: worker.id, code, signal, uptimeMs, restartInMs }, 'worker exited; starting a new one');
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      const next = fork();
      logger.info({ worker: next.id, replaces: worker.id }, 'worker restarted');
    }, restartInMs);
    pendingRestarts.add(timer);
  });
  for (let i = 0; i < count; i++) fork();
  logger.info({ workers: count }, `started ${count} HTTP workers`);

  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: draining the workers');
    for (const t of pendingRestarts) clearTimeout(t);
    pendingRestarts.clear();
    const workers = liveWorkers();
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w.process.kill('SIGTERM');
    // Each worker exits by itself at most FORCED_EXIT_MS after its grace period: this is the backstop.
    setTimeout(() => {
      logger.error({ graceMs }, 'workers still running after the grace period: killing them');
      for (const w of liveWorkers()) w.process.kill('SIGKILL');
      process.exit(1);
    }, graceMs + 2 * FORCED_EXIT_MS);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
