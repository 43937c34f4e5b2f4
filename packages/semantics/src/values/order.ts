// String order by Unicode code point: what PostgreSQL's `COLLATE "C"` gives on UTF-8 text
// (byte order of UTF-8 is code point order). JS `<` compares UTF-16 code units instead, which
// puts astral characters (stored as surrogates D800–DFFF) before U+E000–U+FFFF.

/** Maps a UTF-16 code unit so that unit order equals code point order. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  // U+E000–U+FFFF move down below the surrogates, surrogates move above them.
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * Negative when `a` sorts before `b` by code point, positive after, 0 when equal. A proper
 * prefix sorts first. Comparing remapped code units at the first difference is enough: a pair
 * of surrogates orders like the code point it encodes.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
