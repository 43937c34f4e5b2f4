// Exact sums (docs/semantics.md, "Exact sums"): a metric's `sum` is the exact decimal sum of its
// values, rounded once to a 64-bit float; `avg` is that rounded sum divided by the count. A float
// running sum depends on the order the rows are read in, so two engines (or a roll-up and a scan
// of the raw rows) could disagree in the last bit; an exact sum cannot.
//
// Every stored number is the shortest round-trip decimal of a double (the server stores
// JSON.stringify output, PostgreSQL keeps jsonb numbers as exact decimals), so summing the decimal
// texts here is what `sum((value)::numeric)::float8` does in SQL. Values are held as an integer
// mantissa and a power of ten, in BigInt: at most ~650 digits for any finite double.

// A decimal as JS or PostgreSQL prints it: `-12.5`, `1e+21`, `5e-324`, `0.000100` (numeric text).
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

interface Scaled {
  /** value = mantissa · 10^exponent */
  mantissa: bigint;
  exponent: number;
}

function parseDecimal(text: string): Scaled {
  const match = DECIMAL.exec(text);
  if (match === null) throw new RangeError(`Not a finite decimal number: ${JSON.stringify(text)}`);
  const [, sign = '', whole = '', fraction = '', exp = '0'] = match;
  const digits = BigInt(whole + fraction);
  return { mantissa: sign === '-' ? -digits : digits, exponent: Number(exp) - fraction.length };
}

const TEN = 10n;

/** An exact running sum of decimals (JS numbers or decimal texts such as PostgreSQL numeric). */
export class ExactSum {
  private mantissa = 0n;
  private exponent = 0;

  /** Adds a finite JS number by its shortest round-trip decimal (`String(x)`). */
  add(value: number): this {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${String(value)}`);
    return this.addDecimal(String(value));
  }

  /** Adds a decimal text: JS number text, or PostgreSQL numeric text. */
  addDecimal(text: string): this {
    const { mantissa, exponent } = parseDecimal(text);
    if (mantissa === 0n) return this;
    if (exponent < this.exponent) {
      this.mantissa *= TEN ** BigInt(this.exponent - exponent);
      this.exponent = exponent;
    }
    this.mantissa += mantissa * TEN ** BigInt(exponent - this.exponent);
    return this;
  }

  /** The exact sum as decimal text (`<integer>e<exponent>`; `0` when zero). */
  toDecimal(): string {
    return this.mantissa === 0n ? '0' : `${this.mantissa.toString()}e${this.exponent}`;
  }

  /**
   * The exact sum rounded once to the nearest double (ties to even), as PostgreSQL's
   * `numeric::float8` does: ±Infinity when it lies beyond the float range (the caller refuses that).
   * A zero sum is +0, as in PostgreSQL.
   */
  toNumber(): number {
    // ECMAScript's StringToNumber, which V8 rounds correctly for any number of digits.
    return this.mantissa === 0n ? 0 : Number(this.toDecimal());
  }
}

/** The exact sum of finite numbers, rounded once to a double (±Infinity past the float range). */
export function exactSum(values: Iterable<number>): number {
  const sum = new ExactSum();
  for (const v of values) sum.add(v);
  return sum.toNumber();
}
