// The emoji table (Unicode's emoji-test data as packaged by unicode-emoji-json): keys are the
// fully-qualified emoji, without skin-tone modifiers.
import byEmoji from 'unicode-emoji-json/data-by-emoji.json' with { type: 'json' };

export interface EmojiInfo {
  readonly name: string;
  readonly slug: string;
  readonly skin_tone_support: boolean;
}

const VARIATION_SELECTOR_16 = /\uFE0F/g;

const table: Readonly<Record<string, EmojiInfo>> = byEmoji;

// The same table keyed without U+FE0F, so `❤` finds `❤️`. No two keys collide this way
// (checked in emoji-data.test.ts).
const byBareForm = new Map<string, string>(
  Object.keys(table).map((qualified) => [qualified.replace(VARIATION_SELECTOR_16, ''), qualified]),
);

/** The fully-qualified emoji and its data for `text` given with or without U+FE0F. */
export function lookupEmoji(text: string): { qualified: string; info: EmojiInfo } | undefined {
  const qualified = Object.hasOwn(table, text) ? text : byBareForm.get(text.replace(VARIATION_SELECTOR_16, ''));
  if (qualified === undefined) return undefined;
  const info = table[qualified];
  return info === undefined ? undefined : { qualified, info };
}
