import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { describeReaction } from './reaction.js';

function reasonOf(emoji: unknown): string {
  try {
    describeReaction(emoji);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return err.message;
    throw err;
  }
  throw new Error('expected a 400');
}

describe('describeReaction', () => {
  it('describes 👍', () => {
    expect(describeReaction('\u{1F44D}')).toEqual({
      emoji: '\u{1F44D}',
      alias: ':thumbs_up:',
      detoned: '\u{1F44D}',
      detoned_alias: ':thumbs_up:',
    });
  });

  it('describes 👍🏽 as one emoji with its tone', () => {
    expect(describeReaction('\u{1F44D}\u{1F3FD}')).toEqual({
      emoji: '\u{1F44D}\u{1F3FD}',
      alias: ':thumbs_up_medium_skin_tone:',
      detoned: '\u{1F44D}',
      detoned_alias: ':thumbs_up:',
    });
  });

  it.each([
    ['\u{1F3FB}', 'light'],
    ['\u{1F3FC}', 'medium-light'],
    ['\u{1F3FE}', 'medium-dark'],
    ['\u{1F3FF}', 'dark'],
  ])('names the tone %s as %s', (tone, name) => {
    expect(describeReaction(`\u{1F44D}${tone}`).alias).toBe(`:thumbs_up_${name}_skin_tone:`);
  });

  it('describes ❤️ with U+FE0F', () => {
    expect(describeReaction('\u2764\uFE0F')).toEqual({
      emoji: '\u2764\uFE0F',
      alias: ':red_heart:',
      detoned: '\u2764\uFE0F',
      detoned_alias: ':red_heart:',
    });
  });

  it('describes ❤ without U+FE0F, keeping the emoji as sent and detoning to the qualified form', () => {
    expect(describeReaction('\u2764')).toEqual({
      emoji: '\u2764',
      alias: ':red_heart:',
      detoned: '\u2764\uFE0F',
      detoned_alias: ':red_heart:',
    });
  });

  it('accepts a toned emoji whose plain form has U+FE0F (✌️ → ✌🏾)', () => {
    const r = describeReaction('\u270C\u{1F3FE}');
    expect(r.alias).toBe(':victory_hand_medium-dark_skin_tone:');
    expect(r.detoned).toBe('\u270C\uFE0F');
    expect(r.detoned_alias).toBe(':victory_hand:');
  });

  it('handles ZWJ sequences, flags and keycaps as one emoji', () => {
    expect(describeReaction('\u{1F468}\u200D\u{1F469}\u200D\u{1F467}').alias).toBe(':family_man_woman_girl:');
    expect(describeReaction('\u{1F1FA}\u{1F1F8}').alias).toBe(':flag_united_states:');
    expect(describeReaction('1\uFE0F\u20E3').alias).toBe(':keycap_1:');
  });

  it('names mixed tones in order, and one tone when they agree', () => {
    const people = (a: string, b: string): string => `\u{1F9D1}${a}\u200D\u{1F91D}\u200D\u{1F9D1}${b}`;
    expect(describeReaction(people('\u{1F3FB}', '\u{1F3FF}')).alias).toBe(
      ':people_holding_hands_light_skin_tone_dark_skin_tone:',
    );
    expect(describeReaction(people('\u{1F3FD}', '\u{1F3FD}')).alias).toBe(':people_holding_hands_medium_skin_tone:');
    expect(describeReaction(people('\u{1F3FD}', '\u{1F3FD}')).detoned).toBe('\u{1F9D1}\u200D\u{1F91D}\u200D\u{1F9D1}');
  });

  it('maps mixed-tone sequences whose untoned emoji is one character (👨🏻‍🤝‍👨🏿 → 👬)', () => {
    expect(describeReaction('\u{1F468}\u{1F3FB}\u200D\u{1F91D}\u200D\u{1F468}\u{1F3FF}')).toEqual({
      emoji: '\u{1F468}\u{1F3FB}\u200D\u{1F91D}\u200D\u{1F468}\u{1F3FF}',
      alias: ':men_holding_hands_light_skin_tone_dark_skin_tone:',
      detoned: '\u{1F46C}',
      detoned_alias: ':men_holding_hands:',
    });
    expect(describeReaction('\u{1FAF1}\u{1F3FB}\u200D\u{1FAF2}\u{1F3FF}').alias).toBe(':handshake_light_skin_tone_dark_skin_tone:');
    const kiss = describeReaction('\u{1F9D1}\u{1F3FB}\u200D\u2764\uFE0F\u200D\u{1F48B}\u200D\u{1F9D1}\u{1F3FC}');
    expect(kiss.alias).toBe(':kiss_person_person_light_skin_tone_medium-light_skin_tone:');
    expect(kiss.detoned).toBe('\u{1F48F}');
    expect(kiss.detoned_alias).toBe(':kiss:');
  });

  it('does not accept those untoned sequences without a tone (they are not emoji by themselves)', () => {
    expect(reasonOf('\u{1FAF1}\u200D\u{1FAF2}')).toMatch(/is not an emoji/);
  });

  it('refuses two emoji', () => {
    expect(reasonOf('\u{1F44D}\u{1F44D}')).toBe('payload.emoji must be exactly one emoji: it holds 2 characters.');
  });

  it('refuses plain text, empty text and non-strings', () => {
    expect(reasonOf('a')).toBe('payload.emoji must be exactly one emoji: "a" is not an emoji.');
    expect(reasonOf('')).toBe('payload.emoji must be exactly one emoji: it is empty.');
    expect(reasonOf(1)).toBe('payload.emoji must be exactly one emoji: it must be a string.');
    expect(reasonOf(undefined)).toMatch(/must be a string/);
    expect(reasonOf('\u{1F44D} ')).toMatch(/holds 2 characters/);
  });

  it('refuses a skin tone on an emoji without tone variants, a lone tone and a doubled tone', () => {
    expect(reasonOf('\u2764\u{1F3FD}')).toMatch(/has no skin-tone variants/);
    expect(reasonOf('\u{1F3FD}')).toMatch(/is not an emoji/);
    expect(reasonOf('\u{1F44D}\u{1F3FD}\u{1F3FD}')).toMatch(/must follow the emoji it colours/);
  });
});
