// The `wandb.reaction.1` rule: the payload's `emoji` is exactly one emoji, and the server stores
// its aliases. Alias names follow the Python `emoji` package's demojize as Weave does
// (`:thumbs_up:`, `:thumbs_up_medium-dark_skin_tone:`), built from Unicode's names (slugs).
import { invalidRequest } from '../errors.js';
import { lookupEmoji, type EmojiInfo } from './emoji-data.js';

export interface ReactionAliases {
  /** The emoji as the client sent it. */
  emoji: string;
  /** `:<slug>:`, or `:<slug>_<tone>_skin_tone:` for a skin-toned emoji. */
  alias: string;
  /** The emoji without skin tone, in its fully-qualified form (with U+FE0F where Unicode has one). */
  detoned: string;
  /** The alias of `detoned`. */
  detoned_alias: string;
}

const SKIN_TONE = /[\u{1F3FB}-\u{1F3FF}]/gu;
const TONE_NAMES: Readonly<Record<string, string>> = {
  '\u{1F3FB}': 'light',
  '\u{1F3FC}': 'medium-light',
  '\u{1F3FD}': 'medium',
  '\u{1F3FE}': 'medium-dark',
  '\u{1F3FF}': 'dark',
};

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Mixed-tone sequences whose untoned emoji is a single character: Unicode writes 👨🏻‍🤝‍👨🏿 but
 * the untoned emoji is 👬, so removing the tones leaves a sequence the table lacks. Keys are
 * written without U+FE0F; `slug` is Unicode's name for the person-person forms
 * (`kiss: person, person, light skin tone, …`).
 */
const UNTONED_SINGLE: ReadonlyMap<string, { emoji: string; slug?: string }> = new Map([
  ['\u{1F468}\u200D\u{1F91D}\u200D\u{1F468}', { emoji: '\u{1F46C}' }], // men holding hands
  ['\u{1F469}\u200D\u{1F91D}\u200D\u{1F469}', { emoji: '\u{1F46D}' }], // women holding hands
  ['\u{1F469}\u200D\u{1F91D}\u200D\u{1F468}', { emoji: '\u{1F46B}' }], // woman and man holding hands
  ['\u{1FAF1}\u200D\u{1FAF2}', { emoji: '\u{1F91D}' }], // handshake
  ['\u{1F9D1}\u200D\u2764\u200D\u{1F48B}\u200D\u{1F9D1}', { emoji: '\u{1F48F}', slug: 'kiss_person_person' }],
  ['\u{1F9D1}\u200D\u2764\u200D\u{1F9D1}', { emoji: '\u{1F491}', slug: 'couple_with_heart_person_person' }],
]);

/** The table entry for an emoji with its tones removed, and the slug its toned alias uses. */
function lookupUntoned(untoned: string, toned: boolean): { qualified: string; info: EmojiInfo; tonedSlug: string } | undefined {
  const direct = lookupEmoji(untoned);
  if (direct !== undefined) return { ...direct, tonedSlug: direct.info.slug };
  const single = toned ? UNTONED_SINGLE.get(untoned.replace(/\uFE0F/g, '')) : undefined;
  const found = single === undefined ? undefined : lookupEmoji(single.emoji);
  return found === undefined ? undefined : { ...found, tonedSlug: single?.slug ?? found.info.slug };
}

function refuse(detail: string): never {
  throw invalidRequest(`payload.emoji must be exactly one emoji: ${detail}.`);
}

/**
 * The tone part of an alias: one tone when all modifiers agree (`_medium_skin_tone`), else each
 * in order, as Unicode names mixed-tone emoji (`_light_skin_tone_dark_skin_tone`).
 */
function toneSuffix(tones: readonly string[]): string {
  const distinct = [...new Set(tones)];
  const names = distinct.length === 1 ? distinct : tones;
  return names.map((t) => `_${TONE_NAMES[t] ?? ''}_skin_tone`).join('');
}

/**
 * Checks a reaction's emoji and derives its aliases, or throws a 400. Accepts one grapheme that
 * is a Unicode emoji given with or without U+FE0F, optionally with skin-tone modifiers when
 * the emoji supports them (each modifier right after a non-modifier character).
 */
export function describeReaction(emoji: unknown): ReactionAliases {
  if (typeof emoji !== 'string') refuse('it must be a string');
  const count = [...graphemes.segment(emoji)].length;
  if (count !== 1) refuse(count === 0 ? 'it is empty' : `it holds ${count} characters`);

  const tones = emoji.match(SKIN_TONE) ?? [];
  const found = lookupUntoned(emoji.replace(SKIN_TONE, ''), tones.length > 0);
  if (found === undefined) refuse(`${JSON.stringify(emoji)} is not an emoji`);

  const detoned_alias = `:${found.info.slug}:`;
  if (tones.length === 0) return { emoji, alias: detoned_alias, detoned: found.qualified, detoned_alias };

  if (!found.info.skin_tone_support) refuse(`${JSON.stringify(found.qualified)} has no skin-tone variants`);
  // A modifier must follow a base character: not at the start, not after another modifier.
  const codePoints = [...emoji];
  codePoints.forEach((cp, i) => {
    if (TONE_NAMES[cp] !== undefined && (i === 0 || TONE_NAMES[codePoints[i - 1] ?? ''] !== undefined)) {
      refuse('a skin-tone modifier must follow the emoji it colours');
    }
  });
  return { emoji, alias: `:${found.tonedSlug}${toneSuffix(tones)}:`, detoned: found.qualified, detoned_alias };
}
