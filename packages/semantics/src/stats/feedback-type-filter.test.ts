import { describe, expect, it } from 'vitest';
import { feedbackTypeFilter } from './feedback-type-filter.js';

describe('feedbackTypeFilter', () => {
  it('keeps a type as given, exact', () => {
    expect(feedbackTypeFilter('wandb.note.1')).toBe('wandb.note.1');
    expect(feedbackTypeFilter(' ')).toBe(' ');
  });
  it('is no filter when absent, null or empty', () => {
    expect(feedbackTypeFilter(undefined)).toBeNull();
    expect(feedbackTypeFilter(null)).toBeNull();
    expect(feedbackTypeFilter('')).toBeNull();
  });
});
