// Value helpers shared by the server and the fakes: how PostgreSQL would print, order,
// extract and aggregate JSON values, and which strings it cannot store.
export { canonicalJson } from './canonical-json.js';
export { extractMetricValue, extractPath } from './extract.js';
export { jsonScalarText, plainDecimalText } from './json-text.js';
export { compareCodePoints } from './order.js';
export { assertFiniteNumbers } from './finite-numbers.js';
export { interpolate, percentileCont, widePercentile } from './percentile.js';
export { ExactSum, exactSum } from './exact-sum.js';
export { MAX_JSON_DEPTH, assertCleanStrings, assertMaxDepth, hasUnstorableText, jsonDepth, utf8ByteLength } from './strings.js';
