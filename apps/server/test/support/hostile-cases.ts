// Request tables for the hostile-input suite: the endpoints with a valid body each, deep JSON,
// and schema violations with the `loc` each must be reported at.
import { customBody, runnableBody } from './create-bodies.js';
import { deepArrayJson, deepObjectJson } from './hostile-values.js';

export const WINDOW = { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' };
export const WINDOW_MS = { after_ms: Date.parse(WINDOW.start), before_ms: Date.parse(WINDOW.end) };
export const ENDPOINTS = ['/feedback/create', '/feedback/stats', '/feedback/aggregate'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export const VALID_BODY: Record<Endpoint, object> = {
  '/feedback/create': customBody(),
  '/feedback/stats': { project_id: 'acme/bot', ...WINDOW },
  '/feedback/aggregate': { project_id: 'acme/bot', ...WINDOW_MS },
};

/** [label, path, raw body, expected status]: 10,000 levels of nesting in various places. */
export const DEEP_JSON_CASES: [string, Endpoint, string, number][] = [
  ['create payload, objects', '/feedback/create', `{"project_id":"acme/bot","weave_ref":"w","feedback_type":"t","payload":${deepObjectJson(10_000)}}`, 400],
  ['create payload, arrays', '/feedback/create', `{"project_id":"acme/bot","weave_ref":"w","feedback_type":"t","payload":{"a":${deepArrayJson(10_000)}}}`, 400],
  ['create scorer_tag_reasons', '/feedback/create', `{"project_id":"acme/bot","weave_ref":"w","feedback_type":"t","payload":{},"scorer_tag_reasons":${deepObjectJson(10_000)}}`, 422],
  ['create unknown key', '/feedback/create', `{"project_id":"acme/bot","weave_ref":"w","feedback_type":"t","payload":{},"x":${deepObjectJson(10_000)}}`, 422],
  ['stats metrics', '/feedback/stats', `{"project_id":"acme/bot","start":"2024-06-01T00:00:00Z","metrics":${deepArrayJson(10_000)}}`, 422],
  ['aggregate tags', '/feedback/aggregate', `{"project_id":"acme/bot","after_ms":0,"before_ms":1000,"tags":${deepArrayJson(10_000)}}`, 422],
];

/** [label, path, body, loc of the violation]. */
export const SCHEMA_VIOLATIONS: [string, Endpoint, unknown, (string | number)[]][] = [
  ['unknown key', '/feedback/create', { ...customBody(), nope: 1 }, ['body', 'nope']],
  ['missing field', '/feedback/create', { project_id: 'acme/bot', weave_ref: 'w', feedback_type: 't' }, ['body', 'payload']],
  ['wrong type', '/feedback/create', { ...customBody(), creator: 5 }, ['body', 'creator']],
  ['wrong item type', '/feedback/create', { ...runnableBody(), scorer_tags: [1] }, ['body', 'scorer_tags', 0]],
  ['bad enum', '/feedback/create', { ...customBody(), span_status_code: 'FINE' }, ['body', 'span_status_code']],
  ['unknown key', '/feedback/stats', { ...VALID_BODY['/feedback/stats'], nope: 1 }, ['body', 'nope']],
  ['nested unknown key', '/feedback/stats', { ...VALID_BODY['/feedback/stats'], metrics: [{ json_path: 'a', zzz: 1 }] }, ['body', 'metrics', 0, 'zzz']],
  ['wrong type', '/feedback/stats', { ...VALID_BODY['/feedback/stats'], granularity: 'hourly' }, ['body', 'granularity']],
  ['bad date-time', '/feedback/stats', { ...VALID_BODY['/feedback/stats'], start: "2024-06-01'; --" }, ['body', 'start']],
  ['unknown key', '/feedback/aggregate', { ...VALID_BODY['/feedback/aggregate'], nope: 1 }, ['body', 'nope']],
  ['wrong type', '/feedback/aggregate', { ...VALID_BODY['/feedback/aggregate'], after_ms: '0' }, ['body', 'after_ms']],
  ['bad enum item', '/feedback/aggregate', { ...VALID_BODY['/feedback/aggregate'], group_by: ['scorer_id', 'x'] }, ['body', 'group_by', 1]],
  ['top-level array', '/feedback/aggregate', [], ['body']],
];
