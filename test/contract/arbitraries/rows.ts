// Stored rows for one project: every feedback family the create rules know, with tags, ratings,
// refs, span fields and creation instants around a DST change. Rows are generated as templates
// and given their project only when a run starts, so every run (and every shrink step) writes
// into a project of its own.
import fc from 'fast-check';
import type { SpanStatusCode } from '@feedback/api-types';
import type { SeedRow } from '../targets/seed-row.js';
import { labelArb, payloadArb } from './payloads.js';
import { nearAnchorArb } from './time.js';

type Family = 'runnable' | 'runnable_op' | 'monitor' | 'user_feedback' | 'note' | 'reaction' | 'annotation' | 'custom';

export interface RowTemplate {
  family: Family;
  /** Scorer (runnable/annotation) name; also the object id `scorer_ids` match. */
  name: string;
  /** Monitor name: the object id of trigger_ref. */
  monitor: string;
  digest: string;
  /** From the run's anchor, ms. */
  offsetMs: number;
  payload: Record<string, unknown>;
  tags: string[];
  ratings: Record<string, number>;
  spanKind: 'call' | 'agent_turn' | 'agent_conversation' | 'object';
  spanAgentName: string | undefined;
  spanAgentVersion: string | undefined;
  spanStatus: SpanStatusCode | undefined;
  customType: string;
  text: string;
  emoji: string;
}

/** Names chosen so prefixes (`mon*`, `alpha*`), case and code-point order all matter. */
export const SCORER_NAMES = ['alpha', 'alphabet', 'beta', 'Beta', 'zeta'] as const;
export const MONITOR_NAMES = ['mon', 'monday', 'Mon', 'mon_1', 'watch'] as const;
// '😀' (U+1F600) sorts after 'ｚ' (U+FF5A) by code point but before it by UTF-16 unit.
export const TAGS = ['good', 'bad', 'ok', 'Good', 'Zürich', '😀', 'ｚ'] as const;
export const RATING_KEYS = ['_rating_', 'quality', 'zz'] as const;
export const AGENT_NAMES = ['', 'agent-a', 'agent-b', 'Agent', 'ägent', '😀', 'ｚ'] as const;
export const AGENT_VERSIONS = ['', 'v1', 'v2', '10'] as const;
export const CUSTOM_TYPES = ['custom', 'thumbs', 'wandb.custom', 'wandb.agent_monitor_v2'] as const;

const ratingArb = fc.integer({ min: 0, max: 100 }).map((k) => k / 100);

export function rowTemplateArb(maxOffsetDays: number): fc.Arbitrary<RowTemplate> {
  return fc.record({
    family: fc.constantFrom<Family>('runnable', 'runnable', 'runnable_op', 'monitor', 'monitor', 'user_feedback', 'note', 'reaction', 'annotation', 'custom', 'custom'),
    name: fc.constantFrom(...SCORER_NAMES),
    monitor: fc.constantFrom(...MONITOR_NAMES),
    digest: fc.constantFrom('v1', 'abc123'),
    offsetMs: nearAnchorArb(maxOffsetDays),
    payload: payloadArb,
    // Repeats on purpose: tag_counts counts occurrences.
    tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }),
    ratings: fc.dictionary(fc.constantFrom(...RATING_KEYS), ratingArb, { maxKeys: 3 }),
    spanKind: fc.constantFrom('call', 'agent_turn', 'agent_conversation', 'object'),
    spanAgentName: fc.option(fc.constantFrom(...AGENT_NAMES), { nil: undefined }),
    spanAgentVersion: fc.option(fc.constantFrom(...AGENT_VERSIONS), { nil: undefined }),
    spanStatus: fc.option(fc.constantFrom<SpanStatusCode>('UNSET', 'OK', 'ERROR'), { nil: undefined }),
    customType: fc.constantFrom(...CUSTOM_TYPES),
    text: labelArb.filter((s) => s.length > 0),
    emoji: fc.constantFrom('👍', '👍🏽', '🎉', '❤️'),
  });
}

function ref(project: string, kind: string, name: string): string {
  return `weave:///${project}/${kind}/${name}`;
}

/** What each family needs so that the create rules accept the row. */
function familyFields(t: RowTemplate, project: string, index: number): Pick<SeedRow, 'feedback_type' | 'payload'> & Partial<SeedRow> {
  const scorer = { scorer_tags: t.tags, scorer_ratings: t.ratings };
  const call = ref(project, 'call', `call-${index}`);
  switch (t.family) {
    case 'runnable':
      return { feedback_type: `wandb.runnable.${t.name}`, runnable_ref: ref(project, 'object', `${t.name}:${t.digest}`), payload: { output: null, ...t.payload }, ...scorer };
    case 'runnable_op':
      return { feedback_type: `wandb.runnable.${t.name}`, runnable_ref: ref(project, 'op', `${t.name}:${t.digest}`), call_ref: call, payload: { output: null, ...t.payload }, ...scorer };
    case 'monitor':
      return {
        feedback_type: 'wandb.agent_monitor',
        runnable_ref: ref(project, 'object', `${t.name}:${t.digest}`),
        call_ref: call,
        trigger_ref: ref(project, 'object', t.digest === 'v1' ? `${t.monitor}:v1` : t.monitor),
        payload: t.payload,
        ...scorer,
      };
    case 'user_feedback':
      return { feedback_type: 'wandb.agent_user_feedback', payload: t.payload, scorer_tags: t.tags.length > 0 ? t.tags : ['good'], scorer_ratings: t.ratings };
    case 'note':
      return { feedback_type: 'wandb.note.1', payload: { ...t.payload, note: t.text } };
    case 'reaction':
      return { feedback_type: 'wandb.reaction.1', payload: { emoji: t.emoji } };
    case 'annotation':
      return { feedback_type: `wandb.annotation.${t.name}`, annotation_ref: ref(project, 'object', `${t.name}:${t.digest}`), payload: { value: null, ...t.payload } };
    case 'custom':
      return { feedback_type: t.customType, payload: t.payload };
  }
}

/** The row a template stands for in `project`, created at `anchorMs + offsetMs`. */
export function toSeedRow(t: RowTemplate, project: string, anchorMs: number, index: number): SeedRow {
  const row: SeedRow = {
    project_id: project,
    weave_ref: ref(project, t.spanKind, t.spanKind === 'object' ? `thing:${t.digest}` : `span-${index % 3}`),
    ...familyFields(t, project, index),
    created_at: new Date(anchorMs + t.offsetMs).toISOString(),
    wb_user_id: 'alice',
  };
  if (t.spanAgentName !== undefined) row.span_agent_name = t.spanAgentName;
  if (t.spanAgentVersion !== undefined) row.span_agent_version = t.spanAgentVersion;
  if (t.spanStatus !== undefined) row.span_status_code = t.spanStatus;
  return row;
}

/** The monitor refs rows of `project` may carry, exact and as `:*` prefixes, for stats filters. */
export function triggerRefsOf(project: string): string[] {
  return MONITOR_NAMES.flatMap((m) => [ref(project, 'object', `${m}:v1`), ref(project, 'object', m), ref(project, 'object', `${m}:*`)]);
}
