// Bucket times as people read them: wall-clock time in the zone the view is set to, whatever the
// browser's own zone is. Formatters are cached per zone (building one costs ~0.1 ms).
const labelFormatters = new Map<string, Intl.DateTimeFormat>();
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

function labelFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = labelFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    labelFormatters.set(timeZone, f);
  }
  return f;
}

function zoneNameFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneNameFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' });
    zoneNameFormatters.set(timeZone, f);
  }
  return f;
}

/** `YYYY-MM-DD HH:mm`, the wall-clock time of `epochMs` in `timeZone`. */
export function bucketLabel(epochMs: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of labelFormatter(timeZone).formatToParts(epochMs)) parts[p.type] = p.value;
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

/** The zone's offset at `epochMs` as people write it: `GMT-5`, `GMT+5:30`, `GMT`. */
export function zoneOffsetName(epochMs: number, timeZone: string): string {
  const part = zoneNameFormatter(timeZone).formatToParts(epochMs).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** `2024-03-10 02:00 GMT-5` — the label a tooltip shows, unambiguous in a repeated DST hour. */
export function tooltipTime(epochMs: number, timeZone: string): string {
  return `${bucketLabel(epochMs, timeZone)} ${zoneOffsetName(epochMs, timeZone)}`;
}

/** The value of an `<input type="datetime-local">` showing `epochMs` in `timeZone`. */
export function toLocalInputValue(epochMs: number, timeZone: string): string {
  return bucketLabel(epochMs, timeZone).replace(' ', 'T');
}

/** The browser's own zone, `UTC` when it names none. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

// Browsers list some zones under their older IANA names (ICU keeps Asia/Calcutta, Europe/Kiev);
// people look for the current ones, which the same browsers accept.
const CURRENT_NAMES = [
  'America/Argentina/Buenos_Aires',
  'America/Nuuk',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Yangon',
  'Atlantic/Faroe',
  'Europe/Kyiv',
  'Pacific/Chuuk',
  'Pacific/Kanton',
  'Pacific/Pohnpei',
];

/** Whether this browser can show times in `zone` (a name from a link may be anything). */
export function isUsableZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone this browser knows (current names included), sorted, UTC first. */
export function timeZoneChoices(...mustInclude: string[]): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set([...known, ...CURRENT_NAMES.filter(isUsableZone), ...mustInclude.filter(isUsableZone)]);
  all.delete('UTC');
  return ['UTC', ...[...all].sort()];
}
