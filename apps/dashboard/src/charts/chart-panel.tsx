// The frame around every chart: title, state (skeleton, empty, error), CSV button, and the data
// attributes the end-to-end tests read (see README: data-points, data-gaps, …).
import type { ReactNode } from 'react';
import { ErrorNotice } from '../components/error-notice.js';
import type { Coverage } from '../shaping/stats-series.js';
import { downloadText } from './download.js';

export type PanelState = 'loading' | 'ready' | 'empty' | 'error';

export interface ChartPanelProps {
  /** `volume`, `numeric:<path>`, …: the `data-panel` attribute. */
  panel: string;
  title: string;
  subtitle?: ReactNode;
  state: PanelState;
  /** A newer answer is on its way (the chart still shows the previous one). */
  fetching?: boolean;
  coverage?: Coverage | undefined;
  firstBucket?: string | undefined;
  lastBucket?: string | undefined;
  error?: unknown;
  emptyText?: string;
  /** The CSV of what the chart shows, made when the button is pressed. */
  csv?: (() => { fileName: string; text: string }) | undefined;
  actions?: ReactNode;
  legend?: ReactNode;
  children?: ReactNode;
}

export function ChartPanel(p: ChartPanelProps): ReactNode {
  const titleId = `panel-title-${p.panel.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const busy = p.state === 'loading' || p.fetching === true;
  return (
    <section
      className="panel"
      aria-labelledby={titleId}
      aria-busy={busy}
      data-testid="chart-panel"
      data-panel={p.panel}
      data-state={p.state}
      data-fetching={p.fetching === true}
      data-points={p.coverage?.points ?? 0}
      data-gaps={p.coverage?.gaps ?? 0}
      data-buckets={(p.coverage?.points ?? 0) + (p.coverage?.gaps ?? 0)}
      data-first-bucket={p.firstBucket ?? ''}
      data-last-bucket={p.lastBucket ?? ''}
    >
      <header className="panel-header">
        <div>
          <h3 id={titleId}>{p.title}</h3>
          {p.subtitle ? <p className="panel-subtitle">{p.subtitle}</p> : null}
        </div>
        <div className="panel-actions">
          {p.actions}
          {p.csv && p.state !== 'loading' && p.state !== 'error' ? (
            <button
              type="button"
              data-testid="csv-download"
              aria-label={`Download CSV: ${p.title}`}
              onClick={() => {
                const file = p.csv?.();
                if (file) downloadText(file.fileName, file.text);
              }}
            >
              CSV
            </button>
          ) : null}
        </div>
      </header>
      {p.state === 'loading' ? <div className="skeleton" aria-label="Loading" role="status" /> : null}
      {p.state === 'error' ? <ErrorNotice error={p.error} /> : null}
      {p.state === 'empty' ? <p className="empty">{p.emptyText ?? 'No feedback in this window.'}</p> : null}
      {p.state === 'ready' || p.state === 'empty' ? (
        <>
          {p.children}
          {p.legend}
        </>
      ) : null}
    </section>
  );
}
