// What a route needs besides its body: the caller, the clock, the rows, and the switch that
// makes storage look unreachable.
import type { Principal } from '../http/auth.js';
import type { FeedbackStore } from '../store/feedback-store.js';

export interface RouteContext {
  principal: Principal;
  /** Epoch ms, whole. */
  now: () => number;
  store: FeedbackStore;
  /** Throws the server's 503 while the fake is set unavailable: call it where the server touches the database. */
  assertAvailable: () => void;
}
