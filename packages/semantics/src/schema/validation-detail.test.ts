import { describe, expect, it } from 'vitest';
import { pathSegments, toValidationDetail } from './validation-detail.js';

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
  it('parses both path notations', () => {
    expect(pathSegments('/body/metrics/0/json_path')).toEqual(['body', 'metrics', 0, 'json_path']);
    expect(pathSegments('metrics[1].value_type')).toEqual(['metrics', 1, 'value_type']);
  });
});
