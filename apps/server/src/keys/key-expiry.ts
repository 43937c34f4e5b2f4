// When a key stops working, as an operator writes it: `30d`, `12h`, `90m` from now, or an RFC 3339
// instant with an offset. One reading for `keys create --expires`, `keys rotate --grace` and the
// `expires_at` of FEEDBACK_API_KEYS.

const DURATION = /^(\d{1,6})(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 instant with an offset as epoch ms; undefined otherwise (a local time is ambiguous). */
export function parseInstant(text: string): number | undefined {
  const at = INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isFinite(at) ? at : undefined;
}

/** `30d`, `12h`, `90m` as milliseconds; undefined otherwise. */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** `--expires`: a duration from now or an instant with an offset, in the future; epoch ms. */
export function parseExpiry(text: string, nowMs: number): number | undefined {
  const duration = parseDurationMs(text);
  const at = duration !== undefined ? nowMs + duration : parseInstant(text);
  return at !== undefined && at > nowMs ? at : undefined;
}
