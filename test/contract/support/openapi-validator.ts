// Validates response bodies against openapi.json with a real JSON-Schema validator (Ajv, draft
// 2020-12, the dialect of OpenAPI 3.1): the schema of the operation's response for that status,
// $refs into components resolved by Ajv itself. A status the operation does not declare is a
// violation too, so a stray 500 or 404 can never pass as "some error".
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openapiSpec } from '@feedback/api-types/spec';

export type Method = 'get' | 'post';

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
}

interface OperationObject {
  responses: Record<string, ResponseObject>;
}

const SPEC_ID = 'openapi';
const JSON_MEDIA = 'application/json';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema({ $id: SPEC_ID, paths: openapiSpec.paths, components: openapiSpec.components });

const compiled = new Map<string, ValidateFunction>();

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function operationOf(method: Method, path: string): OperationObject | undefined {
  const paths = openapiSpec.paths as unknown as Record<string, Record<string, OperationObject> | undefined>;
  return paths[path]?.[method];
}

/** The JSON pointer (inside the spec) of the JSON schema of one declared response. */
function responseSchemaPointer(method: Method, path: string, status: number): string | undefined {
  const response = operationOf(method, path)?.responses[String(status)];
  if (response === undefined) return undefined;
  let pointer = `/paths/${escapePointer(path)}/${method}/responses/${status}`;
  let resolved: ResponseObject = response;
  if (response.$ref !== undefined) {
    // Response objects (not schemas) are shared under components.responses: follow that one hop here.
    const name = /^#\/components\/responses\/([^/]+)$/.exec(response.$ref)?.[1];
    const shared = name === undefined ? undefined : (openapiSpec.components as unknown as { responses: Record<string, ResponseObject> }).responses[name];
    if (name === undefined || shared === undefined) throw new Error(`cannot resolve ${response.$ref}`);
    pointer = `/components/responses/${escapePointer(name)}`;
    resolved = shared;
  }
  if (resolved.content?.[JSON_MEDIA]?.schema === undefined) return undefined;
  return `${pointer}/content/${escapePointer(JSON_MEDIA)}/schema`;
}

function validatorFor(method: Method, path: string, status: number): ValidateFunction | undefined {
  const key = `${method} ${path} ${status}`;
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  const pointer = responseSchemaPointer(method, path, status);
  if (pointer === undefined) return undefined;
  const validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
  compiled.set(key, validate);
  return validate;
}

/** The statuses the spec declares for an operation, e.g. `['200', '400', …]`. */
export function declaredStatuses(method: Method, path: string): string[] {
  return Object.keys(operationOf(method, path)?.responses ?? {});
}

/**
 * Everything wrong with a response according to openapi.json; `[]` when it conforms. `body` is
 * the parsed JSON, or `undefined` when the response was not JSON.
 */
export function responseViolations(method: Method, path: string, status: number, body: unknown): string[] {
  if (operationOf(method, path) === undefined) return [`${method.toUpperCase()} ${path} is not in openapi.json`];
  const validate = validatorFor(method, path, status);
  if (validate === undefined) {
    return [`${method.toUpperCase()} ${path} does not declare status ${status} (declared: ${declaredStatuses(method, path).join(', ')})`];
  }
  if (body === undefined) return [`status ${status}: the body is not JSON`];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `status ${status}: body${e.instancePath} ${e.message ?? e.keyword} (${e.schemaPath})`);
}
