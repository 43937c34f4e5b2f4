// The aggregate filters: feedback types, tags, scorers and monitors (a trailing `*` matches by
// prefix), span types, agents and the rating range. Applied on submit, so typing sends nothing.
import { useState, type FormEvent, type ReactNode } from 'react';
import { SPAN_TYPE_CHOICES, type AggregateFilters } from '../shaping/view-state.js';

const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');
const bound = (text: string) => (text.trim() === '' ? null : Number(text));

export function AggregateFiltersForm({ value, onApply }: { value: AggregateFilters; onApply: (f: AggregateFilters) => void }): ReactNode {
  const [types, setTypes] = useState(value.feedbackTypes.join(', '));
  const [tags, setTags] = useState(value.tags.join(', '));
  const [scorers, setScorers] = useState(value.scorerIds.join(', '));
  const [monitors, setMonitors] = useState(value.monitorIds.join(', '));
  const [agents, setAgents] = useState(value.agentNames.join(', '));
  const [spans, setSpans] = useState(value.spanTypes);
  const [rmin, setRmin] = useState(value.ratingMin === null ? '' : String(value.ratingMin));
  const [rmax, setRmax] = useState(value.ratingMax === null ? '' : String(value.ratingMax));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ratingMin = bound(rmin);
    const ratingMax = bound(rmax);
    onApply({
      feedbackTypes: list(types),
      tags: list(tags),
      scorerIds: list(scorers),
      monitorIds: list(monitors),
      agentNames: list(agents),
      spanTypes: spans,
      ratingMin: ratingMin !== null && Number.isFinite(ratingMin) ? ratingMin : null,
      ratingMax: ratingMax !== null && Number.isFinite(ratingMax) ? ratingMax : null,
    });
  };

  return (
    <form className="filters" data-testid="aggregate-filters" onSubmit={submit} aria-label="Aggregate filters">
      <label>
        feedback types <small>(prefix, comma-separated)</small>
        <input value={types} onChange={(e) => setTypes(e.target.value)} placeholder="wandb.runnable." />
      </label>
      <label>
        tags <small>(any of)</small>
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="helpful, unsafe" />
      </label>
      <label>
        scorers <small>(`*` = prefix)</small>
        <input value={scorers} onChange={(e) => setScorers(e.target.value)} placeholder="helpfulness*" />
      </label>
      <label>
        monitors <small>(`*` = prefix)</small>
        <input value={monitors} onChange={(e) => setMonitors(e.target.value)} placeholder="nightly*" />
      </label>
      <label>
        agents
        <input value={agents} onChange={(e) => setAgents(e.target.value)} placeholder="planner" />
      </label>
      <fieldset>
        <legend>span types</legend>
        {SPAN_TYPE_CHOICES.map((t) => (
          <label key={t} className="toggle">
            <input type="checkbox" checked={spans.includes(t)} onChange={(e) => setSpans(e.target.checked ? [...spans, t] : spans.filter((s) => s !== t))} />
            {t}
          </label>
        ))}
      </fieldset>
      <label>
        rating ≥
        <input type="number" min={0} max={1} step={0.05} value={rmin} onChange={(e) => setRmin(e.target.value)} />
      </label>
      <label>
        rating ≤
        <input type="number" min={0} max={1} step={0.05} value={rmax} onChange={(e) => setRmax(e.target.value)} />
      </label>
      <button type="submit">Apply filters</button>
    </form>
  );
}
