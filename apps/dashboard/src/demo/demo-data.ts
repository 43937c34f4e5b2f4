// Generated, realistic feedback for demo mode: five weeks ending now (so both the European and the
// North American autumn change of daylight-saving time fall inside 30 days), three scorers with
// numeric, boolean and categorical outputs, tags and ratings, a nightly monitor, emoji reactions,
// a daily rhythm in New York time, a slow quality drift, and a three-hour outage (a gap).
import type { FeedbackSeedRow } from '@feedback/mocks';

export const DEMO_PROJECT = 'acme/support-bot';
export const DEMO_KEY = 'demo-key';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const REF = `weave:///${DEMO_PROJECT}`;

// A small seeded generator (mulberry32): the same data on every load of the same day.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

const NEW_YORK_HOUR = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });

/** Busier during New York's working day: 0.2 at night, 1 at mid-afternoon. */
function activity(ms: number): number {
  const hour = Number(NEW_YORK_HOUR.format(ms));
  return 0.2 + 0.8 * Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI));
}

export function demoRows(nowMs: number): FeedbackSeedRow[] {
  const rand = random(Math.floor(nowMs / DAY));
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const start = nowMs - 35 * DAY;
  const outageStart = nowMs - 2 * DAY - 5 * 60 * MINUTE;
  const rows: FeedbackSeedRow[] = [];
  let call = 0;
  for (let t = start; t < nowMs; t += 30 * MINUTE) {
    if (t >= outageStart && t < outageStart + 3 * 60 * MINUTE) continue;
    const calls = Math.round(activity(t) * 4 * rand());
    const drift = (t - start) / (nowMs - start); // 0 → 1 over the five weeks
    for (let c = 0; c < calls; c += 1) {
      call += 1;
      const at = t + Math.floor(rand() * 30 * MINUTE);
      const created_at = new Date(Math.min(at, nowMs - 1)).toISOString();
      const weave_ref = rand() < 0.2 ? `${REF}/agent_turn/turn-${call}` : `${REF}/call/c${call}`;
      const agent = pick(['planner', 'retriever', 'writer']);
      const status = rand() < 0.07 ? 'ERROR' : 'OK';
      const span = { span_agent_name: agent, span_agent_version: pick(['v1', 'v2']), span_status_code: status } as const;
      const monitored = rand() < 0.3 ? { trigger_ref: `${REF}/object/nightly-quality:v3` } : {};

      const score = round(clamp01(0.55 + 0.25 * drift + (rand() - 0.5) * 0.5 - (status === 'ERROR' ? 0.3 : 0)));
      rows.push({
        project_id: DEMO_PROJECT,
        weave_ref,
        feedback_type: 'wandb.runnable.helpfulness',
        runnable_ref: `${REF}/object/helpfulness:v2`,
        payload: { output: { score, passed: score >= 0.6, verdict: score >= 0.75 ? 'helpful' : score >= 0.5 ? 'partly' : 'unhelpful' } },
        scorer_tags: score >= 0.75 ? ['helpful'] : score < 0.4 ? ['unhelpful'] : [],
        scorer_ratings: { _rating_: score },
        created_at,
        wb_user_id: 'scorer-bot',
        ...span,
        ...monitored,
      });
      if (rand() < 0.6) {
        const toxicity = round(Math.pow(rand(), 6) * 0.9);
        rows.push({
          project_id: DEMO_PROJECT,
          weave_ref,
          feedback_type: 'wandb.runnable.toxicity',
          runnable_ref: `${REF}/object/toxicity:v1`,
          payload: { output: { toxicity, flagged: toxicity > 0.5, category: toxicity > 0.5 ? pick(['insult', 'threat', 'profanity']) : 'none' } },
          scorer_tags: toxicity > 0.5 ? ['unsafe'] : ['safe'],
          scorer_ratings: { _rating_: round(1 - toxicity), severity: toxicity },
          created_at,
          wb_user_id: 'scorer-bot',
          ...span,
          ...monitored,
        });
      }
      if (rand() < 0.35) {
        rows.push({
          project_id: DEMO_PROJECT,
          weave_ref,
          feedback_type: 'wandb.runnable.relevance',
          runnable_ref: `${REF}/object/relevance:v1`,
          payload: { output: { relevance: round(clamp01(0.7 + (rand() - 0.5) * 0.6)), grounded: rand() < 0.85 } },
          scorer_tags: pick([['on-topic'], ['on-topic', 'cited'], ['off-topic']]),
          scorer_ratings: { _rating_: round(0.5 + rand() * 0.5) },
          created_at,
          wb_user_id: 'scorer-bot',
          ...span,
        });
      }
      if (rand() < 0.08) {
        rows.push({
          project_id: DEMO_PROJECT,
          weave_ref,
          feedback_type: 'wandb.reaction.1',
          payload: { emoji: score >= 0.6 ? '👍' : '👎' },
          created_at,
          wb_user_id: pick(['alice', 'bob', 'chen']),
        });
      }
    }
  }
  return rows;
}
