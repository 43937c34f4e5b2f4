// Strings that break naive SQL, LIKE patterns, or JavaScript objects used as maps. Every one is
// plain data to the API: stored verbatim where accepted, never interpreted.
export const SQL_INJECTIONS: readonly string[] = [
  "'; DROP TABLE feedback; --",
  "' OR '1'='1",
  "'); DELETE FROM feedback WHERE ('1'='1",
  '"; DROP TABLE api_keys; --',
  '$1',
  '$2::text',
  '$$; TRUNCATE feedback; $$',
  '\\',
  '\\\\',
  "\\'",
  '%',
  '_',
  '%_%',
  'a%',
  '[a-z]*',
  '.*',
  "E'\\x00'",
  '/* comment */',
  ';',
];

/** Keys that are special on JavaScript objects: a map built by assignment loses or corrupts them. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Text PostgreSQL cannot store (NUL) or that is not Unicode (lone surrogates). */
export const UNSTORABLE_TEXT: readonly string[] = ['\u0000', 'a\u0000b', '\uD800', 'x\uDC00', '\uDBFF\u0041'];

/** `{"a":{"a":…1…}}` nested `depth` levels deep, built as text (no recursion anywhere). */
export function deepObjectJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

export function deepArrayJson(depth: number): string {
  return '['.repeat(depth) + '1' + ']'.repeat(depth);
}
