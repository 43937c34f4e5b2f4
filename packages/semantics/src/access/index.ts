export { assertProjectGranted, requestIdFor } from './access.js';
export { apiKeyFromBasicAuth, BASIC_AUTH_USERNAME } from './basic-auth.js';
export {
  assertBackfillGranted,
  assertScopeGranted,
  DEFAULT_KEY_SCOPES,
  expiredKeyError,
  revokedKeyError,
  isKeyExpired,
  isKeyScope,
  KEY_SCOPES,
  parseKeyScopes,
  SCOPE_REQUIRED,
  type FeedbackOperationName,
  type KeyScope,
} from './key-rules.js';
