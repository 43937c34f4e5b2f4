import type { FeedbackPayloadSchemaRes } from '@feedback/api-types';
import { describe, expect, it } from 'vitest';
import { defaultPanels, pathSuggestions } from './panel-suggestions.js';

const schema: FeedbackPayloadSchemaRes = {
  paths: [
    { path: 'output', count: 90, types: { object: 90 } },
    { path: 'output.label', count: 50, types: { string: 50 } },
    { path: 'output.passed', count: 60, types: { boolean: 60 } },
    { path: 'output.score', count: 90, types: { number: 85, string: 5 } },
    { path: 'output.tokens', count: 90, types: { number: 90 } },
    { path: 'output.weird', count: 10, types: { string: 6, number: 4 } },
  ],
  rows_examined: 90,
  complete: true,
  oldest_examined_at: '2024-03-10T00:00:00Z',
  paths_truncated: false,
  skipped_keys: 0,
};

describe('panels from payload paths', () => {
  it('gives each path its dominant JSON type, most frequent first, objects left out', () => {
    expect(pathSuggestions(schema)).toEqual([
      { path: 'output.tokens', kind: 'numeric', count: 90 },
      { path: 'output.score', kind: 'numeric', count: 85 },
      { path: 'output.passed', kind: 'boolean', count: 60 },
      { path: 'output.label', kind: 'categorical', count: 50 },
      { path: 'output.weird', kind: 'categorical', count: 6 },
    ]);
  });

  it('opens a project with up to 3 numeric, 2 boolean and 1 categorical panels', () => {
    expect(defaultPanels(pathSuggestions(schema))).toEqual([
      { kind: 'numeric', path: 'output.tokens' },
      { kind: 'numeric', path: 'output.score' },
      { kind: 'boolean', path: 'output.passed' },
      { kind: 'categorical', path: 'output.label' },
    ]);
  });
});
