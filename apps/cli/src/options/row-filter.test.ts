import { describe, expect, it } from 'vitest';
import { parseCondition, parseSort, rowFilter } from './row-filter.js';

describe('parseCondition', () => {
  it('reads each operator, the longer symbols first', () => {
    const f = { $getField: 'payload.output.score' };
    expect(parseCondition('payload.output.score>=0.8')).toEqual({ $gte: [f, { $literal: 0.8 }] });
    expect(parseCondition('payload.output.score<=0.8')).toEqual({ $lte: [f, { $literal: 0.8 }] });
    expect(parseCondition('payload.output.score>0.8')).toEqual({ $gt: [f, { $literal: 0.8 }] });
    expect(parseCondition('payload.output.score<0.8')).toEqual({ $lt: [f, { $literal: 0.8 }] });
    expect(parseCondition('span_status_code!=OK')).toEqual({ $not: [{ $eq: [{ $getField: 'span_status_code' }, { $literal: 'OK' }] }] });
    expect(parseCondition('payload.note~Refund')).toEqual({
      $contains: { input: { $getField: 'payload.note' }, substr: { $literal: 'Refund' }, case_insensitive: true },
    });
  });
  it('takes JSON values as JSON and anything else as text', () => {
    expect(parseCondition('payload.passed=true')).toEqual({ $eq: [{ $getField: 'payload.passed' }, { $literal: true }] });
    expect(parseCondition('payload.code="7"')).toEqual({ $eq: [{ $getField: 'payload.code' }, { $literal: '7' }] });
    expect(parseCondition('payload.x=null')).toEqual({ $eq: [{ $getField: 'payload.x' }, { $literal: null }] });
    expect(parseCondition('feedback_type=wandb.note.1')).toEqual({ $eq: [{ $getField: 'feedback_type' }, { $literal: 'wandb.note.1' }] });
  });
  it('refuses text that is no condition', () => {
    expect(() => parseCondition('score')).toThrow(/is not a condition/);
    expect(() => parseCondition('=5')).toThrow(/is not a condition/);
  });
});

describe('rowFilter', () => {
  it('is null without filters, one condition alone, several under $and', () => {
    expect(rowFilter({}, 'UTC', 0)).toBeNull();
    expect(rowFilter({ user: 'alice' }, 'UTC', 0)).toEqual({ $expr: { $eq: [{ $getField: 'wb_user_id' }, { $literal: 'alice' }] } });
    const now = Date.parse('2024-03-10T12:00:00Z');
    expect(rowFilter({ type: ['a', 'b'], since: '1h' }, 'UTC', now)).toEqual({
      $expr: {
        $and: [
          { $in: [{ $getField: 'feedback_type' }, [{ $literal: 'a' }, { $literal: 'b' }]] },
          { $gte: [{ $getField: 'created_at' }, { $literal: '2024-03-10T11:00:00.000Z' }] },
          { $lt: [{ $getField: 'created_at' }, { $literal: '2024-03-10T12:00:00.000Z' }] },
        ],
      },
    });
  });
});

describe('parseSort', () => {
  it('defaults to ascending and accumulates keys', () => {
    expect(parseSort('payload.output.score:desc', parseSort('created_at'))).toEqual([
      { field: 'created_at', direction: 'asc' },
      { field: 'payload.output.score', direction: 'desc' },
    ]);
  });
});
