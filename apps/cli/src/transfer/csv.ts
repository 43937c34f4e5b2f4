// Rows as CSV (RFC 4180): one column per field, JSON columns (payload, scorer maps, tags) as their
// JSON text, every value quoted when it holds a comma, a quote or a line break.
import type { FeedbackQueryRow } from '@feedback/sdk';

/** Every column of a row, in the order /feedback/query answers them. */
export const ALL_COLUMNS = [
  'id', 'project_id', 'weave_ref', 'wb_user_id', 'creator', 'created_at', 'feedback_type', 'payload',
  'annotation_ref', 'runnable_ref', 'call_ref', 'trigger_ref', 'queue_id', 'scorer_tags', 'scorer_tag_reasons',
  'scorer_tag_confidences', 'scorer_ratings', 'scorer_rating_reasons', 'scorer_rating_confidences',
  'span_agent_name', 'span_agent_version', 'span_status_code', 'span_conversation_id', 'span_trace_id', 'scorer_trace_id',
] as const;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function csvRow(row: FeedbackQueryRow, columns: readonly string[]): string {
  return csvLine(columns.map((c) => row[c]));
}
