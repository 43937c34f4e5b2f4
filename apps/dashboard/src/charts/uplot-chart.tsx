// A uPlot chart as a React component: built when its shape changes (series, zone, colours), fed
// new data in place otherwise. Empty buckets arrive as null and uPlot leaves them as gaps.
// Keyboard: the chart is focusable; arrow keys, Home and End move the readout bucket by bucket.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Column } from '../shaping/stats-series.js';

export interface ChartSeries {
  label: string;
  values: Column;
  /** A CSS custom property holding the colour, e.g. `--series-1`. */
  color: string;
  kind: 'line' | 'bars' | 'edge';
  dash?: number[];
  show?: boolean;
}

export interface ChartBand {
  /** Indexes into `series` of the upper and lower edge. */
  upper: number;
  lower: number;
  color: string;
}

export interface UplotChartProps {
  /** Accessible name of the chart. */
  label: string;
  /** Bucket starts, epoch ms. */
  times: number[];
  series: ChartSeries[];
  bands?: ChartBand[];
  /** A fixed y range, e.g. [0, 1] for rates. */
  yRange?: [number, number];
  yFormat?: (v: number) => string;
  timeZone: string;
  scheme: 'light' | 'dark';
  height?: number;
  /** What the readout shows for bucket `index`. */
  readout: (index: number) => ReactNode;
}

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex?.[1] === undefined) return color;
  const n = parseInt(hex[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** `performance.mark` of the first chart drawn on the page: what the load-time measurement reads. */
export const FIRST_CHART_MARK = 'feedback-dashboard:first-chart';

function markFirstChart(): void {
  if (performance.getEntriesByName(FIRST_CHART_MARK).length === 0) performance.mark(FIRST_CHART_MARK);
}

function seriesOptions(s: ChartSeries): uPlot.Series {
  const color = cssColor(s.color);
  const base: uPlot.Series = { label: s.label, stroke: color, show: s.show ?? true, spanGaps: false };
  if (s.kind === 'bars') {
    const bars = uPlot.paths.bars?.({ size: [0.85, 64], gap: 1 });
    return { ...base, fill: withAlpha(color, 0.75), width: 0, ...(bars ? { paths: bars } : {}), points: { show: false } };
  }
  if (s.kind === 'edge') return { ...base, width: 1, dash: s.dash ?? [4, 3], points: { show: false } };
  return { ...base, width: 2, ...(s.dash ? { dash: s.dash } : {}), points: { size: 5 } };
}

function alignedData(times: number[], series: ChartSeries[]): uPlot.AlignedData {
  return [times.map((t) => t / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData;
}

export function UplotChart(props: UplotChartProps): ReactNode {
  const { label, times, series, bands, yRange, yFormat, timeZone, scheme, height = 220, readout } = props;
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [index, setIndex] = useState<number | null>(null);
  const [left, setLeft] = useState(0);
  const timesRef = useRef(times);
  timesRef.current = times;

  // What requires a new chart; anything else is a setData.
  const shape = JSON.stringify([series.map((s) => [s.label, s.color, s.kind, s.show ?? true, s.dash ?? null]), bands ?? null, yRange ?? null, timeZone, scheme, height]);

  useEffect(() => {
    const el = holder.current;
    if (el === null) return undefined;
    const axisColor = cssColor('--text-muted');
    const gridColor = cssColor('--grid');
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      scales: { x: { time: true }, y: yRange ? { range: () => yRange } : { range: (_u, min, max) => [Math.min(0, min ?? 0), max === null || max <= 0 ? 1 : max * 1.08] } },
      axes: [
        { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } },
        {
          stroke: axisColor,
          grid: { stroke: gridColor, width: 1 },
          ticks: { stroke: gridColor, width: 1 },
          size: 56,
          ...(yFormat ? { values: (_u: uPlot, splits: number[]) => splits.map(yFormat) } : {}),
        },
      ],
      series: [{ label: 'time' }, ...series.map(seriesOptions)],
      bands: (bands ?? []).map((b) => ({ series: [b.upper + 1, b.lower + 1] as [number, number], fill: withAlpha(cssColor(b.color), 0.22) })),
      hooks: {
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            setIndex(i === undefined || i === null ? null : i);
            setLeft(u.cursor.left ?? 0);
          },
        ],
      },
    };
    const u = new uPlot(opts, alignedData(timesRef.current, series), el);
    chart.current = u;
    markFirstChart();
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(el.clientWidth, 200), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
    // Rebuilt only when the shape changes; data changes are handled by the effect below.
  }, [shape]);

  useEffect(() => {
    chart.current?.setData(alignedData(times, series));
  }, [times, series]);

  const moveTo = (i: number | null) => {
    const u = chart.current;
    if (u === null) return;
    if (i === null) {
      u.setCursor({ left: -10, top: -10 });
      setIndex(null);
      return;
    }
    const t = times[i];
    if (t === undefined) return;
    u.setCursor({ left: u.valToPos(t / 1000, 'x'), top: u.over.clientHeight / 2 });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = times.length - 1;
    if (last < 0) return;
    const current = index ?? -1;
    const next: Record<string, number | null> = {
      ArrowRight: Math.min(last, current + 1),
      ArrowLeft: current <= 0 ? 0 : current - 1,
      Home: 0,
      End: last,
      Escape: null,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    moveTo(next[e.key] ?? null);
  };

  return (
    <div className="chart">
      <div
        ref={holder}
        className="chart-canvas"
        role="group"
        tabIndex={0}
        aria-label={`${label}. Use the left and right arrow keys to read the buckets.`}
        onKeyDown={onKeyDown}
        onBlur={() => moveTo(null)}
      />
      <div className="chart-readout" aria-live="polite" data-testid="chart-readout" style={index === null ? { display: 'none' } : { left: `min(max(${left}px, 0px), calc(100% - 16rem))` }}>
        {index === null ? null : readout(index)}
      </div>
    </div>
  );
}
