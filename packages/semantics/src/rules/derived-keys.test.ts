import { describe, expect, it } from 'vitest';
import { deriveKeys } from './derived-keys.js';

describe('deriveKeys', () => {
  it('reads object ids, span type, _rating_ and whether anything was scored', () => {
    expect(
      deriveKeys({
        runnable_ref: 'weave:///e/p/op/scorer_a:abc',
        trigger_ref: 'weave:///e/p/object/mon:v1',
        weave_ref: 'weave:///e/p/agent_turn/t1',
        scorer_ratings: { _rating_: 0.25 },
        scorer_tags: [],
      }),
    ).toEqual({ scorerId: 'scorer_a', monitorId: 'mon', spanType: 'agent_turn', rating: 0.25, isScored: true });
  });
  it('gives empty ids, no rating and not scored for a bare row', () => {
    expect(
      deriveKeys({ runnable_ref: null, trigger_ref: null, weave_ref: 'weave:///e/p/call/c1', scorer_ratings: { other: 1 }, scorer_tags: [] }),
    ).toEqual({ scorerId: '', monitorId: '', spanType: 'call', rating: null, isScored: true });
    expect(
      deriveKeys({ runnable_ref: null, trigger_ref: null, weave_ref: 'x', scorer_ratings: {}, scorer_tags: [] }).isScored,
    ).toBe(false);
  });
});
