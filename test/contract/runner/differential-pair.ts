// The two targets the differential test compares, and one run replayed on both. The server runs
// on PostgreSQL when DATABASE_URL is set, else on PGlite, so the test always runs.
import type { DifferentialRun } from '../arbitraries/differential-run.js';
import { responseDifferences } from '../support/compare-responses.js';
import { databaseUrl } from '../support/env.js';
import { sendRaw } from '../support/http.js';
import { basicAuth, KEYS } from '../support/keys.js';
import { startFakeTarget } from '../targets/fake-target.js';
import { startServerTarget } from '../targets/server-target.js';
import type { StatefulTarget } from '../targets/target.js';

export interface DifferentialPair {
  fake: StatefulTarget;
  server: StatefulTarget;
  close(): Promise<void>;
}

export function differentialEngine(): 'postgres' | 'pglite' {
  return databaseUrl() === undefined ? 'pglite' : 'postgres';
}

export async function startDifferentialPair(): Promise<DifferentialPair> {
  const server = await startServerTarget(differentialEngine());
  const fake = await startFakeTarget();
  return {
    fake,
    server,
    async close() {
      await fake.close();
      await server.close();
    },
  };
}

export interface RunOutcome {
  /** Status per request (the fake's; equal to the server's when there is no difference). */
  statuses: number[];
  /** Empty when both targets agreed on every request; else a report to print. */
  report: string;
}

const AUTH = basicAuth(KEYS.alice.key);

/** Stores the run's rows in both targets, asks both every request, and compares the answers. */
export async function replayOnBoth(pair: DifferentialPair, run: DifferentialRun): Promise<RunOutcome> {
  pair.fake.setNow(run.nowMs);
  pair.server.setNow(run.nowMs);
  await pair.fake.seed(run.rows);
  await pair.server.seed(run.rows);
  const statuses: number[] = [];
  for (const req of run.requests) {
    const [a, b] = await Promise.all([
      sendRaw(pair.fake.baseUrl, { path: req.path, body: req.body, authorization: AUTH }),
      sendRaw(pair.server.baseUrl, { path: req.path, body: req.body, authorization: AUTH }),
    ]);
    statuses.push(a.status);
    const differences = responseDifferences(req.path, a, b, [pair.fake.name, pair.server.name]);
    if (differences.length > 0) {
      const report = [
        `${pair.fake.name} and ${pair.server.name} disagree on POST ${req.path}`,
        `now: ${new Date(run.nowMs).toISOString()}`,
        `request: ${JSON.stringify(req.body)}`,
        `rows: ${JSON.stringify(run.rows)}`,
        ...differences.slice(0, 30).map((d) => `  ${d}`),
        `${pair.fake.name}: ${a.status} ${a.text.slice(0, 1500)}`,
        `${pair.server.name}: ${b.status} ${b.text.slice(0, 1500)}`,
      ].join('\n');
      return { statuses, report };
    }
  }
  return { statuses, report: '' };
}
