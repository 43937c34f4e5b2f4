// Rows per bucket, as bars; a bucket without rows is left empty.
import type { ReactNode } from 'react';
import { ChartPanel } from '../charts/chart-panel.js';
import { tick } from '../charts/format.js';
import { UplotChart } from '../charts/uplot-chart.js';
import { volumeCsv } from '../shaping/chart-csv.js';
import { csvFileName } from '../shaping/csv.js';
import { volumeSeries, totalRows } from '../shaping/stats-series.js';
import { tooltipTime } from '../shaping/time-labels.js';
import { frameData, type StatsQueryView } from './panel-frame-data.js';

export interface PanelContext {
  project: string;
  timeZone: string;
  scheme: 'light' | 'dark';
}

export function VolumePanel({ q, ctx }: { q: StatsQueryView; ctx: PanelContext }): ReactNode {
  const s = q.data ? volumeSeries(q.data) : undefined;
  const frame = frameData(q, s?.times ?? [], s?.rows, ctx.timeZone);
  const total = q.data ? totalRows(q.data) : undefined;
  return (
    <ChartPanel
      panel="volume"
      title="Feedback volume"
      subtitle={total === undefined ? 'rows per bucket' : `${total.toLocaleString('en-US')} rows in the window`}
      {...frame}
      error={q.error}
      csv={q.data ? () => ({ fileName: csvFileName(ctx.project, 'volume'), text: volumeCsv(q.data as NonNullable<typeof q.data>, ctx.timeZone) }) : undefined}
    >
      {s ? (
        <UplotChart
          label="Feedback rows per bucket"
          times={s.times}
          series={[{ label: 'rows', values: s.rows, color: '--series-1', kind: 'bars' }]}
          yFormat={tick}
          timeZone={ctx.timeZone}
          scheme={ctx.scheme}
          height={180}
          readout={(i) => (
            <>
              <strong>{tooltipTime(s.times[i] ?? 0, ctx.timeZone)}</strong>
              <span>{s.rows[i] === null ? 'no rows' : `${s.rows[i]} rows`}</span>
            </>
          )}
        />
      ) : null}
    </ChartPanel>
  );
}
