import { describe, expect, it } from 'vitest';
import byEmoji from 'unicode-emoji-json/data-by-emoji.json' with { type: 'json' };
import { lookupEmoji } from './emoji-data.js';

describe('emoji table', () => {
  it('has no two emoji that differ only by U+FE0F (the bare-form index relies on it)', () => {
    const keys = Object.keys(byEmoji);
    const bare = new Set(keys.map((k) => k.replace(/\uFE0F/g, '')));
    expect(bare.size).toBe(keys.length);
  });

  it('finds an emoji with or without U+FE0F, giving the fully-qualified form', () => {
    expect(lookupEmoji('\u2764\uFE0F')?.qualified).toBe('\u2764\uFE0F');
    expect(lookupEmoji('\u2764')?.qualified).toBe('\u2764\uFE0F');
    expect(lookupEmoji('\u2764')?.info.slug).toBe('red_heart');
    expect(lookupEmoji('\u{1F44D}')?.info.skin_tone_support).toBe(true);
  });

  it('finds nothing for text that is not an emoji', () => {
    expect(lookupEmoji('a')).toBeUndefined();
    expect(lookupEmoji('')).toBeUndefined();
    expect(lookupEmoji('toString')).toBeUndefined();
    expect(lookupEmoji('\u{1F3FD}')).toBeUndefined();
  });
});
