// Request bodies checked against openapi.json's component schemas the way the server's
// express-openapi-validator does it (Ajv 2020, stopping at the first failure, defaults filled in,
// its error paths and messages), mapped to the 422 body through the same toValidationDetail as the server.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { openapiSpec } from '@feedback/api-types/spec';
import { ApiError, pathSegments, toValidationDetail, type SchemaFailure } from '@feedback/semantics';

export type RequestSchemaName = 'FeedbackCreateReq' | 'FeedbackCreateBatchReq' | 'FeedbackStatsReq' | 'FeedbackAggregateReq' | 'FeedbackPayloadSchemaReq' | 'FeedbackReplaceReq' | 'FeedbackPurgeReq' | 'FeedbackQueryReq';

// ajv-formats 3's "fast" date-time, which the validator uses: `T` only, an offset required.
const FAST_DATE_TIME = /^\d\d\d\d-[0-1]\d-[0-3]\dt(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i;

let ajv: Ajv2020 | undefined;
const compiled = new Map<RequestSchemaName, ValidateFunction>();

function validatorFor(name: RequestSchemaName): ValidateFunction {
  const hit = compiled.get(name);
  if (hit !== undefined) return hit;
  if (ajv === undefined) {
    // The validator's request options (its AjvOptions.request with validateRequests: { allErrors: false }).
    ajv = new Ajv2020({
      allErrors: false,
      useDefaults: true,
      strict: false,
      strictNumbers: true,
      strictTuples: true,
      allowUnionTypes: false,
      validateSchema: false,
      coerceTypes: false,
      removeAdditional: false,
    });
    ajv.addFormat('date-time', { type: 'string', validate: FAST_DATE_TIME });
    ajv.addSchema({ $id: 'openapi', components: openapiSpec.components });
  }
  const validate = ajv.compile({ $ref: `openapi#/components/schemas/${name}` });
  compiled.set(name, validate);
  return validate;
}

/** The validator's error path: the missing/extra property appended, as a `/body/...` pointer. */
function errorPath(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  for (const key of ['missingProperty', 'additionalProperty', 'unevaluatedProperty']) {
    const name = params[key];
    if (typeof name === 'string' && name !== '') return `${e.instancePath}/${name}`;
  }
  return e.instancePath;
}

function errorMessage(e: ErrorObject): string {
  const message = e.message ?? '';
  const allowed = (e.params as { allowedValues?: unknown }).allowedValues;
  return e.keyword === 'enum' && Array.isArray(allowed) ? `${message}: ${allowed.join(', ')}` : message;
}

/** What the server's validation-errors.ts makes of one error (its path splitting included). */
function toFailure(e: ErrorObject): SchemaFailure {
  return {
    path: pathSegments(`/body${errorPath(e)}`).slice(1),
    keyword: e.keyword,
    message: errorMessage(e),
  };
}

/** Validates `body` (filling schema defaults into it), or throws the server's 422. */
export function assertMatchesSchema(name: RequestSchemaName, body: unknown): void {
  const validate = validatorFor(name);
  if (validate(body)) return;
  throw new ApiError('validation', 'The request body does not match the schema', toValidationDetail((validate.errors ?? []).map(toFailure)));
}
