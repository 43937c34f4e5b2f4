// The order of a query's rows, as a list of non-null sort components that the server puts into
// ORDER BY (and the keyset condition) and the fake compares in JS. Every order ends with `id`
// ascending, so it is total and a cursor names one position exactly.
//
// - a text column: its value by code point (COLLATE "C"); a nullable one puts nulls last
//   whatever the direction (a `present` flag first), as ClickHouse does;
// - created_at: the instant;
// - a JSON field: present values first (Weave's `exists desc`), then numbers by value, then
//   strings (their first 1,024 characters) by code point, then booleans, then objects and arrays
//   (equal to each other); the direction orders values within each type.
import { invalidRequest } from '../errors.js';
import { resolveField, type JsonField, type QueryField, type TextField } from './fields.js';

export type SortDirection = 'asc' | 'desc';

/** Characters of a JSON string value that its sort key keeps (a cursor carries the key). */
export const SORT_STRING_CHARS = 1024;

export type SortComponent =
  | { kind: 'present'; field: TextField | JsonField }
  | { kind: 'text'; field: TextField; direction: SortDirection }
  | { kind: 'time'; direction: SortDirection }
  | { kind: 'json_is'; type: 'number' | 'string' | 'boolean'; field: JsonField }
  | { kind: 'json_number'; field: JsonField; direction: SortDirection }
  | { kind: 'json_string'; field: JsonField; direction: SortDirection }
  | { kind: 'json_boolean'; field: JsonField; direction: SortDirection };

/** A component's value type: what the cursor holds for it. */
export function componentType(c: SortComponent): 'boolean' | 'number' | 'string' {
  switch (c.kind) {
    case 'present':
    case 'json_is':
    case 'json_boolean':
      return 'boolean';
    case 'time':
    case 'json_number':
      return 'number';
    case 'text':
    case 'json_string':
      return 'string';
  }
}

/** Direction a component sorts in: flags always put `true` first. */
export function componentDirection(c: SortComponent): SortDirection {
  return c.kind === 'present' || c.kind === 'json_is' ? 'desc' : c.direction;
}

export interface SortSpec {
  /** As requested (field text and direction), for the cursor to check it belongs to this order. */
  requested: [string, SortDirection][];
  components: SortComponent[];
}

const ID_FIELD: TextField = { kind: 'text', name: 'id', column: 'id', nullable: false };

function componentsOf(field: QueryField, direction: SortDirection, at: string): SortComponent[] {
  switch (field.kind) {
    case 'text':
      return field.nullable ? [{ kind: 'present', field }, { kind: 'text', field, direction }] : [{ kind: 'text', field, direction }];
    case 'time':
      return [{ kind: 'time', direction }];
    case 'tags':
      throw invalidRequest(`scorer_tags at ${at} cannot be sorted on`);
    case 'json':
      return [
        { kind: 'present', field },
        { kind: 'json_is', type: 'number', field },
        { kind: 'json_number', field, direction },
        { kind: 'json_is', type: 'string', field },
        { kind: 'json_string', field, direction },
        { kind: 'json_is', type: 'boolean', field },
        { kind: 'json_boolean', field, direction },
      ];
  }
}

/** `sort_by` resolved; absent or empty: created_at ascending. Always ends with id ascending. */
export function resolveSort(sortBy: readonly { field: string; direction: SortDirection }[] | null | undefined): SortSpec {
  const requested: [string, SortDirection][] = (sortBy ?? []).map((s) => [s.field, s.direction]);
  const effective = requested.length > 0 ? requested : [['created_at', 'asc'] as [string, SortDirection]];
  const components = effective.flatMap(([name, direction], i) => componentsOf(resolveField(name, `sort_by[${i}].field`), direction, `sort_by[${i}]`));
  components.push({ kind: 'text', field: ID_FIELD, direction: 'asc' });
  return { requested, components };
}
