import { describe, expect, it } from 'vitest';
import { MAX_VALIDATION_DETAIL, pathSegments, toValidationDetail } from './validation-detail.js';

describe('toValidationDetail', () => {
  it('prefixes body and maps keywords to FastAPI-like types', () => {
    expect(toValidationDetail([{ path: ['project_id'], keyword: 'required', message: "must have required property 'project_id'" }])).toEqual([
      { loc: ['body', 'project_id'], msg: "must have required property 'project_id'", type: 'missing' },
    ]);
  });
  it('collapses the branches of one failed anyOf into one entry', () => {
    const d = toValidationDetail([
      { path: ['granularity'], keyword: 'type', message: 'must be integer' },
      { path: ['granularity'], keyword: 'type', message: 'must be null' },
      { path: ['granularity'], keyword: 'anyOf', message: 'must match a schema in anyOf' },
    ]);
    expect(d).toHaveLength(1);
    expect(d[0]?.loc).toEqual(['body', 'granularity']);
  });
  it('names a bound broken by a string, a list or a map like FastAPI does', () => {
    const d = toValidationDetail([
      { path: ['project_id'], keyword: 'maxLength', message: 'must NOT have more than 257 characters' },
      { path: ['metrics'], keyword: 'maxItems', message: 'must NOT have more than 50 items' },
      { path: ['scorer_ratings'], keyword: 'maxProperties', message: 'must NOT have more than 256 properties' },
    ]);
    expect(d.map((e) => e.type)).toEqual(['string_too_long', 'too_long', 'too_long']);
  });
  it('lists at most MAX_VALIDATION_DETAIL locations, however many fail', () => {
    const failures = Array.from({ length: 100_000 }, (_, i) => ({ path: ['tags', i], keyword: 'type', message: 'must be string' }));
    const d = toValidationDetail(failures);
    expect(d).toHaveLength(MAX_VALIDATION_DETAIL);
    expect(d[0]?.loc).toEqual(['body', 'tags', 0]);
  });
  it('parses both path notations', () => {
    expect(pathSegments('/body/metrics/0/json_path')).toEqual(['body', 'metrics', 0, 'json_path']);
    expect(pathSegments('metrics[1].value_type')).toEqual(['metrics', 1, 'value_type']);
  });
});
