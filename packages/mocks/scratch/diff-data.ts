import { runCases, done, srv, type Case } from './diff.js';

let seed = Number(process.argv[2] ?? 1);
function rnd() { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const maybe = (p = 0.5) => rnd() < p;

const P = 'acme/bot';
const T0 = Date.parse('2024-03-08T00:00:00Z');
const SPAN = 5 * 86400_000;
const scorers = ['scorer_a', 'scorer_b', 'sc', 'scorer_é', 'score😀'];
const monitors = ['mon', 'monday', 'mon2'];
const numbers = [0, 1, -1, 0.5, 0.1, 0.2, 0.3, 1e-7, 123456.789, -42.5, 1e21, 3, 7, 0.25];
const strings = ['a', 'b', 'B', 'é', '😀', '\uffff', 'true', 'false', '', 'zz', '1'];
function value(): unknown {
  const r = rnd();
  if (r < 0.45) return pick(numbers);
  if (r < 0.6) return maybe() ;
  if (r < 0.8) return pick(strings);
  if (r < 0.85) return null;
  if (r < 0.9) return [1, 2];
  return { nested: pick(numbers) };
}
function payloadOutput() {
  const o: Record<string, unknown> = {};
  for (const k of ['score', 'passed', 'label', 'x y']) if (maybe(0.85)) o[k] = value();
  return o;
}
function ratings() {
  const r: Record<string, number> = {};
  if (maybe(0.7)) r['_rating_'] = pick([0, 0.1, 0.5, 0.75, 1, 0.3]);
  if (maybe(0.3)) r['other'] = pick([0, 0.2, 1]);
  if (maybe(0.1)) r['__proto__'] = 0.5;
  return r;
}
function tags() { return maybe(0.6) ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(['good', 'bad', 'é', 'Z', 'a'])) : []; }
function row(i: number): Record<string, unknown> {
  const kind = pick(['runnable', 'runnable', 'monitor', 'user', 'note', 'reaction', 'custom']);
  const scorer = pick(scorers);
  const base: Record<string, unknown> = { project_id: maybe(0.9) ? P : 'acme/other', weave_ref: `weave:///${P}/call/c${i}` };
  if (maybe(0.7)) base['span_agent_name'] = pick(['agent', 'Agent', 'b', '']);
  if (maybe(0.5)) base['span_agent_version'] = pick(['1.0', '1.10', '1.9']);
  if (maybe(0.6)) base['span_status_code'] = pick(['UNSET', 'OK', 'ERROR']);
  if (maybe(0.2)) base['id'] = `id-${i}`;
  switch (kind) {
    case 'runnable':
      return { ...base, feedback_type: `wandb.runnable.${scorer}`, runnable_ref: `weave:///${P}/object/${scorer}:v${i % 3}`, payload: { output: payloadOutput() }, scorer_tags: tags(), scorer_ratings: ratings() };
    case 'monitor': {
      const span = pick(['agent_turn', 'agent_conversation', 'call']);
      return { ...base, weave_ref: `weave:///${P}/${span}/s${i}`, feedback_type: 'wandb.agent_monitor', runnable_ref: `weave:///${P}/op/${scorer}:d${i % 2}`, call_ref: `weave:///${P}/call/x${i}`, trigger_ref: `weave:///${P}/object/${pick(monitors)}:v${i % 2}`, payload: { output: payloadOutput() }, scorer_tags: tags(), scorer_ratings: ratings() };
    }
    case 'user':
      return { ...base, weave_ref: `weave:///${P}/agent_turn/t${i}`, feedback_type: 'wandb.agent_user_feedback', payload: { output: payloadOutput() }, scorer_tags: ['good', ...tags()], scorer_ratings: ratings() };
    case 'note':
      return { ...base, feedback_type: 'wandb.note.1', payload: { note: pick(['hi', '', 'x'.repeat(10)]) } };
    case 'reaction':
      return { ...base, feedback_type: 'wandb.reaction.1', payload: { emoji: pick(['👍', '👍🏽', 'x', '❤️']) } };
    default:
      return { ...base, feedback_type: pick(['custom', 'custom.score', 'wandb.runnable']), payload: { output: payloadOutput(), score: pick(numbers) }, ...(maybe(0.2) ? { trigger_ref: 'weave:///acme/bot/object/mon:1' } : {}) };
  }
}

const cases: Case[] = [];
const times: number[] = [];
for (let i = 0; i < 120; i++) times.push(T0 + Math.floor(rnd() * SPAN));
// DST-ish spots
times.push(Date.parse('2024-03-10T06:59:59.999Z'), Date.parse('2024-03-10T07:00:00Z'), Date.parse('2024-03-10T04:59:59.999Z'), Date.parse('2024-03-10T05:00:00Z'));
let failures = 0;
for (const [i, t] of times.entries()) {
  srv.clock.now = t;
  const body = row(i);
  failures += await runCases([{ label: `create ${i} ${JSON.stringify(body).slice(0, 120)}`, path: '/feedback/create', body: JSON.stringify(body) }]);
  if (body['id'] !== undefined && maybe(0.5)) {
    failures += await runCases([{ label: `retry ${i}`, path: '/feedback/create', body: JSON.stringify(body) }]);
    failures += await runCases([{ label: `conflict ${i}`, path: '/feedback/create', body: JSON.stringify({ ...body, creator: 'someone' }) }]);
  }
}
srv.clock.now = T0 + SPAN + 3600_000;

const paths = [['output.score', 'numeric'], ['output.passed', 'boolean'], ['output.label', 'categorical'], ['output.x y', 'numeric'], ['score', 'numeric'], ['output.score', 'categorical'], ['output.passed', 'categorical'], ['note', 'categorical'], ['alias', 'categorical'], ['output.score', 'boolean']] as const;
const aggsFor: Record<string, string[]> = { numeric: ['sum', 'avg', 'min', 'max', 'count'], boolean: ['sum', 'avg', 'min', 'max', 'count', 'count_true', 'count_false'], categorical: ['min', 'max', 'count'] };
for (let q = 0; q < 150; q++) {
  const start = T0 - 86400_000 + Math.floor(rnd() * SPAN);
  const len = pick([3600_000, 7200_000, 86400_000, 3 * 86400_000, 7 * 86400_000, 20 * 86400_000, 1234567]);
  const metrics = [];
  const used = new Set<string>();
  for (let m = 0; m < Math.floor(rnd() * 4); m++) {
    const [p, vt] = pick(paths);
    if (used.has(p)) continue; used.add(p);
    const aggs = aggsFor[vt]!.filter(() => maybe(0.4));
    metrics.push({ json_path: p, value_type: vt, ...(maybe(0.8) ? { aggregations: aggs } : {}), ...(vt !== 'categorical' && maybe(0.5) ? { percentiles: [pick([0, 50, 95, 99.5, 100, 12.5])] } : {}) });
  }
  const body: Record<string, unknown> = {
    project_id: P,
    start: pick([(x: number) => new Date(x).toISOString(), (x: number) => new Date(x).toISOString().replace('Z', '+00:00'), (x: number) => new Date(x - 5 * 3600_000).toISOString().replace('Z', '-05:00')])(start),
    ...(maybe(0.85) ? { end: new Date(start + len).toISOString() } : {}),
    ...(maybe(0.7) ? { granularity: pick([null, 0, 300, 3600, 86400, 7200, 1234, 21600]) } : {}),
    ...(maybe(0.7) ? { timezone: pick(['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/London', 'US/Eastern', 'Nope/Zone']) } : {}),
    ...(maybe(0.2) ? { feedback_type: pick(['wandb.runnable.scorer_a', 'wandb.agent_monitor', 'custom']) } : {}),
    ...(maybe(0.15) ? { trigger_ref: pick(['weave:///acme/bot/object/mon:*', 'weave:///acme/bot/object/mon:v1', 'weave:///acme/bot/object/m:*']) } : {}),
    metrics,
  };
  cases.push({ label: `stats ${q} ${JSON.stringify(body)}`, path: '/feedback/stats', body: JSON.stringify(body) });
}
for (let q = 0; q < 150; q++) {
  const after = T0 - 86400_000 + Math.floor(rnd() * SPAN);
  const len = pick([3600_000, 86400_000, 3 * 86400_000, 10 * 86400_000, 40 * 86400_000]);
  const body: Record<string, unknown> = { project_id: P, after_ms: after, before_ms: after + len };
  if (maybe(0.5)) body['time_bucket_seconds'] = pick([3600, 86400, 7200, 1000, 43200]);
  if (maybe(0.6)) body['group_by'] = ['scorer_id', 'span_agent_name', 'span_agent_version', 'span_status_code'].filter(() => maybe(0.4));
  if (maybe(0.2)) body['feedback_types'] = [pick(['wandb.runnable.*', 'wandb.agent', '', 'custom', 'wandb.runnable.scorer_a**'])];
  if (maybe(0.2)) body['tags'] = [pick(['good', 'bad', 'é']), pick(['Z', 'none'])];
  if (maybe(0.15)) body['rating_min'] = pick([0, 0.3, 0.5]);
  if (maybe(0.15)) body['rating_max'] = pick([0.5, 0.75, 1]);
  if (maybe(0.15)) body['monitor_ids'] = [pick(['mon', 'mon*', 'monday', '*', ''])];
  if (maybe(0.15)) body['scorer_ids'] = [pick(['scorer_a', 'scorer*', 'sc', 'sc*', ''])];
  if (maybe(0.1)) body['span_agent_names'] = [pick(['agent', 'Agent', ''])];
  if (maybe(0.15)) body['span_types'] = [pick(['agent_turn', 'agent_conversation'])];
  cases.push({ label: `agg ${q} ${JSON.stringify(body)}`, path: '/feedback/aggregate', body: JSON.stringify(body) });
}
failures += await runCases(cases, process.argv.includes("-v"));
console.log(`${cases.length + times.length} cases, ${failures} differ`);
await done();
