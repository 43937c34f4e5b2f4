// An exported row (or a line of `seed --jsonl`) as a create body: the columns a create accepts,
// into the target project. created_at and wb_user_id are the server's to set: the importing key
// becomes the rows' user, and they are dated when imported.
import type { FeedbackCreateReq } from '@feedback/sdk';

const CREATE_FIELDS = [
  'id', 'weave_ref', 'feedback_type', 'payload', 'creator', 'annotation_ref', 'runnable_ref', 'call_ref', 'trigger_ref',
  'queue_id', 'scorer_tags', 'scorer_tag_reasons', 'scorer_tag_confidences', 'scorer_ratings', 'scorer_rating_reasons',
  'scorer_rating_confidences', 'span_agent_name', 'span_agent_version', 'span_status_code', 'span_conversation_id',
  'span_trace_id', 'scorer_trace_id',
] as const;

/** The create body of a parsed line, or a reason why the line is not one. */
export function rowToCreate(line: unknown, project: string | undefined): FeedbackCreateReq | string {
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return 'a line must be a JSON object';
  const row = line as Record<string, unknown>;
  const projectId = project ?? row['project_id'];
  if (typeof projectId !== 'string') return 'no project_id in the line: pass --project';
  const body: Record<string, unknown> = { project_id: projectId };
  // A null column is what an absent field gives: send neither.
  for (const field of CREATE_FIELDS) if (row[field] !== null && row[field] !== undefined) body[field] = row[field];
  // The body is checked by the server, which answers each bad row in its own slot.
  return body as unknown as FeedbackCreateReq;
}
