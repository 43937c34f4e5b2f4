// The scorer view (/feedback/aggregate): rows per bucket stacked by group, tag counts, and rating
// averages (the API answers sums and counts; the average is sum / count).
import type { GroupByDimension } from '@feedback/api-types';
import type { ReactNode } from 'react';
import { useApi } from '../api/api-context.js';
import { ChartPanel } from '../charts/chart-panel.js';
import { exact, tick } from '../charts/format.js';
import { UplotChart } from '../charts/uplot-chart.js';
import { aggregateRequest, ratingAverages, stackTops, stackedSeries, tagCounts } from '../shaping/aggregate-series.js';
import { aggregateCsv } from '../shaping/chart-csv.js';
import { csvFileName } from '../shaping/csv.js';
import { coverage } from '../shaping/stats-series.js';
import { DurationSelect } from '../components/duration-select.js';
import { aggregateBucketSeconds, durationLabel, filteredRangeTooLong, type TimeWindow } from '../shaping/time-window.js';
import { bucketLabel, tooltipTime } from '../shaping/time-labels.js';
import { EMPTY_FILTERS, GROUP_BY_CHOICES, type ViewState } from '../shaping/view-state.js';
import type { ViewUpdate } from '../state/use-view-state.js';
import { AggregateFiltersForm } from './aggregate-filters.js';
import type { PanelContext } from './volume-panel.js';

const GROUP_NAMES: Readonly<Record<GroupByDimension, string>> = {
  scorer_id: 'scorer',
  span_agent_name: 'agent',
  span_agent_version: 'agent version',
  span_status_code: 'span status',
};
const PALETTE = ['--series-1', '--series-2', '--series-3', '--series-4', '--series-5', '--series-6'];
const MAX_GROUPS = 12;

function hasFilters(v: ViewState): boolean {
  return JSON.stringify(v.filters) !== JSON.stringify(EMPTY_FILTERS);
}

export interface AggregateViewProps {
  view: ViewState;
  update: (u: ViewUpdate) => void;
  window: TimeWindow;
  statsGranularity: number;
  ctx: PanelContext;
  /** False until the view's first chart has its answer. */
  enabled: boolean;
}

export function AggregateView({ view, update, window: w, statsGranularity, ctx, enabled }: AggregateViewProps): ReactNode {
  const { $api } = useApi();
  const bucketSeconds = aggregateBucketSeconds(w, view.bucketSeconds ?? statsGranularity);
  const tooLong = hasFilters(view) && filteredRangeTooLong(w);
  const body = aggregateRequest(view.project, w, bucketSeconds, view.groupBy, view.filters);
  const q = $api.useQuery('post', '/feedback/aggregate', { body }, { enabled: enabled && !tooLong, placeholderData: (prev) => prev });

  const s = q.data ? stackedSeries(q.data, view.groupBy) : undefined;
  // Beyond MAX_GROUPS the smallest groups are drawn as one "other" stack.
  const shown = s && s.groups.length > MAX_GROUPS ? foldSmallGroups(s) : s;
  const tops = shown ? stackTops(shown) : [];
  const cov = s ? coverage(s.totals) : undefined;
  const state = tooLong ? 'empty' : q.data === undefined ? (q.error ? 'error' : 'loading') : cov && cov.points > 0 ? 'ready' : 'empty';
  const first = s?.times[0];
  const last = s?.times[s.times.length - 1];

  return (
    <div className="aggregate">
      <div className="controls" role="group" aria-label="Aggregate view settings">
        <label>
          group by
          <select
            multiple
            data-testid="group-by-select"
            size={4}
            value={view.groupBy}
            onChange={(e) => update({ groupBy: [...e.target.selectedOptions].map((o) => o.value as GroupByDimension) })}
          >
            {GROUP_BY_CHOICES.map((g) => (
              <option key={g} value={g}>
                {GROUP_NAMES[g]} ({g})
              </option>
            ))}
          </select>
        </label>
        <DurationSelect label="bucket" testId="bucket-select" value={view.bucketSeconds} autoSeconds={bucketSeconds} onChange={(seconds) => update({ bucketSeconds: seconds })} />
      </div>
      <AggregateFiltersForm key={JSON.stringify(view.filters)} value={view.filters} onApply={(filters) => update({ filters })} />
      <ChartPanel
        panel="aggregate"
        title="Feedback by group"
        subtitle={`rows per ${durationLabel(bucketSeconds)} bucket (UTC-aligned), stacked by ${view.groupBy.map((g) => GROUP_NAMES[g]).join(' × ') || 'nothing'}`}
        state={state}
        fetching={q.isFetching}
        coverage={cov}
        firstBucket={first === undefined ? undefined : bucketLabel(first, ctx.timeZone)}
        lastBucket={last === undefined ? undefined : bucketLabel(last, ctx.timeZone)}
        error={q.error}
        emptyText={tooLong ? 'Filters apply to at most 31 days: choose a shorter range or clear the filters.' : 'No feedback matches in this window.'}
        csv={q.data ? () => ({ fileName: csvFileName(view.project, 'aggregate', ...view.groupBy), text: aggregateCsv(q.data, view.groupBy, ctx.timeZone) }) : undefined}
        legend={
          shown ? (
            <ul className="legend" aria-label="Groups">
              {shown.groups.map((g, i) => (
                <li key={g}>
                  <span className="swatch" style={{ background: `var(${PALETTE[i % PALETTE.length]})` }} />
                  {g}
                </li>
              ))}
            </ul>
          ) : null
        }
      >
        {shown && !tooLong ? (
          <UplotChart
            label="Feedback rows per bucket, stacked by group"
            times={shown.times}
            // Drawn tallest stack first, so each group's bar shows above the ones below it.
            series={shown.groups.map((g, i) => ({ label: g, values: tops[i] ?? [], color: PALETTE[i % PALETTE.length] ?? '--series-1', kind: 'bars' as const })).reverse()}
            yFormat={tick}
            timeZone={ctx.timeZone}
            scheme={ctx.scheme}
            readout={(i) => (
              <>
                <strong>{tooltipTime(shown.times[i] ?? 0, ctx.timeZone)}</strong>
                {shown.totals[i] === null ? <span>no rows</span> : null}
                {shown.groups.map((g, gi) => {
                  const v = shown.counts[gi]?.[i] ?? null;
                  return v === null ? null : (
                    <span key={g}>
                      {g}: {v}
                    </span>
                  );
                })}
              </>
            )}
          />
        ) : null}
      </ChartPanel>
      {q.data ? <AggregateTables data={q.data} groupBy={view.groupBy} /> : null}
    </div>
  );
}

function foldSmallGroups(s: ReturnType<typeof stackedSeries>): ReturnType<typeof stackedSeries> {
  const keep = s.groups.slice(0, MAX_GROUPS - 1);
  const rest = s.counts.slice(MAX_GROUPS - 1);
  const other = s.times.map((_, i) => {
    let sum: number | null = null;
    for (const col of rest) if (col[i] != null) sum = (sum ?? 0) + (col[i] ?? 0);
    return sum;
  });
  return { ...s, groups: [...keep, `other (${rest.length} groups)`], counts: [...s.counts.slice(0, MAX_GROUPS - 1), other] };
}

function AggregateTables({ data, groupBy }: { data: Parameters<typeof tagCounts>[0]; groupBy: GroupByDimension[] }): ReactNode {
  const tags = tagCounts(data);
  const ratings = ratingAverages(data, groupBy);
  return (
    <div className="tables">
      <section className="panel" aria-labelledby="tag-counts-title">
        <h3 id="tag-counts-title">Tag counts</h3>
        {tags.length === 0 ? (
          <p className="empty">No tags in this window.</p>
        ) : (
          <table data-testid="tag-counts">
            <thead>
              <tr>
                <th scope="col">tag</th>
                <th scope="col">rows</th>
              </tr>
            </thead>
            <tbody>
              {tags.slice(0, 50).map((t) => (
                <tr key={t.tag}>
                  <td>{t.tag}</td>
                  <td className="num">{t.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="rating-averages-title">
        <h3 id="rating-averages-title">Rating averages</h3>
        {ratings.length === 0 ? (
          <p className="empty">No ratings in this window.</p>
        ) : (
          <table data-testid="rating-averages">
            <thead>
              <tr>
                <th scope="col">group</th>
                <th scope="col">rating</th>
                <th scope="col">average</th>
                <th scope="col">rows</th>
              </tr>
            </thead>
            <tbody>
              {ratings.map((r) => (
                <tr key={`${r.group}\u0000${r.rating}`}>
                  <td>{r.group}</td>
                  <td>{r.rating}</td>
                  <td className="num">{exact(r.average)}</td>
                  <td className="num">{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
