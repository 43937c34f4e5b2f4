// /feedback/query: the request checked once (fields, expression, order, page), its meaning in JS
// for the fake, and the answer shaped once.
export { checkQueryRequest, DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT, MAX_QUERY_OFFSET, type CheckedQueryRequest } from './check-request.js';
export { assembleQueryResponse, MAX_QUERY_ANSWER_BYTES, queryAnswerTooLarge, type QueryPageRow } from './assemble.js';
export { decodeCursor, encodeCursor, type SortKey } from './cursor.js';
export {
  asciiLower,
  MAX_QUERY_DEPTH,
  MAX_QUERY_NODES,
  parseQuery,
  type Comparison,
  type ConvertTo,
  type Predicate,
  type Scalar,
  type ValueRef,
} from './expression.js';
export {
  MAX_FIELD_PATH_KEYS,
  QUERY_COLUMNS,
  resolveField,
  splitFieldPath,
  type JsonColumn,
  type JsonField,
  type QueryColumn,
  type QueryField,
  type TagsField,
  type TextColumn,
  type TextField,
  type TimeField,
} from './fields.js';
export {
  compareSortKeys,
  jsonAt,
  jsonEquals,
  matchesPredicate,
  NUMBER_TEXT,
  outputsOf,
  sortKeysOf,
  type QueryRowData,
} from './evaluate.js';
export { componentDirection, componentType, resolveSort, SORT_STRING_CHARS, type SortComponent, type SortDirection, type SortSpec } from './sort.js';
