/**
 * The exact feedback_type a stats request keeps, or `null` for every type: absent, null and `""`
 * are no filter (as in Weave; §5 "Empty filter strings are no filter").
 */
export function feedbackTypeFilter(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}
