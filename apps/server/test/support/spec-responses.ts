// Checks any answer of the server against openapi.json, independently of the server's own
// response validation (which never sees what auth, the body parser or the error handler send):
// the status must be declared for the operation, the body must match that response's schema and
// the headers it declares must be there. A request outside the spec's operations (unknown path
// or method) must get a 4xx with one of the spec's error bodies.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadSpec } from '../../src/spec.js';

interface ResponseObject {
  $ref?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
}

interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject> };
}

export interface Answer {
  method: string;
  /** The path as requested, query string included. */
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's text ('' when there is none). */
  text: string;
}

const spec = loadSpec() as Spec;
const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'spec', paths: spec.paths, components: spec.components });
const compiled = new Map<string, ValidateFunction>();

function validator(pointer: string): ValidateFunction {
  let v = compiled.get(pointer);
  if (v === undefined) {
    v = ajv.compile({ $ref: `spec#${pointer}` });
    compiled.set(pointer, v);
  }
  return v;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const ERROR_BODY = [validator('/components/schemas/ErrorResponse'), validator('/components/schemas/HTTPValidationError')];

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Everything wrong with one answer; `[]` when it conforms. */
export function answerViolations(a: Answer): string[] {
  const path = a.path.split('?', 1)[0] ?? '';
  const method = a.method.toLowerCase();
  const operation = spec.paths[path]?.[method];
  const out: string[] = [];
  if (a.headers['x-request-id'] === undefined) out.push('no X-Request-Id header');
  const body = parseJson(a.text);
  if (operation === undefined) {
    if (a.status < 400 || a.status >= 500) out.push(`${a.method} ${path} is no operation of the spec, yet answered ${a.status}`);
    // HEAD answers carry no body.
    if (method !== 'head' && !(body.ok && ERROR_BODY.some((v) => v(body.value)))) out.push(`status ${a.status}: not an error body of the spec: ${a.text.slice(0, 200)}`);
    return out;
  }
  let response = operation.responses[String(a.status)];
  let pointer = `/paths/${escape(path)}/${method}/responses/${a.status}`;
  if (response === undefined) return [...out, `status ${a.status} is not declared for ${a.method} ${path}`];
  const shared = /^#\/components\/responses\/([^/]+)$/.exec(response.$ref ?? '')?.[1];
  if (shared !== undefined) {
    response = spec.components.responses[shared] ?? {};
    pointer = `/components/responses/${escape(shared)}`;
  }
  for (const name of Object.keys(response.headers ?? {})) {
    if (a.headers[name.toLowerCase()] === undefined) out.push(`status ${a.status}: no ${name} header`);
  }
  if (response.content?.['application/json']?.schema !== undefined) {
    const validate = validator(`${pointer}/content/application~1json/schema`);
    if (!body.ok) out.push(`status ${a.status}: the body is not JSON: ${a.text.slice(0, 200)}`);
    else if (!validate(body.value)) out.push(`status ${a.status}: ${ajv.errorsText(validate.errors)}: ${a.text.slice(0, 200)}`);
  }
  return out;
}
