export { assertProjectGranted, requestIdFor } from './access.js';
export { apiKeyFromBasicAuth, BASIC_AUTH_USERNAME } from './basic-auth.js';
