// The panels of one payload path each: numeric (average line, p50–p95 band, min/max on demand),
// boolean (pass rate, counts in the readout) and categorical (rows with a value; per-value counts
// when the API answers them).
import type { ReactNode } from 'react';
import { ChartPanel } from '../charts/chart-panel.js';
import { exact, percent, tick } from '../charts/format.js';
import { UplotChart } from '../charts/uplot-chart.js';
import { panelCsv } from '../shaping/chart-csv.js';
import { csvFileName } from '../shaping/csv.js';
import { stackTops } from '../shaping/aggregate-series.js';
import { booleanSeries, categoricalSeries, numericSeries, OTHER_VALUES } from '../shaping/stats-series.js';
import { tooltipTime } from '../shaping/time-labels.js';
import type { PanelChoice } from '../shaping/view-state.js';
import { frameData, type StatsQueryView } from './panel-frame-data.js';
import type { PanelContext } from './volume-panel.js';

export interface MetricPanelProps {
  q: StatsQueryView;
  ctx: PanelContext;
  panel: PanelChoice;
  minMax: boolean;
  onMinMax: (on: boolean) => void;
  onRemove: () => void;
}

function RemoveButton({ panel, onRemove }: { panel: PanelChoice; onRemove: () => void }): ReactNode {
  return (
    <button type="button" data-testid="panel-remove" aria-label={`Remove the ${panel.kind} panel of ${panel.path}`} onClick={onRemove}>
      Remove
    </button>
  );
}

function csvOf(q: StatsQueryView, ctx: PanelContext, panel: PanelChoice) {
  const data = q.data;
  return data ? () => ({ fileName: csvFileName(ctx.project, panel.kind, panel.path), text: panelCsv(data, panel, ctx.timeZone) }) : undefined;
}

function Legend({ items }: { items: [string, string, boolean?][] }): ReactNode {
  return (
    <ul className="legend" aria-label="Legend">
      {items.map(([label, color, dashed]) => (
        <li key={label}>
          <span className={dashed ? 'swatch swatch-dashed' : 'swatch'} style={{ background: dashed ? 'transparent' : `var(${color})`, borderColor: `var(${color})` }} />
          {label}
        </li>
      ))}
    </ul>
  );
}

export function NumericPanel({ q, ctx, panel, minMax, onMinMax, onRemove }: MetricPanelProps): ReactNode {
  const s = q.data ? numericSeries(q.data, panel.path) : undefined;
  const frame = frameData(q, s?.times ?? [], s?.avg, ctx.timeZone);
  return (
    <ChartPanel
      panel={`numeric:${panel.path}`}
      title={panel.path}
      subtitle="numeric: average, p50–p95 band"
      {...frame}
      error={q.error}
      emptyText="No numeric values at this path in the window."
      csv={csvOf(q, ctx, panel)}
      actions={
        <>
          <label className="toggle">
            <input type="checkbox" data-testid="minmax-toggle" checked={minMax} onChange={(e) => onMinMax(e.target.checked)} />
            min/max
          </label>
          <RemoveButton panel={panel} onRemove={onRemove} />
        </>
      }
      legend={<Legend items={[['average', '--series-1'], ['p50–p95', '--band'], ...(minMax ? ([['min / max', '--series-3', true]] as [string, string, boolean][]) : [])]} />}
    >
      {s ? (
        <UplotChart
          label={`${panel.path}: average with p50 to p95 band`}
          times={s.times}
          series={[
            { label: 'p95', values: s.p95, color: '--band', kind: 'edge', dash: [] },
            { label: 'p50', values: s.p50, color: '--band', kind: 'edge', dash: [] },
            { label: 'avg', values: s.avg, color: '--series-1', kind: 'line' },
            { label: 'min', values: s.min, color: '--series-3', kind: 'edge', show: minMax },
            { label: 'max', values: s.max, color: '--series-3', kind: 'edge', show: minMax },
          ]}
          bands={[{ upper: 0, lower: 1, color: '--band' }]}
          yFormat={tick}
          timeZone={ctx.timeZone}
          scheme={ctx.scheme}
          readout={(i) => (
            <>
              <strong>{tooltipTime(s.times[i] ?? 0, ctx.timeZone)}</strong>
              <span>avg {exact(s.avg[i])}</span>
              <span>
                p50 {exact(s.p50[i])} · p95 {exact(s.p95[i])}
              </span>
              <span>
                min {exact(s.min[i])} · max {exact(s.max[i])}
              </span>
              <span>{s.count[i] ?? 0} values</span>
            </>
          )}
        />
      ) : null}
    </ChartPanel>
  );
}

export function BooleanPanel({ q, ctx, panel, onRemove }: MetricPanelProps): ReactNode {
  const s = q.data ? booleanSeries(q.data, panel.path) : undefined;
  const frame = frameData(q, s?.times ?? [], s?.passRate, ctx.timeZone);
  return (
    <ChartPanel
      panel={`boolean:${panel.path}`}
      title={panel.path}
      subtitle="boolean: pass rate (true / (true + false))"
      {...frame}
      error={q.error}
      emptyText="No true/false values at this path in the window."
      csv={csvOf(q, ctx, panel)}
      actions={<RemoveButton panel={panel} onRemove={onRemove} />}
    >
      {s ? (
        <UplotChart
          label={`${panel.path}: pass rate`}
          times={s.times}
          series={[{ label: 'pass rate', values: s.passRate, color: '--series-2', kind: 'line' }]}
          yRange={[0, 1]}
          yFormat={(v) => `${Math.round(v * 100)}%`}
          timeZone={ctx.timeZone}
          scheme={ctx.scheme}
          readout={(i) => (
            <>
              <strong>{tooltipTime(s.times[i] ?? 0, ctx.timeZone)}</strong>
              <span>pass rate {percent(s.passRate[i])}</span>
              <span>
                {s.passed[i] ?? 0} true · {s.failed[i] ?? 0} false
              </span>
            </>
          )}
        />
      ) : null}
    </ChartPanel>
  );
}

const VALUE_PALETTE = ['--series-1', '--series-2', '--series-3', '--series-4', '--series-5', '--series-6'];

export function CategoricalPanel({ q, ctx, panel, onRemove }: MetricPanelProps): ReactNode {
  const s = q.data ? categoricalSeries(q.data, panel.path) : undefined;
  const frame = frameData(q, s?.times ?? [], s?.count, ctx.timeZone);
  const top = s?.top ?? null;
  const colorOf = (v: number) => (top !== null && top.labels[v] === OTHER_VALUES ? '--text-muted' : (VALUE_PALETTE[v % VALUE_PALETTE.length] ?? '--series-1'));
  const tops = s && top ? stackTops({ times: s.times, groups: top.labels, counts: top.counts, totals: s.count }) : [];
  return (
    <ChartPanel
      panel={`categorical:${panel.path}`}
      title={panel.path}
      subtitle={top ? 'categorical: rows per value, most frequent values stacked' : 'categorical: rows with a value'}
      {...frame}
      error={q.error}
      emptyText="No text values at this path in the window."
      csv={csvOf(q, ctx, panel)}
      actions={<RemoveButton panel={panel} onRemove={onRemove} />}
      legend={top ? <Legend items={top.labels.map((label, v) => [label, colorOf(v)] as [string, string])} /> : null}
    >
      {s ? (
        <UplotChart
          label={top ? `${panel.path}: rows per value, stacked` : `${panel.path}: rows with a value`}
          times={s.times}
          // Tallest stack first, so each value's bar shows above the ones below it.
          series={
            top
              ? top.labels.map((label, v) => ({ label, values: tops[v] ?? [], color: colorOf(v), kind: 'bars' as const })).reverse()
              : [{ label: 'rows', values: s.count, color: '--series-4', kind: 'bars' }]
          }
          yFormat={tick}
          timeZone={ctx.timeZone}
          scheme={ctx.scheme}
          readout={(i) => (
            <>
              <strong>{tooltipTime(s.times[i] ?? 0, ctx.timeZone)}</strong>
              <span>{s.count[i] === null ? 'no values' : `${s.count[i]} values`}</span>
              {top && s.count[i] !== null
                ? top.labels.map((label, v) => (
                    <span key={label}>
                      {label}: {top.counts[v]?.[i] ?? 0}
                    </span>
                  ))
                : null}
              {!top && s.min[i] !== null ? (
                <span>
                  from “{s.min[i]}” to “{s.max[i]}”
                </span>
              ) : null}
            </>
          )}
        />
      ) : null}
    </ChartPanel>
  );
}
