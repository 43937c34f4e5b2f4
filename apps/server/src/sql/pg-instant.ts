// Epoch milliseconds as a timestamptz literal PostgreSQL reads exactly. toISOString() fails beyond
// the JS Date range and writes year 0 as "0000", which PostgreSQL refuses (it says "1 BC").
// Bounds are clamped to the instants both can hold: no row can lie outside them, so a clamped
// bound selects the same rows as the requested one.

/** 4714-11-24T00:00:00Z BC, PostgreSQL's earliest timestamptz. */
export const PG_MIN_INSTANT_MS = -210_866_803_200_000;
/** The end of the JS Date range (year 275760), which PostgreSQL can also hold. */
export const PG_MAX_INSTANT_MS = 8_640_000_000_000_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function pgInstant(ms: number): string {
  const d = new Date(Math.min(PG_MAX_INSTANT_MS, Math.max(PG_MIN_INSTANT_MS, ms)));
  const year = d.getUTCFullYear();
  const time =
    `-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z`;
  // Astronomical year 0 is 1 BC, -1 is 2 BC, …
  return year > 0 ? `${pad(year, 4)}${time}` : `${pad(1 - year, 4)}${time} BC`;
}
