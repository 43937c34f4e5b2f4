/** How a stats request filters on trigger_ref. */
export interface TriggerRefFilter {
  value: string;
  /** true: rows whose trigger_ref starts with `value`; false: equal to it. */
  prefix: boolean;
}

/**
 * `…/monitor:*` matches every version of the monitor: a prefix match on the text before `:*`.
 * Absent, null or `""`: no filter (as in Weave; §5 "Empty filter strings are no filter").
 */
export function triggerRefFilter(value: string | null | undefined): TriggerRefFilter | null {
  if (value === null || value === undefined || value === '') return null;
  return value.endsWith(':*') ? { value: value.slice(0, -2), prefix: true } : { value, prefix: false };
}

export function triggerRefMatches(filter: TriggerRefFilter | null, triggerRef: string | null): boolean {
  if (filter === null) return true;
  if (triggerRef === null) return false;
  return filter.prefix ? triggerRef.startsWith(filter.value) : triggerRef === filter.value;
}
