// JSON request bodies for the hostile-input fuzz, as text, driven by openapi.json's request
// schemas. Two kinds, half and half: bodies the schema accepts, whose values are still hostile
// where the schema allows it (SQL metacharacters, prototype keys, NUL and lone surrogates,
// lengths and counts at the limit, boundary numbers), so requests reach the rules and the SQL;
// and bodies with wrong values anywhere (over-long, over-many, wrong types, huge arrays, deep
// nesting, unknown keys). Numbers are raw literals, so bodies carry what JSON.stringify cannot:
// 1e400, -0, 2^53+1, 1e-400.
import fc from 'fast-check';
import { loadSpec } from '../../src/spec.js';
import { PROTOTYPE_KEYS, SQL_INJECTIONS, UNSTORABLE_TEXT } from './hostile-values.js';

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  maxItems?: number;
  maxLength?: number;
  maxProperties?: number;
}

/** JSON text. */
type Json = string;
/** `valid`: what the schema accepts; `hostile`: anything. */
type Mode = 'valid' | 'hostile';

const schemas = (loadSpec() as { components: { schemas: Record<string, Schema> } }).components.schemas;

export const NUMBER_LITERALS: readonly string[] = [
  '0', '-0', '1', '-1', '0.5', '2.5', '1e-7', '1E+2', '100.0000001', '3600', '86400',
  '1e308', '-1e308', '1.7976931348623157e308', '5e-324', '1e400', '-1e400', '1e-400',
  '9007199254740991', '9007199254740993', '-9007199254740993', '18446744073709551616', '123456789012345678901234567890',
  '315569520000', '315569520001', '253402300799999', '253402300800000', '1717200000000', '1717286400000',
];

const REFS = [
  'weave:///acme/fuzz/call/c1', 'weave:///acme/fuzz/object/helpfulness:v1', 'weave:///acme/fuzz/op/helpfulness:v1',
  'weave:///acme/fuzz/object/label:v1', 'weave:///acme/fuzz/object/mon:*', 'weave:///acme/fuzz/agent_turn/t1',
  'weave:///acme/fuzz/agent_conversation/c1', 'weave:///other/proj/object/x:v1', 'weave:///', 'not a ref',
];

/** Strings the schema accepts for a field, by name, the usual one first (a few are refused by the rules: 400). */
const VALID_STRINGS: Record<string, readonly string[]> = {
  project_id: ['acme/fuzz', 'acme/bot', 'other/proj', `acme/${'p'.repeat(128)}`],
  start: ['2024-06-01T00:00:00Z', '2024-06-01T06:00:00.123+05:45', '0001-01-01T00:00:00Z', '9999-12-31T00:00:00Z', '1970-01-01T00:00:00Z'],
  end: ['2024-06-02T00:00:00Z', '2024-06-01T00:05:00Z', '2024-07-02T00:00:00Z', '2024-06-01T00:00:00.001Z', '9999-12-31T23:59:59.999Z'],
  timezone: ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Mars/Olympus_Mons', 'utc', 'EST5EDT', '+05:00'],
  feedback_type: ['custom', 'wandb.runnable.helpfulness', 'wandb.annotation.label', 'wandb.note.1', 'wandb.reaction.1', 'wandb.agent_monitor', 'wandb.agent_user_feedback', 'wandb.annotation'],
  json_path: ['output', 'output.score', 'score', 'n', 'a.b.c.d.e', 'value', '__proto__.x', '.x', 'x..y', 'x[0]', 'é', "x'y"],
  id: ['0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b', 'client-1', 'a b', ''],
  wb_user_id: ['alice', 'bob', ''],
  weave_ref: REFS,
  annotation_ref: REFS,
  runnable_ref: REFS,
  call_ref: REFS,
  trigger_ref: REFS,
};
/** Hostile strings most fields accept: they must come back as data. */
const ODD_STRINGS = [...SQL_INJECTIONS, ...PROTOTYPE_KEYS, ...UNSTORABLE_TEXT, '', ' ', '\t\n', '\u202e', '\ufeff', '😀', '👍🏽', 'ﬀ', 'helpful', '_rating_', 'agent'];

/** Numbers the schema accepts, by field name, the usual one first. */
const VALID_NUMBERS: Record<string, readonly string[]> = {
  after_ms: ['1717200000000', '0', '-0', '1717286399999', '253402300799998'],
  before_ms: ['1717286400000', '1717200000001', '1717203600000', '253402300799999', '1'],
  granularity: ['3600', '0', '-0', '1', '300', '86400', '315569520000', '1e3'],
  time_bucket_seconds: ['3600', '1', '60', '86400', '315569520000', '5e-324', '0.5'],
  rating_min: ['0', '-0', '0.5', '1', '5e-324', '1e-400'],
  rating_max: ['0', '1', '0.99999999999999999', '1e-400'],
  percentiles: ['50', '0', '95', '99.9', '100', '-0', '5e-324', '1e-400', '100.00000000000001'],
};
const UNIT_NUMBERS = ['0', '-0', '0.5', '1', '5e-324', '1e-400', '0.1', '1e-7'];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS, 'a/b/c', '2024-06-01', 'x'.repeat(100)) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'x'.repeat(n)) },
);

const numberText: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUMBER_LITERALS) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)) },
);

/** `{"a":{"a":…}}` or `[[…]]`, up to 20,000 levels. */
const deepJson: fc.Arbitrary<Json> = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

const jsonKey = (k: string) => JSON.stringify(k);

const generic = fc.letrec<{ value: Json; object: Json; array: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText,
    hostileString.map(jsonKey),
    fc.constantFrom('true', 'false', 'null'),
    tie('object'),
    tie('array'),
  ),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('output', 'score', 'value', 'note', 'emoji', 'passed'), hostileString), tie('value')), { maxLength: 5 })
    .map((entries) => `{${entries.map(([k, v]) => `${jsonKey(k)}:${v}`).join(',')}}`),
  array: fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
}));
/** Any JSON value, mostly small. */
const anyJson: fc.Arbitrary<Json> = generic.value;
/** A payload: one of the type families' shapes with boundary numbers, or any object. */
const payloadText: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom('{"output":{"score":0.5,"passed":true}}', '{"value":"x"}', '{"note":"hi"}', '{"emoji":"👍🏽"}', '{"emoji":"no"}', '{}'),
  generic.object,
  fc.tuple(fc.constantFrom('output', 'value', 'score'), numberText).map(([k, v]) => `{"${k}":{"score":${v}},"n":${v}}`),
);

/** What replaces a field's value now and then in hostile mode: anything at all, deep nesting included. */
const wrongValue: fc.Arbitrary<Json> = fc.oneof({ weight: 6, arbitrary: anyJson }, { weight: 1, arbitrary: deepJson });

/** The first value four times in five, else any of them: most valid bodies then pass every rule too. */
function usually(values: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(values[0] ?? '') }, { weight: 1, arbitrary: fc.constantFrom(...values) });
}

function resolve(schema: Schema): Schema {
  const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref ?? '')?.[1];
  return name === undefined ? schema : resolve(schemas[name] ?? {});
}

/** `n` copies of one value, a short one (a long value copied is only a body over the limit). */
function copies(value: Json, n: number): Json {
  const v = value.length <= 64 ? value : '"x"';
  return `[${Array<string>(n).fill(v).join(',')}]`;
}

function stringText(name: string, maxLength: number | undefined, mode: Mode): fc.Arbitrary<Json> {
  const named = VALID_STRINGS[name];
  const atLimit = maxLength === undefined ? [] : ['a'.repeat(maxLength)];
  if (mode === 'valid') {
    // Fields with a format or pattern take only their named values; free text takes odd strings too.
    // A client id is fresh most of the time (a reused one with other content is a 409).
    if (name === 'id') return fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom(...(named ?? [])) }).map(jsonKey);
    if (named !== undefined) return usually(named).map(jsonKey);
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) }, { weight: 1, arbitrary: fc.constantFrom('x', ...atLimit) }).map(jsonKey);
  }
  const overLimit = maxLength === undefined ? [] : ['a'.repeat(maxLength + 1)];
  return fc
    .oneof({ weight: 6, arbitrary: fc.constantFrom(...(named ?? ODD_STRINGS)) }, { weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom('', ...atLimit, ...overLimit) })
    .map(jsonKey);
}

function arrayText(items: fc.Arbitrary<Json>, maxItems: number | undefined, mode: Mode): fc.Arbitrary<Json> {
  const small = fc.array(items, { maxLength: Math.min(4, maxItems ?? 4) }).map((a) => `[${a.join(',')}]`);
  const limits = maxItems === undefined ? [] : mode === 'valid' ? [maxItems] : [maxItems, maxItems + 1];
  const atLimits = limits.length === 0 ? small : fc.tuple(items, fc.constantFrom(...limits)).map(([v, n]) => copies(v, n));
  if (mode === 'valid') return fc.oneof({ weight: 12, arbitrary: small }, { weight: 1, arbitrary: atLimits });
  const huge = fc.tuple(items, fc.integer({ min: 10_000, max: 100_000 })).map(([v, n]) => copies(v, n));
  return fc.oneof({ weight: 16, arbitrary: small }, { weight: 1, arbitrary: atLimits }, { weight: 1, arbitrary: huge });
}

function mapText(values: fc.Arbitrary<Json>, maxProperties: number | undefined, mode: Mode): fc.Arbitrary<Json> {
  const key = mode === 'valid' ? fc.constantFrom(...ODD_STRINGS) : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) }, { weight: 1, arbitrary: hostileString });
  const small = fc.array(fc.tuple(key, values), { maxLength: 4 }).map((e) => `{${e.map(([k, v]) => `${jsonKey(k)}:${v}`).join(',')}}`);
  if (maxProperties === undefined) return small;
  const count = mode === 'valid' ? maxProperties : maxProperties + 1;
  const many = values.map((v) => `{${Array.from({ length: count }, (_, i) => `"k${i}":${v.length <= 64 ? v : '1'}`).join(',')}}`);
  return fc.oneof({ weight: 12, arbitrary: small }, { weight: 1, arbitrary: many });
}

/** A JSON object with the schema's properties: required ones (nearly) always, optional ones sometimes, in hostile mode now and then an unknown one. */
function objectText(schema: Schema, mode: Mode): fc.Arbitrary<Json> {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, s]): fc.Arbitrary<string | undefined> => {
    const field = valueText(s, name, mode).map((v) => `${jsonKey(name)}:${v}`);
    if (required.has(name) && mode === 'valid') return field;
    // Required fields go missing 1 time in 25; optional ones are there 1 time in 4.
    const [absent, present] = required.has(name) ? [1, 24] : [3, 1];
    return fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: field });
  });
  const unknown: fc.Arbitrary<string | undefined> =
    mode === 'valid' ? fc.constant(undefined) : fc.option(fc.tuple(hostileString, anyJson).map(([k, v]) => `${jsonKey(k)}:${v}`), { freq: 20, nil: undefined });
  return fc.tuple(fc.tuple(...fields), unknown).map(([present, extra]) => `{${[...present, extra].filter((f) => f !== undefined).join(',')}}`);
}

function numberFor(name: string, mode: Mode): fc.Arbitrary<Json> {
  if (mode === 'hostile') return numberText;
  const named = VALID_NUMBERS[name];
  // Ratings and confidences (maps of numbers) take unit values; payload numbers come with the payload.
  return usually(named ?? UNIT_NUMBERS);
}

function typedText(schema: Schema, name: string, mode: Mode): fc.Arbitrary<Json> {
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum.map((v) => JSON.stringify(v)));
  if (schema.anyOf !== undefined) return fc.oneof(...schema.anyOf.map((s) => valueText(s, name, mode)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringText(name, schema.maxLength, mode);
    case 'integer':
    case 'number':
      return numberFor(name, mode);
    case 'boolean':
      return fc.constantFrom('true', 'false');
    case 'null':
      return fc.constant('null');
    case 'array':
      return arrayText(valueText(schema.items ?? {}, name, mode), schema.maxItems, mode);
    case 'object':
      if (schema.properties !== undefined) return objectText(schema, mode);
      if (typeof schema.additionalProperties === 'object') return mapText(valueText(schema.additionalProperties, name, mode), schema.maxProperties, mode);
      return payloadText;
    default:
      return anyJson;
  }
}

const cache = new Map<string, fc.Arbitrary<Json>>();
const schemaIds = new Map<Schema, number>();

/** A value for a field `name` of `schema`; in hostile mode 1 in 12 is anything at all. */
function valueText(schema: Schema, name: string, mode: Mode): fc.Arbitrary<Json> {
  const s = resolve(schema);
  if (!schemaIds.has(s)) schemaIds.set(s, schemaIds.size);
  const key = `${schemaIds.get(s)} ${name} ${mode}`;
  let arb = cache.get(key);
  if (arb === undefined) {
    arb = mode === 'valid' ? typedText(s, name, mode) : fc.oneof({ weight: 11, arbitrary: typedText(s, name, mode) }, { weight: 1, arbitrary: wrongValue });
    cache.set(key, arb);
  }
  return arb;
}

/** A request body for the named schema of components.schemas, as JSON text. */
export function hostileBodyText(schemaName: string): fc.Arbitrary<Json> {
  const schema = schemas[schemaName];
  if (schema === undefined) throw new Error(`no schema ${schemaName} in openapi.json`);
  return fc.oneof({ weight: 8, arbitrary: objectText(schema, 'valid') }, { weight: 8, arbitrary: objectText(schema, 'hostile') }, { weight: 1, arbitrary: wrongValue });
}
