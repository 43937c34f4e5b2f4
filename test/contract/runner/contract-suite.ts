// Declares the whole contract suite for one target: the target starts once per test file, every
// case it is meant for runs against it, and an SDK round trip proves the generated client talks
// to it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackClient } from '@feedback/sdk';
import { contractCases } from '../cases/index.js';
import type { ContractCase } from '../cases/contract-case.js';
import { KEYS } from '../support/keys.js';
import type { ContractTarget } from '../targets/target.js';
import { runCase } from './run-case.js';

export interface SuiteOptions {
  label: string;
  kind: ContractTarget['kind'];
  start: () => Promise<ContractTarget>;
  /** Why the suite is skipped here (e.g. no DATABASE_URL); run when undefined. */
  skipReason?: string | undefined;
  /** Only the cases this accepts (default: all that fit the target's kind). */
  filter?: (c: ContractCase) => boolean;
}

export function defineContractSuite(opts: SuiteOptions): void {
  const cases = contractCases.filter((c) => (opts.kind === 'stateful' || c.targets === 'all') && (opts.filter?.(c) ?? true));
  describe.skipIf(opts.skipReason !== undefined)(`contract: ${opts.label}${opts.skipReason === undefined ? '' : ` (skipped: ${opts.skipReason})`}`, () => {
    let target: ContractTarget | undefined;
    beforeAll(async () => {
      target = await opts.start();
    });
    afterAll(async () => {
      await target?.close();
    });
    const current = (): ContractTarget => {
      if (target === undefined) throw new Error('the target did not start');
      return target;
    };

    for (const c of cases) {
      it(c.name, () => runCase(current(), c));
    }

    it('the SDK round-trips against it', async () => {
      const t = current();
      const client = createFeedbackClient({ baseUrl: t.baseUrl, apiKey: KEYS.alice.key, fetch: (req) => globalThis.fetch(req), retries: 0 });
      const created = await client.create({ project_id: 'acme/sdk-roundtrip', weave_ref: 'weave:///acme/sdk-roundtrip/call/c1', feedback_type: 'custom', payload: { score: 1 } });
      const stats = await client.stats({ project_id: 'acme/sdk-roundtrip', start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z', metrics: [{ json_path: 'score' }] });
      expect(typeof created.id).toBe('string');
      if (t.kind === 'stateful') {
        expect(created.wb_user_id).toBe('alice');
        expect(stats.window_stats).toEqual({ score: { avg: 1, min: 1, max: 1 } });
      } else {
        expect(stats.buckets?.length).toBeGreaterThan(0);
      }
    });
  });
}
