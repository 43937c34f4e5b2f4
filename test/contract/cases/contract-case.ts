// The contract cases are data: a request, the response it must get, and which targets run it.
// One runner (runner/run-case.ts) replays them against every target.
import type { KeyName } from '../support/keys.js';
import type { SeedRow } from '../targets/seed-row.js';

export type Endpoint = '/feedback/create' | '/feedback/batch/create' | '/feedback/stats' | '/feedback/aggregate' | '/feedback/payload_schema' | '/feedback/replace' | '/feedback/purge' | '/feedback/query';

export interface CaseRequest {
  path: Endpoint;
  /** Sent as JSON text. */
  body?: unknown;
  /** Sent as is, for what JSON.stringify cannot say (malformed JSON). */
  rawBody?: string;
  /** Whose key to send (default alice); `null` sends no credentials at all. */
  key?: KeyName | null;
  /** A literal Authorization header instead of `key` (wrong key, wrong username, other schemes). */
  authorization?: string;
  /** Default `application/json`. */
  contentType?: string;
  /** Content-Encoding: gzip and deflate bodies are sent compressed. */
  contentEncoding?: string;
  /**
   * Sent verbatim instead of `body`/`rawBody`, never compressed again (with `contentEncoding`
   * as the header): for compressed bodies that are corrupt or truncated.
   */
  bytes?: Uint8Array<ArrayBuffer>;
}

/** A 422 entry as compared: `loc` and `type`, never the wording of `msg`. */
export interface DetailEntry {
  loc: (string | number)[];
  type: string;
}

export interface CaseExpect {
  status: number;
  /**
   * The whole body, on stateful targets (timestamps as instants, floats to 1e-9 relative, key
   * order included).
   */
  body?: unknown;
  /** For a 422, on stateful targets: the detail entries, in any order, each found once. */
  detail?: DetailEntry[];
  /** For other errors, on stateful targets: the `error_type`. */
  errorType?: string;
  /** Headers every target must send, matched by pattern. */
  headers?: Record<string, RegExp>;
  /** Free-form assertions on the body (with vitest's expect), on stateful targets. */
  check?: (body: unknown) => void;
}

export interface CaseStep {
  /** The clock of stateful targets from this step on, ISO 8601. */
  now?: string;
  request: CaseRequest;
  expect: CaseExpect;
}

export interface ContractCase {
  name: string;
  /**
   * `all`: the request is valid or invalid by the schema alone, so Prism answers it too (status
   * and body shape only); `stateful`: it needs stored rows or rules beyond the schema.
   */
  targets: 'all' | 'stateful';
  /** The clock of stateful targets during the case, ISO 8601. */
  now?: string;
  /** Rows stored before the first request (stateful targets). */
  seed?: SeedRow[];
  /** Requests sent first, in order, each checked like the main one. */
  before?: CaseStep[];
  request: CaseRequest;
  expect: CaseExpect;
  /** The clock for the main request, when it differs from `now`. */
  requestNow?: string;
}
