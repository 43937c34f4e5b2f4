// Every request field is bounded in openapi.json itself, so the server, the fake and Prism refuse
// an oversized request before any rule runs: each string has a maxLength (or an enum), each list
// a maxItems, each map a maxProperties and bounded keys, each integer a maximum. The only
// unbounded value is `payload`, limited by its 1 MiB size rule instead.
import { describe, expect, it } from 'vitest';
import { openapiSpec } from '../src/spec.js';

type Schema = Record<string, unknown>;

const schemas = openapiSpec.components.schemas as unknown as Record<string, Schema>;
const REQUESTS = ['FeedbackCreateReq', 'FeedbackCreateBatchReq', 'FeedbackStatsReq', 'FeedbackAggregateReq', 'FeedbackPayloadSchemaReq', 'FeedbackReplaceReq', 'FeedbackPurgeReq', 'FeedbackQueryReq'];
/** Free-form JSON, limited by the 1 MiB payload rule rather than by the schema. */
const FREE_FORM = new Set(['FeedbackCreateReq.payload', 'FeedbackReplaceReq.payload', 'FeedbackCreateBatchReq.batch[].payload']);

function resolve(schema: Schema): { schema: Schema; name?: string } {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return { schema };
  const name = ref.replace('#/components/schemas/', '');
  const target = schemas[name];
  if (target === undefined) throw new Error(`unresolved ${ref}`);
  return { schema: target, name };
}

/** Every place that is not bounded, as a path. */
function unbounded(raw: Schema, path: string, seen: Set<string>): string[] {
  const { schema, name } = resolve(raw);
  if (name !== undefined) {
    if (seen.has(name)) return [];
    seen.add(name);
  }
  if (FREE_FORM.has(path)) return [];
  const out: string[] = [];
  for (const branch of (schema['anyOf'] as Schema[] | undefined) ?? []) out.push(...unbounded(branch, path, seen));
  switch (schema['type']) {
    case 'string':
      if (schema['maxLength'] === undefined && schema['enum'] === undefined) out.push(`${path}: string without maxLength`);
      break;
    case 'integer':
    case 'number':
      if (schema['type'] === 'integer' && schema['maximum'] === undefined) out.push(`${path}: integer without maximum`);
      break;
    case 'array':
      if (schema['maxItems'] === undefined) out.push(`${path}: array without maxItems`);
      out.push(...unbounded(schema['items'] as Schema, `${path}[]`, seen));
      break;
    case 'object': {
      for (const [key, prop] of Object.entries((schema['properties'] as Record<string, Schema> | undefined) ?? {})) {
        out.push(...unbounded(prop, `${path}.${key}`, seen));
      }
      const values = schema['additionalProperties'];
      if (typeof values === 'object' && values !== null) {
        if (schema['maxProperties'] === undefined) out.push(`${path}: map without maxProperties`);
        if ((schema['propertyNames'] as Schema | undefined)?.['maxLength'] === undefined) out.push(`${path}: map keys without maxLength`);
        out.push(...unbounded(values as Schema, `${path}{}`, seen));
      } else if (values !== false) {
        out.push(`${path}: open object`);
      }
      break;
    }
  }
  return out;
}

describe('request schemas', () => {
  it.each(REQUESTS)('%s bounds every string, list, map and integer', (name) => {
    expect(unbounded({ $ref: `#/components/schemas/${name}` }, name, new Set())).toEqual([]);
  });

  it('bound what the walk above reads (a sample)', () => {
    const create = schemas['FeedbackCreateReq']?.['properties'] as Record<string, Schema>;
    expect(create['project_id']?.['maxLength']).toBe(257);
    expect(create['scorer_ratings']?.['maxProperties']).toBe(256);
    const aggregate = schemas['FeedbackAggregateReq']?.['properties'] as Record<string, Schema>;
    expect(aggregate['before_ms']?.['maximum']).toBe(253_402_300_799_999);
  });
});
