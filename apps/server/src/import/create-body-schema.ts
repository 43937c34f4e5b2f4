// Checks a /feedback/create body against openapi.json outside HTTP (the importer), with the
// same JSON-Schema the request validator uses.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidationError } from '@feedback/api-types';
import { ApiError } from '@feedback/semantics';
import { loadSpec } from '../spec.js';

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[] | null };

let compiled: Validate | undefined;

function validator(): Validate {
  if (compiled !== undefined) return compiled;
  const spec = loadSpec() as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'spec', components: spec.components });
  compiled = ajv.compile({ $ref: 'spec#/components/schemas/FeedbackCreateReq' }) as Validate;
  return compiled;
}

export function assertCreateBody(body: unknown): void {
  const validate = validator();
  if (validate(body)) return;
  const detail: ValidationError[] = (validate.errors ?? []).map((e) => {
    const loc: (string | number)[] = ['body', ...e.instancePath.split('/').filter((p) => p.length > 0)];
    if (e.keyword === 'required') loc.push(String(e.params['missingProperty']));
    if (e.keyword === 'additionalProperties') loc.push(String(e.params['additionalProperty']));
    return { loc, msg: e.message ?? 'invalid', type: e.keyword };
  });
  throw new ApiError('validation', 'The body does not match the schema', detail);
}
