// What the page hands back to the Node test: plain data, so it survives the trip out of the browser.
import type { FeedbackAggregateRes, FeedbackCreateRes, FeedbackStatsRes, ValidationError } from '@feedback/sdk';

/** The fields of a rejected call, read in the page (where `instanceof` means something). */
export interface CaughtError {
  isFeedbackApiError: boolean;
  name: string;
  message: string;
  kind?: string;
  status?: number;
  reason?: string | undefined;
  errorType?: string | undefined;
  detail?: ValidationError[] | undefined;
  requestId?: string | undefined;
}

export interface PageResults {
  origin: string;
  /** Whether a service worker controls the page once MSW has started. */
  controlled: boolean;
  created: FeedbackCreateRes;
  dailyStats: FeedbackStatsRes;
  hourlyStats: FeedbackStatsRes;
  aggregate: FeedbackAggregateRes;
  /** `null` when the call unexpectedly succeeded. */
  wrongKey: CaughtError | null;
  crossFieldInvalid: CaughtError | null;
  schemaInvalid: CaughtError | null;
  rowCount: number;
}

export type PageOutcome = { ok: true; results: PageResults } | { ok: false; error: string };

/** Where the page leaves its outcome: a promise on `window`, awaited by `page.evaluate`. */
export const OUTCOME_KEY = '__feedbackOutcome';
export type OutcomeWindow = Window & { [OUTCOME_KEY]?: Promise<PageOutcome> };
