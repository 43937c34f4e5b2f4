// The window's totals (`window_stats`) as cards, one per panel's metric.
import type { ReactNode } from 'react';
import { exact } from '../charts/format.js';
import { windowCards } from '../shaping/stats-series.js';
import type { StatsQueryView } from './panel-frame-data.js';

export function WindowStats({ q, paths, totalRows }: { q: StatsQueryView; paths: string[]; totalRows: number | undefined }): ReactNode {
  const cards = q.data ? windowCards(q.data, paths) : [];
  return (
    <section className="cards" aria-label="Totals over the window" data-testid="window-stats" aria-busy={q.isPending}>
      <div className="card" data-testid="window-card" data-metric="rows">
        <h3>rows</h3>
        <p className="card-value">{totalRows === undefined ? '…' : totalRows.toLocaleString('en-US')}</p>
      </div>
      {cards.map((c) => (
        <div className="card" key={c.metric} data-testid="window-card" data-metric={c.metric}>
          <h3>{c.metric}</h3>
          <dl>
            {c.values.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{typeof value === 'number' ? exact(value) : value === null ? '—' : value}</dd>
              </div>
            ))}
            {(c.top ?? []).map(([value, count]) => (
              <div key={`top:${value}`}>
                <dt>“{value}”</dt>
                <dd>{count}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}
