// The text PostgreSQL gives for a jsonb scalar (`payload #>> '{a,b}'`), computed in JS so the
// in-memory fake and the SQL server group and compare categorical values identically.

// The JS shortest round-trip form of a finite double: `-?D[.DDD][e±N]`.
const JS_NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * A finite number written the way PostgreSQL's `numeric` prints it: plain decimal notation,
 * never an exponent (`1e21` → `1000000000000000000000`, `1e-7` → `0.0000001`, `-0` → `0`).
 *
 * Works on the JS shortest form by moving the decimal point in the digit string, so no digit is
 * invented or lost (toFixed would round and caps at 100 fraction digits).
 */
export function plainDecimalText(n: number): string {
  if (!Number.isFinite(n)) {
    throw new RangeError(`plainDecimalText needs a finite number, got ${String(n)}`);
  }
  const text = String(n); // String(-0) is '0', as numeric has no negative zero
  const m = JS_NUMBER_TEXT.exec(text);
  if (m === null) throw new RangeError(`unexpected number text ${text}`);
  const [, sign = '', intPart = '', fracPart = '', expText] = m;
  if (expText === undefined) return text;

  // JS writes exponent form as one non-zero digit, optional fraction, exponent.
  const digits = intPart + fracPart;
  const pointAt = intPart.length + Number(expText); // position of the decimal point in `digits`
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return sign + digits + '0'.repeat(pointAt - digits.length);
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/**
 * What `jsonb #>> path` returns for a scalar: strings as they are, `true`/`false`, numbers as
 * `numeric` text. `null`, objects, arrays (and anything not JSON) give `undefined`.
 */
export function jsonScalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isFinite(v)) return plainDecimalText(v);
  return undefined;
}
