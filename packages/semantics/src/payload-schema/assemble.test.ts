import { describe, expect, it } from 'vitest';
import { assemblePayloadSchemaResponse, MAX_PAYLOAD_SCHEMA_PATHS } from './assemble.js';
import type { PathTypeCount } from './payload-paths.js';

const base = { maxRows: 10, rowsMatched: 3, oldestExaminedMs: Date.parse('2024-06-01T00:00:00Z'), skippedKeys: 1 };

describe('assemblePayloadSchemaResponse', () => {
  it('lists paths by code point, each with its rows and types in a fixed order', () => {
    const counts: PathTypeCount[] = [
      { path: 'b', type: 'null', count: 1 },
      { path: 'b', type: 'number', count: 2 },
      { path: 'B', type: 'string', count: 3 },
    ];
    const res = assemblePayloadSchemaResponse({ ...base, counts });
    expect(res.paths).toEqual([
      { path: 'B', count: 3, types: { string: 3 } },
      { path: 'b', count: 3, types: { number: 2, null: 1 } },
    ]);
    expect(Object.keys(res.paths[1]?.types ?? {})).toEqual(['number', 'null']);
    expect(res).toMatchObject({ rows_examined: 3, complete: true, oldest_examined_at: '2024-06-01T00:00:00.000Z', paths_truncated: false, skipped_keys: 1 });
  });

  it('is not complete when more rows matched than were read', () => {
    const res = assemblePayloadSchemaResponse({ ...base, maxRows: 2, rowsMatched: 3, counts: [] });
    expect(res).toMatchObject({ rows_examined: 2, complete: false });
  });

  it('says nothing about an oldest row when none was read', () => {
    expect(assemblePayloadSchemaResponse({ ...base, rowsMatched: 0, oldestExaminedMs: null, counts: [] }).oldest_examined_at).toBeNull();
  });

  it('keeps the most frequent paths past the limit, ties by path', () => {
    const counts: PathTypeCount[] = Array.from({ length: MAX_PAYLOAD_SCHEMA_PATHS + 1 }, (_, i) => ({
      path: `p${String(i).padStart(4, '0')}`,
      type: 'number',
      count: i === MAX_PAYLOAD_SCHEMA_PATHS ? 5 : 1,
    }));
    const res = assemblePayloadSchemaResponse({ ...base, counts });
    expect(res.paths_truncated).toBe(true);
    expect(res.paths).toHaveLength(MAX_PAYLOAD_SCHEMA_PATHS);
    // The frequent last one is kept; of the ties, the last by code point is dropped.
    expect(res.paths.map((p) => p.path)).toContain(`p${MAX_PAYLOAD_SCHEMA_PATHS}`);
    expect(res.paths.map((p) => p.path)).not.toContain(`p${String(MAX_PAYLOAD_SCHEMA_PATHS - 1).padStart(4, '0')}`);
  });
});
