// Changing stored feedback: replace and purge, shared by the reference server and the fake.
export {
  assembleReplaceResponse,
  checkReplaceRequest,
  notFoundError,
  planReplace,
  type CheckedReplaceRequest,
  type ReplacePlan,
  type ReplaceState,
} from './replace.js';
export {
  MAX_PURGE_IDS,
  PURGE_IDS_ONLY,
  assemblePurgeResponse,
  checkPurgeRequest,
  purgeIdsOf,
  purgeMatches,
  type CheckedPurgeRequest,
  type PurgeCandidate,
} from './purge.js';
