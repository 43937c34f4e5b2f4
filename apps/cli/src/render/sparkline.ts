// Small charts made of text: a sparkline per series (a blank where a bucket has no value, since
// no data is not zero) and horizontal bars for one value per row.
const TICKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/** One character per value, scaled between the smallest and largest present value. */
export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return ' '.repeat(values.length);
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      const level = hi === lo ? TICKS.length - 1 : Math.round(((v - lo) / (hi - lo)) * (TICKS.length - 1));
      return TICKS[level] ?? ' ';
    })
    .join('');
}

/** A bar of `value / max` of `width` cells, in eighths of a cell. */
export function bar(value: number | null, max: number, width: number): string {
  if (value === null || !Number.isFinite(value) || value <= 0 || max <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/**
 * Reduces a long series to at most `width` points, each the mean of the values it covers (null
 * when none is present), so a month of hours still fits on a line.
 */
export function fit(values: readonly (number | null)[], width: number): (number | null)[] {
  if (values.length <= width) return [...values];
  const out: (number | null)[] = [];
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * values.length) / width);
    const to = Math.floor(((i + 1) * values.length) / width);
    const slice = values.slice(from, to).filter((v): v is number => v !== null);
    out.push(slice.length === 0 ? null : slice.reduce((a, b) => a + b, 0) / slice.length);
  }
  return out;
}
