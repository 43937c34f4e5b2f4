// CSV of what a chart shows (RFC 4180: comma-separated, CRLF line ends, fields with a comma,
// quote or line break quoted, quotes doubled). Empty cells are buckets without a value.
export type CsvCell = string | number | boolean | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A file name for a chart's CSV: letters, digits, `-`, `_` and `.` only. */
export function csvFileName(...parts: string[]): string {
  return `${parts.map((p) => p.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '')).filter((p) => p !== '').join('_')}.csv`;
}
