// The fields a feedback query may name (in `fields`, `sort_by` and `$getField`): the columns of a
// stored row as Weave's feedback table has them, and dotted paths into its JSON columns. Anything
// else is a 400 naming it. The server turns a field into SQL from this allow-list only.
import { invalidRequest } from '../errors.js';

export type TextColumn =
  | 'id' | 'project_id' | 'weave_ref' | 'wb_user_id' | 'creator' | 'feedback_type' | 'annotation_ref'
  | 'runnable_ref' | 'call_ref' | 'trigger_ref' | 'queue_id' | 'span_agent_name' | 'span_agent_version'
  | 'span_status_code' | 'span_conversation_id' | 'span_trace_id' | 'scorer_trace_id';
export type JsonColumn =
  | 'payload' | 'scorer_tag_reasons' | 'scorer_tag_confidences' | 'scorer_ratings'
  | 'scorer_rating_reasons' | 'scorer_rating_confidences';
export type QueryColumn = TextColumn | JsonColumn | 'created_at' | 'scorer_tags';

/** Every column of a result row, in Weave's column order. */
export const QUERY_COLUMNS: readonly QueryColumn[] = Object.freeze([
  'id', 'project_id', 'weave_ref', 'wb_user_id', 'creator', 'created_at', 'feedback_type', 'payload',
  'annotation_ref', 'runnable_ref', 'call_ref', 'trigger_ref', 'queue_id', 'scorer_tags',
  'scorer_tag_reasons', 'scorer_tag_confidences', 'scorer_ratings', 'scorer_rating_reasons',
  'scorer_rating_confidences', 'span_agent_name', 'span_agent_version', 'span_status_code',
  'span_conversation_id', 'span_trace_id', 'scorer_trace_id',
] as const);

const JSON_COLUMNS: ReadonlySet<string> = new Set<JsonColumn>([
  'payload', 'scorer_tag_reasons', 'scorer_tag_confidences', 'scorer_ratings', 'scorer_rating_reasons', 'scorer_rating_confidences',
]);
const NULLABLE_TEXT: ReadonlySet<string> = new Set<TextColumn>(['creator', 'annotation_ref', 'runnable_ref', 'call_ref', 'trigger_ref', 'queue_id']);

/** Keys a path into a JSON column may have at most. */
export const MAX_FIELD_PATH_KEYS = 16;

export type TextField = { kind: 'text'; name: string; column: TextColumn; nullable: boolean };
export type TimeField = { kind: 'time'; name: string; column: 'created_at' };
export type TagsField = { kind: 'tags'; name: string; column: 'scorer_tags' };
/** A JSON column (`path` empty) or the value at a path of object keys inside it. */
export type JsonField = { kind: 'json'; name: string; column: JsonColumn; path: readonly string[] };
export type QueryField = TextField | TimeField | TagsField | JsonField;

/**
 * `a.b\.c` → `['a', 'b.c']`: dots separate keys, `\.` is a dot inside a key (Weave's escape).
 * Any other backslash is kept as it is.
 */
export function splitFieldPath(text: string): string[] {
  const keys: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '.') {
      keys.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  keys.push(current);
  return keys;
}

function knownFieldsHint(): string {
  return `a field is a column (${QUERY_COLUMNS.join(', ')}) or a dotted path into a JSON column (${[...JSON_COLUMNS].map((c) => `${c}.…`).join(', ')})`;
}

/** The field named `text`, or a 400 naming it and `where` it was found. */
export function resolveField(text: string, where: string): QueryField {
  const dot = text.indexOf('.');
  const head = dot === -1 ? text : text.slice(0, dot);
  if (JSON_COLUMNS.has(head)) {
    const column = head as JsonColumn;
    if (dot === -1) return { kind: 'json', name: text, column, path: [] };
    const path = splitFieldPath(text.slice(dot + 1));
    if (path.some((key) => key === '')) {
      throw invalidRequest(`Field ${JSON.stringify(text)} at ${where} has an empty key: write keys between single dots (\\. for a dot inside a key)`);
    }
    if (path.length > MAX_FIELD_PATH_KEYS) {
      throw invalidRequest(`Field ${JSON.stringify(text)} at ${where} has ${path.length} keys; at most ${MAX_FIELD_PATH_KEYS} are allowed`);
    }
    return { kind: 'json', name: text, column, path };
  }
  if (text === 'created_at') return { kind: 'time', name: text, column: 'created_at' };
  if (text === 'scorer_tags') return { kind: 'tags', name: text, column: 'scorer_tags' };
  if ((QUERY_COLUMNS as readonly string[]).includes(text)) {
    return { kind: 'text', name: text, column: text as TextColumn, nullable: NULLABLE_TEXT.has(text) };
  }
  throw invalidRequest(`Unknown field ${JSON.stringify(text)} at ${where}: ${knownFieldsHint()}`);
}
