export {
  MAX_PAYLOAD_PATH_CHARS,
  MAX_PAYLOAD_PATH_DEPTH,
  PAYLOAD_KEY_PATTERN,
  PAYLOAD_VALUE_TYPES,
  emptyPayloadPathTally,
  isNameablePath,
  pathTypeCounts,
  payloadValueType,
  tallyPayloadPaths,
  type PathTypeCount,
  type PayloadPathTally,
  type PayloadValueType,
} from './payload-paths.js';
export {
  DEFAULT_PAYLOAD_SCHEMA_ROWS,
  MAX_PAYLOAD_SCHEMA_ROWS,
  checkPayloadSchemaRequest,
  type CheckedPayloadSchemaRequest,
} from './check-request.js';
export { MAX_PAYLOAD_SCHEMA_PATHS, assemblePayloadSchemaResponse, type PayloadSchemaCounts } from './assemble.js';
