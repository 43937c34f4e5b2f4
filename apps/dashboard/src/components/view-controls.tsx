// Range (presets and custom), time zone, granularity, auto-refresh and the stats feedback_type
// filter. Each change goes to the URL.
import { earliestInstantAtOrAfterLocal } from '@feedback/semantics';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { durationLabel, type TimeWindow } from '../shaping/time-window.js';
import { DurationSelect } from './duration-select.js';
import { bucketLabel, toLocalInputValue, timeZoneChoices } from '../shaping/time-labels.js';
import { RANGE_PRESETS, REFRESH_CHOICES, type ViewState } from '../shaping/view-state.js';
import type { ViewUpdate } from '../state/use-view-state.js';

const PRESET_NAMES: Record<(typeof RANGE_PRESETS)[number], string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' };

/** A `datetime-local` value read as wall-clock time in `timeZone` (the earliest such instant). */
function instantOf(localValue: string, timeZone: string): number | null {
  const asUtc = Date.parse(`${localValue}:00Z`);
  if (!Number.isFinite(asUtc)) return null;
  return earliestInstantAtOrAfterLocal(timeZone, Math.floor(asUtc / 1000));
}

export interface ViewControlsProps {
  view: ViewState;
  update: (u: ViewUpdate) => void;
  window: TimeWindow;
  timeZone: string;
  browserZone: string;
  /** What `auto` resolves to for this window. */
  autoGranularity: number;
  onRefresh: () => void;
  fetching: boolean;
  /** When the shown answer arrived (epoch ms), 0 before the first one. */
  updatedAt: number;
}

export function ViewControls({ view, update, window: w, timeZone, browserZone, autoGranularity, onRefresh, fetching, updatedAt }: ViewControlsProps): ReactNode {
  const zones = useMemo(() => timeZoneChoices(browserZone, timeZone), [browserZone, timeZone]);
  const [customOpen, setCustomOpen] = useState(view.range === 'custom');
  const [from, setFrom] = useState(() => toLocalInputValue(w.startMs, timeZone));
  const [to, setTo] = useState(() => toLocalInputValue(w.endMs, timeZone));
  const [copied, setCopied] = useState(false);
  const copyLink = () => {
    navigator.clipboard.writeText(window.location.href).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  const applyCustom = (e: FormEvent) => {
    e.preventDefault();
    const start = instantOf(from, timeZone);
    const end = instantOf(to, timeZone);
    if (start === null || end === null) return;
    update({ range: 'custom', start, end });
  };

  return (
    <div className="controls" role="group" aria-label="View settings">
      <div className="presets" role="group" aria-label="Time range">
        {RANGE_PRESETS.map((r) => (
          <button key={r} type="button" data-testid="range-preset" data-range={r} aria-pressed={view.range === r} onClick={() => { setCustomOpen(false); update({ range: r, start: null, end: null }); }}>
            {PRESET_NAMES[r]}
          </button>
        ))}
        <button
          type="button"
          data-testid="range-preset"
          data-range="custom"
          aria-pressed={view.range === 'custom'}
          aria-expanded={customOpen}
          onClick={() => {
            setFrom(toLocalInputValue(w.startMs, timeZone));
            setTo(toLocalInputValue(w.endMs, timeZone));
            setCustomOpen(!customOpen);
          }}
        >
          custom
        </button>
      </div>
      {customOpen ? (
        <form className="custom-range" onSubmit={applyCustom} aria-label="Custom range">
          <label>
            from
            <input type="datetime-local" data-testid="range-start" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            to
            <input type="datetime-local" data-testid="range-end" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit">Apply</button>
        </form>
      ) : null}
      <label>
        time zone
        <select data-testid="tz-select" value={view.timeZone ?? ''} onChange={(e) => update({ timeZone: e.target.value === '' ? null : e.target.value })}>
          <option value="">browser ({browserZone})</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <DurationSelect label="granularity" testId="granularity-select" value={view.granularity} autoSeconds={autoGranularity} onChange={(granularity) => update({ granularity })} />
      <label>
        auto-refresh
        <select data-testid="refresh-select" value={view.refresh} onChange={(e) => update({ refresh: Number(e.target.value) })}>
          {REFRESH_CHOICES.map((r) => (
            <option key={r} value={r}>
              {r === 0 ? 'off' : `every ${durationLabel(r)}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        feedback type
        <input
          data-testid="feedback-type-input"
          defaultValue={view.feedbackType}
          key={view.feedbackType}
          placeholder="every type"
          onBlur={(e) => update({ feedbackType: e.target.value.trim() })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') update({ feedbackType: e.currentTarget.value.trim() });
          }}
        />
      </label>
      <button type="button" onClick={onRefresh} disabled={fetching}>
        {fetching ? 'Refreshing…' : 'Refresh'}
      </button>
      <button type="button" data-testid="copy-link" onClick={copyLink} onBlur={() => setCopied(false)}>
        {copied ? 'Link copied' : 'Copy link'}
      </button>
      <span className="updated" role="status">
        {updatedAt > 0 ? `updated ${bucketLabel(updatedAt, timeZone).slice(11)}:${String(new Date(updatedAt).getSeconds()).padStart(2, '0')}` : ''}
      </span>
    </div>
  );
}
