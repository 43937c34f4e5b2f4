// What the benchmark dataset is: sizes, projects, the time window, and one row (an import line:
// a /feedback/create body plus created_at and wb_user_id) drawn from a seeded generator.
import type { Rng } from './rng.js';

export const SIZES = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 } as const;
export type SizeName = keyof typeof SIZES;

export function isSizeName(s: string): s is SizeName {
  return Object.prototype.hasOwnProperty.call(SIZES, s);
}

export const ENTITY = 'bench';
export const PROJECT_COUNT = 10;
/** 31 days that contain a DST change in New York (2024-03-10), so the bucket grid is not trivial. */
export const WINDOW_START_MS = Date.UTC(2024, 2, 1);
export const WINDOW_END_MS = Date.UTC(2024, 3, 1);
/**
 * Bump when rows change shape: cached files and databases of another version are rebuilt.
 * 2: a monitor's trigger_ref names one of its few versions (1 drew a fresh digest per row).
 */
export const GENERATOR_VERSION = 2;

export function projectId(index: number): string {
  return `${ENTITY}/project-${String(index).padStart(2, '0')}`;
}

/** One line of the JSONL file, in the shape `feedback-server import` reads. */
export type ImportLine = Record<string, unknown> & { project_id: string; created_at: string; wb_user_id: string };

const SCORERS = ['relevance', 'toxicity', 'faithfulness', 'helpfulness', 'conciseness', 'pii_check', 'tone', 'groundedness'];
const MONITORS = ['prod_quality', 'latency_guard', 'safety_monitor', 'drift_watch'];
/**
 * A monitor's ref names the monitor's version (`object/<name>:<digest>`): every row one version
 * triggers carries the same ref. Three versions per monitor (edited twice during the month).
 */
const MONITOR_VERSIONS = 3;

function monitorRef(base: string, rng: Rng): string {
  const name = rng.pick(MONITORS);
  const version = rng.int(MONITOR_VERSIONS);
  // A fixed digest per (name, version), as Weave's content digests are.
  let h = 2166136261;
  for (const ch of `${name}:${version}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `${base}/object/${name}:${h.toString(16).padStart(8, '0')}`;
}
const ANNOTATIONS = ['quality', 'correctness', 'style'];
const AGENTS = ['planner', 'retriever', 'writer', 'critic', 'router'];
const VERSIONS = ['v1', 'v2', 'v3', 'v4'];
const TAGS = ['hallucination', 'off_topic', 'helpful', 'unsafe', 'great', 'needs_review', 'pii', 'slow'];
const LABELS = ['good', 'bad', 'neutral', 'needs_review', 'excellent'];
const WORDS = ('the answer cites the retrieved passage but misses a key detail about pricing and the user asked ' +
  'twice for clarification while the agent stayed polite concise and mostly grounded in the documents provided').split(' ');
const EMOJI = ['👍', '👎', '🎉', '❤️', '👍🏽', '🤔'];

function sentence(rng: Rng, min: number, max: number): string {
  const n = min + rng.int(max - min + 1);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  return words.join(' ');
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** A score as real producers send it: mostly a number, sometimes missing, null, a string or an int. */
function score(rng: Rng): unknown {
  const r = rng.next();
  if (r < 0.85) return round4(rng.next() ** 1.5);
  if (r < 0.88) return null;
  if (r < 0.91) return String(round4(rng.next()));
  if (r < 0.93) return rng.int(2);
  return undefined;
}

function passed(rng: Rng): unknown {
  const r = rng.next();
  if (r < 0.82) return rng.chance(0.7);
  if (r < 0.86) return null;
  if (r < 0.89) return 'true';
  if (r < 0.9) return 1;
  return undefined;
}

function label(rng: Rng): unknown {
  const r = rng.next();
  if (r < 0.85) return rng.pick(LABELS);
  if (r < 0.9) return rng.int(5);
  if (r < 0.93) return rng.chance(0.5);
  if (r < 0.95) return null;
  return undefined;
}

/** Drops keys whose value is undefined: a missing path, not a null. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function scorerOutput(rng: Rng): Record<string, unknown> {
  return compact({
    scores: compact({ relevance: score(rng), coherence: score(rng), safety: score(rng) }),
    passed: passed(rng),
    label: label(rng),
    reason: sentence(rng, 6, 30),
    model: rng.pick(['gpt-4o-mini', 'claude-haiku', 'llama-3-8b']),
    latency_ms: 50 + rng.int(4000),
  });
}

function spanFields(rng: Rng): Record<string, unknown> {
  const r = rng.next();
  return {
    span_agent_name: rng.pick(AGENTS),
    span_agent_version: rng.pick(VERSIONS),
    span_status_code: r < 0.6 ? 'UNSET' : r < 0.9 ? 'OK' : 'ERROR',
    span_conversation_id: rng.chance(0.7) ? `conv-${rng.hex(12)}` : '',
    span_trace_id: rng.hex(32),
  };
}

function ratingsAndTags(rng: Rng): Record<string, unknown> {
  const tags = rng.chance(0.6) ? [rng.pick(TAGS), ...(rng.chance(0.3) ? [rng.pick(TAGS)] : [])] : [];
  const unique = [...new Set(tags)];
  const ratings: Record<string, number> = {};
  if (rng.chance(0.75)) ratings['_rating_'] = round4(rng.next());
  if (rng.chance(0.4)) ratings['quality'] = round4(rng.next());
  const confidences: Record<string, number> = {};
  for (const t of unique) confidences[t] = round4(0.5 + rng.next() / 2);
  return {
    scorer_tags: unique,
    scorer_tag_confidences: confidences,
    scorer_tag_reasons: unique.length > 0 && rng.chance(0.5) ? { [unique[0] as string]: sentence(rng, 3, 10) } : {},
    scorer_ratings: ratings,
  };
}

/** Row `i` of the dataset; `createdAtMs` is chosen by the caller (time-ordered, like real ingest). */
export function makeRow(rng: Rng, createdAtMs: number): ImportLine {
  const p = rng.int(PROJECT_COUNT);
  const project = projectId(p);
  const base = `weave:///${project}`;
  const user = `user-${rng.int(50)}`;
  const callRef = `${base}/call/${rng.hex(16)}`;
  const common = { project_id: project, created_at: new Date(createdAtMs).toISOString(), wb_user_id: user };
  const r = rng.next();
  if (r < 0.4) {
    const scorer = rng.pick(SCORERS);
    return {
      ...common,
      feedback_type: `wandb.runnable.${scorer}`,
      weave_ref: callRef,
      runnable_ref: `${base}/op/${scorer}:${rng.hex(8)}`,
      call_ref: `${base}/call/${rng.hex(16)}`,
      payload: { output: scorerOutput(rng) },
      scorer_trace_id: rng.hex(32),
      ...ratingsAndTags(rng),
      ...spanFields(rng),
    };
  }
  if (r < 0.6) {
    const scorer = rng.pick(SCORERS);
    const span = rng.chance(0.5) ? `agent_turn/${rng.hex(12)}` : `agent_conversation/${rng.hex(12)}`;
    return {
      ...common,
      feedback_type: 'wandb.agent_monitor',
      weave_ref: `${base}/${span}`,
      runnable_ref: `${base}/object/${scorer}:${rng.hex(8)}`,
      call_ref: `${base}/call/${rng.hex(16)}`,
      trigger_ref: monitorRef(base, rng),
      payload: { output: scorerOutput(rng) },
      ...ratingsAndTags(rng),
      ...spanFields(rng),
    };
  }
  if (r < 0.7) {
    const tags = ratingsAndTags(rng);
    const tagList = tags['scorer_tags'] as string[];
    return {
      ...common,
      feedback_type: 'wandb.agent_user_feedback',
      weave_ref: `${base}/agent_turn/${rng.hex(12)}`,
      payload: { output: compact({ passed: passed(rng), label: label(rng), comment: sentence(rng, 0, 12) }) },
      ...tags,
      scorer_tags: tagList.length > 0 ? tagList : [rng.pick(TAGS)],
      scorer_tag_confidences: {},
      ...spanFields(rng),
    };
  }
  if (r < 0.85) {
    const name = rng.pick(ANNOTATIONS);
    return {
      ...common,
      feedback_type: `wandb.annotation.${name}`,
      weave_ref: callRef,
      annotation_ref: `${base}/object/${name}:${rng.hex(8)}`,
      creator: `annotator-${rng.int(8)}`,
      payload: { value: rng.chance(0.5) ? rng.pick(LABELS) : rng.int(6) },
    };
  }
  if (r < 0.95) {
    return {
      ...common,
      feedback_type: 'custom.eval',
      weave_ref: callRef,
      payload: { output: scorerOutput(rng), dataset: `ds-${rng.int(20)}`, row: rng.int(1000) },
    };
  }
  if (r < 0.98) {
    return { ...common, feedback_type: 'wandb.note.1', weave_ref: callRef, payload: { note: sentence(rng, 3, 40) } };
  }
  return { ...common, feedback_type: 'wandb.reaction.1', weave_ref: callRef, payload: { emoji: rng.pick(EMOJI) } };
}
