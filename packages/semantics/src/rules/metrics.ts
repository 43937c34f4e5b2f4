// The metric specs of /feedback/stats, checked and resolved once so the server's SQL and the
// fake's JS compute the same outputs under the same keys.
import type { AggregationType, FeedbackMetricSpec, ValueType } from '@feedback/api-types';
import { type ApiError, invalidRequest } from '../errors.js';
import { plainDecimalText } from '../values/json-text.js';

export interface ResolvedPercentile {
  /** 0–100 as requested. */
  p: number;
  /** `p95`, `p99.5`, `p0.0000001`. */
  label: string;
}

export interface ResolvedMetric {
  jsonPath: string;
  /** The object keys `jsonPath` walks, outermost first. */
  segments: string[];
  /** `jsonPath` with `.` and ` ` replaced by `_`. */
  slug: string;
  valueType: ValueType;
  /** As requested, or the value type's defaults when the request listed none. */
  aggregations: AggregationType[];
  percentiles: ResolvedPercentile[];
  /** Categorical only, when asked: how many of the window's most frequent values to count. */
  topValues?: number;
}

/** The most `top_values` a metric may ask for (the schema says the same). */
export const MAX_TOP_VALUES = 50;

const DEFAULT_AGGREGATIONS: Readonly<Record<ValueType, readonly AggregationType[]>> = {
  numeric: ['avg', 'min', 'max'],
  boolean: ['count_true', 'count_false'],
  categorical: ['count'],
};

/**
 * Which aggregations each value type allows. Boolean values count as 0/1 for sum/avg/min/max
 * (as for percentiles); categorical min/max are by code point; count_true/count_false only
 * make sense for booleans.
 */
const ALLOWED: Readonly<Record<ValueType, ReadonlySet<AggregationType>>> = {
  numeric: new Set(['sum', 'avg', 'min', 'max', 'count']),
  boolean: new Set(['sum', 'avg', 'min', 'max', 'count', 'count_true', 'count_false']),
  categorical: new Set(['min', 'max', 'count']),
};

const JSON_PATH_CHARS = /^[A-Za-z0-9_. ]+$/;

/** `p` + the number's shortest decimal text, never in exponent notation. */
/**
 * A metric's sum or average left the float8 range (±1.8e308): PostgreSQL raises an error, and JSON
 * has no Infinity. The request is fine but its answer is not representable, so both the server
 * and the fake refuse it the same way, pointing at what still works.
 */
export function metricOverflowError(): ApiError {
  return invalidRequest(
    'A metric sum or average is beyond the range of a 64-bit float (about ±1.8e308); ask for min, max or count, or a narrower window',
  );
}

export function percentileLabel(p: number): string {
  return `p${plainDecimalText(p)}`;
}

export function metricSlug(jsonPath: string): string {
  return jsonPath.replace(/[. ]/g, '_');
}

/** The bucket keys a metric adds, in order: `<agg>_<slug>` per aggregation, then `<label>_<slug>`. */
export function metricOutputKeys(m: ResolvedMetric): string[] {
  return [...m.aggregations.map((a) => `${a}_${m.slug}`), ...m.percentiles.map((p) => `${p.label}_${m.slug}`)];
}

function jsonPathSegments(jsonPath: string, where: string): string[] {
  if (jsonPath === '') throw invalidRequest(`${where}.json_path must not be empty.`);
  if (!JSON_PATH_CHARS.test(jsonPath)) {
    throw invalidRequest(
      `${where}.json_path ${JSON.stringify(jsonPath)} may contain only letters, digits, '_', '.' and ' '.`,
    );
  }
  const segments = jsonPath.split('.');
  if (segments.some((s) => s === '')) {
    throw invalidRequest(
      `${where}.json_path ${JSON.stringify(jsonPath)} must be dot-separated keys: no leading, trailing or double dot.`,
    );
  }
  return segments;
}

function resolveAggregations(spec: FeedbackMetricSpec, valueType: ValueType, where: string): AggregationType[] {
  const requested = spec.aggregations ?? [];
  const aggregations = requested.length === 0 ? [...DEFAULT_AGGREGATIONS[valueType]] : [...requested];
  const seen = new Set<AggregationType>();
  for (const a of aggregations) {
    if (!ALLOWED[valueType].has(a)) {
      const applies = a === 'count_true' || a === 'count_false' ? 'applies only to boolean metrics' : 'does not apply to categorical metrics';
      throw invalidRequest(`${where}.aggregations: '${a}' ${applies}; this metric is ${valueType}.`);
    }
    if (seen.has(a)) throw invalidRequest(`${where}.aggregations lists '${a}' more than once.`);
    seen.add(a);
  }
  return aggregations;
}

function resolvePercentiles(spec: FeedbackMetricSpec, valueType: ValueType, where: string): ResolvedPercentile[] {
  const requested = spec.percentiles ?? [];
  if (requested.length > 0 && valueType === 'categorical') {
    throw invalidRequest(`${where}.percentiles do not apply to categorical metrics.`);
  }
  const seen = new Set<string>();
  return requested.map((p) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 100)) {
      throw invalidRequest(`${where}.percentiles: each percentile must be a number from 0 to 100, got ${String(p)}.`);
    }
    const label = percentileLabel(p);
    if (seen.has(label)) throw invalidRequest(`${where}.percentiles lists ${plainDecimalText(p)} more than once.`);
    seen.add(label);
    return { p, label };
  });
}

/** `top_values` (our extension) counts values, which only categorical metrics have. */
function resolveTopValues(spec: FeedbackMetricSpec, valueType: ValueType, where: string): { topValues?: number } {
  const n = spec.top_values;
  if (n === undefined) return {};
  if (valueType !== 'categorical') {
    throw invalidRequest(`${where}.top_values applies only to categorical metrics; this metric is ${valueType}.`);
  }
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOP_VALUES) {
    throw invalidRequest(`${where}.top_values must be an integer from 1 to ${MAX_TOP_VALUES}, got ${String(n)}.`);
  }
  return { topValues: n };
}

/**
 * Checks and resolves the metric specs of a stats request (400 on any broken rule, naming
 * `metrics[i]`). Two metrics may not share a slug (their window_stats entries would merge),
 * and no two outputs may share a bucket key (e.g. `count` of `true.x` and `count_true` of `x`).
 */
export function resolveMetrics(metrics: readonly FeedbackMetricSpec[] | undefined): ResolvedMetric[] {
  const slugs = new Map<string, number>();
  const keys = new Map<string, number>();
  return (metrics ?? []).map((spec, i) => {
    const where = `metrics[${i}]`;
    const valueType: ValueType = spec.value_type ?? 'numeric';
    const segments = jsonPathSegments(spec.json_path, where);
    const slug = metricSlug(spec.json_path);
    const sameSlug = slugs.get(slug);
    if (sameSlug !== undefined) {
      throw invalidRequest(`${where}.json_path has the same slug '${slug}' as metrics[${sameSlug}]; each metric needs its own.`);
    }
    slugs.set(slug, i);
    const resolved: ResolvedMetric = {
      jsonPath: spec.json_path,
      segments,
      slug,
      valueType,
      aggregations: resolveAggregations(spec, valueType, where),
      percentiles: resolvePercentiles(spec, valueType, where),
      ...resolveTopValues(spec, valueType, where),
    };
    for (const key of metricOutputKeys(resolved)) {
      const clash = keys.get(key);
      if (clash !== undefined) {
        throw invalidRequest(`${where} and metrics[${clash}] would both write the bucket key '${key}'.`);
      }
      keys.set(key, i);
    }
    return resolved;
  });
}
