// What the contract runner and the differential test need from a target. Stateful targets (the
// server on PGlite or PostgreSQL, the MSW fake) keep rows and apply every rule; the shape target
// (Prism) only knows the schema.
import type { SeedRow } from './seed-row.js';

interface TargetBase {
  readonly name: string;
  /** Where requests go; for the fake a made-up origin that MSW intercepts. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export interface StatefulTarget extends TargetBase {
  readonly kind: 'stateful';
  /** Sets the clock: `created_at` of new rows and the default stats `end` follow it. */
  setNow(epochMs: number): void;
  /** Stores rows as if they had been created at their `created_at`. */
  seed(rows: readonly SeedRow[]): Promise<void>;
}

export interface ShapeTarget extends TargetBase {
  readonly kind: 'shape';
}

export type ContractTarget = StatefulTarget | ShapeTarget;

/** The clock every stateful target starts with. */
export const INITIAL_NOW_MS = Date.parse('2024-06-01T12:00:00Z');
