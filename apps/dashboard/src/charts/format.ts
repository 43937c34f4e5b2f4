// Numbers as a tooltip shows them: exact to 12 significant digits (enough to match the API's
// answer, without float noise such as 0.30000000000000004), or "no data".
export function exact(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'no data';
  return String(Number(v.toPrecision(12)));
}

export function percent(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'no data';
  return `${Number((v * 100).toPrecision(6))}%`;
}

/** Axis ticks: short, with thousands separators. */
export function tick(v: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(v);
}
