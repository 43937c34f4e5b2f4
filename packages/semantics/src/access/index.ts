export { assertProjectGranted, requestIdFor } from './access.js';
