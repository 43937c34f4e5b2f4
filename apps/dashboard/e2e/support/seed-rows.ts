// The rows the end-to-end suite seeds, generated deterministically: a week of evaluation feedback
// in one project across the US spring-forward (2024-03-10 in America/New_York), with three
// scorers, an agent monitor, tags, ratings, and numeric / boolean / categorical payload leaves.
// One New York calendar day (2024-03-09) has no rows at all, so charts must show empty buckets.
import type { FeedbackCreateReq } from '@feedback/sdk';

export const PROJECT = 'acme/support-bot';
/** A second project the key can read, with no rows: the empty state. */
export const EMPTY_PROJECT = 'acme/empty-bot';
/** The browser's "now" in the suite: the 7 d preset ends here. */
export const NOW_MS = Date.parse('2024-03-12T12:00:00Z');
/** The first row; rows come every STEP_MS up to NOW_MS (exclusive), except on QUIET_DAY. */
export const FIRST_MS = Date.parse('2024-03-05T13:00:00Z');
const STEP_MS = 60 * 60 * 1000;
/** New York's 2024-03-09, local midnight to local midnight (EST, UTC−5). */
export const QUIET_DAY = { startMs: Date.parse('2024-03-09T05:00:00Z'), endMs: Date.parse('2024-03-10T05:00:00Z') };

export const SCORERS = ['helpfulness', 'groundedness', 'toxicity'] as const;
export const MONITOR = 'support-quality-monitor';
export const LABELS = ['good', 'neutral', 'bad'] as const;
export const TAGS = ['hallucination', 'off_topic', 'great_answer'] as const;
export const AGENTS = ['router', 'answerer'] as const;

function agentOf(turn: number): string {
  return turn % 2 === 0 ? AGENTS[0] : AGENTS[1];
}

const REF = `weave:///${PROJECT}`;

/** A seeded PRNG (mulberry32): the same rows on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedGroup {
  /** created_at of every row of the group (the server's clock while it is written). */
  createdAtMs: number;
  rows: FeedbackCreateReq[];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function seedGroups(): SeedGroup[] {
  const next = rng(20240310);
  const groups: SeedGroup[] = [];
  let turn = 0;
  for (let t = FIRST_MS; t < NOW_MS; t += STEP_MS) {
    if (t >= QUIET_DAY.startMs && t < QUIET_DAY.endMs) continue;
    // Scores drift over the day (worse at night) and improve after a fix on 2024-03-11.
    const hourPhase = Math.sin(((t / STEP_MS) % 24) / 24 * 2 * Math.PI);
    const fixed = t >= Date.parse('2024-03-11T00:00:00Z') ? 0.08 : 0;
    const rows: FeedbackCreateReq[] = [];
    for (const scorer of SCORERS) {
      // Not every scorer runs every hour: some buckets of a scorer are sparser than others.
      if (scorer === 'toxicity' && next() < 0.4) continue;
      const score = round3(Math.min(1, Math.max(0, 0.7 + 0.12 * hourPhase + fixed + (next() - 0.5) * 0.3)));
      const passed = score >= 0.6;
      const label = score > 0.8 ? LABELS[0] : score > 0.6 ? LABELS[1] : LABELS[2];
      const tags: string[] = [];
      if (score < 0.55) tags.push(TAGS[0]);
      if (next() < 0.1) tags.push(TAGS[1]);
      if (score > 0.9) tags.push(TAGS[2]);
      rows.push({
        project_id: PROJECT,
        weave_ref: `${REF}/call/call-${t}-${scorer}`,
        feedback_type: `wandb.runnable.${scorer}`,
        runnable_ref: `${REF}/object/${scorer}:v2`,
        payload: { output: { score, passed, label }, latency_ms: Math.round(200 + next() * 800) },
        scorer_tags: tags,
        scorer_ratings: { _rating_: score },
        span_agent_name: agentOf(turn),
        span_status_code: passed ? 'OK' : 'ERROR',
      });
    }
    // The monitor judges one agent turn an hour, a boolean verdict with a rating.
    turn += 1;
    const verdict = next() < 0.85 - 0.1 * Math.max(0, -hourPhase);
    rows.push({
      project_id: PROJECT,
      weave_ref: `${REF}/agent_turn/turn-${turn}`,
      feedback_type: 'wandb.agent_monitor',
      runnable_ref: `${REF}/op/judge:v1`,
      call_ref: `${REF}/call/judge-${turn}`,
      trigger_ref: `${REF}/object/${MONITOR}:v3`,
      payload: { output: verdict, reason: verdict ? 'resolved' : 'escalated' },
      scorer_tags: verdict ? [] : [TAGS[1]],
      scorer_ratings: { _rating_: verdict ? 1 : 0 },
      span_agent_name: agentOf(turn),
      span_status_code: verdict ? 'OK' : 'UNSET',
    });
    // Now and then a person leaves a note (no scores: counted, never scored).
    if (next() < 0.15) {
      rows.push({ project_id: PROJECT, weave_ref: `${REF}/call/call-${t}-helpfulness`, feedback_type: 'wandb.note.1', payload: { note: 'checked by hand' } });
    }
    groups.push({ createdAtMs: t, rows });
  }
  return groups;
}
