// A time step picked from the fixed choices, or "auto" (null) showing the step auto resolves to:
// the stats granularity and the aggregate bucket are chosen the same way.
import type { ReactNode } from 'react';
import { durationLabel, GRANULARITY_CHOICES } from '../shaping/time-window.js';

export function DurationSelect({ label, testId, value, autoSeconds, onChange }: {
  label: string;
  testId: string;
  value: number | null;
  autoSeconds: number;
  onChange: (seconds: number | null) => void;
}): ReactNode {
  return (
    <label>
      {label}
      <select data-testid={testId} value={value ?? 'auto'} onChange={(e) => onChange(e.target.value === 'auto' ? null : Number(e.target.value))}>
        <option value="auto">auto ({durationLabel(autoSeconds)})</option>
        {GRANULARITY_CHOICES.map((g) => (
          <option key={g} value={g}>
            {durationLabel(g)}
          </option>
        ))}
      </select>
    </label>
  );
}
