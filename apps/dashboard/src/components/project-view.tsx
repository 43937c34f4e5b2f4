// One project's dashboard: controls, volume, window totals, a panel per chosen payload path, and
// the aggregate view. Three stats-side requests run in parallel: volume (counts only, the first
// chart drawn), the metric panels, and payload_schema for suggestions.
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useApi } from '../api/api-context.js';
import { AddPanel } from '../panels/add-panel.js';
import { AggregateView } from '../panels/aggregate-view.js';
import { BooleanPanel, CategoricalPanel, NumericPanel, type MetricPanelProps } from '../panels/metric-panels.js';
import { VolumePanel, type PanelContext } from '../panels/volume-panel.js';
import { WindowStats } from '../panels/window-stats.js';
import { defaultPanels, pathSuggestions } from '../shaping/panel-suggestions.js';
import { statsRequest } from '../shaping/stats-request.js';
import { totalRows } from '../shaping/stats-series.js';
import { browserTimeZone, isUsableZone } from '../shaping/time-labels.js';
import { statsGranularity, viewWindow, windowProblem } from '../shaping/time-window.js';
import type { PanelChoice, PanelKind, ViewState } from '../shaping/view-state.js';
import { useColorScheme } from '../state/use-color-scheme.js';
import { useNow } from '../state/use-now.js';
import { rememberProject } from '../state/recent-projects.js';
import type { ViewUpdate } from '../state/use-view-state.js';
import { ErrorNotice } from './error-notice.js';
import { ViewControls } from './view-controls.js';

/** Whether a stats query key (openapi-react-query's [method, path, init]) asked for these metrics. */
function sameMetrics(queryKey: readonly unknown[] | undefined, metrics: unknown): boolean {
  const init: unknown = queryKey?.[2];
  if (typeof init !== 'object' || init === null || !('body' in init)) return false;
  const body: unknown = init.body;
  if (typeof body !== 'object' || body === null || !('metrics' in body)) return false;
  return JSON.stringify(body.metrics) === JSON.stringify(metrics);
}

const PANELS: Record<PanelKind, (p: MetricPanelProps) => ReactNode> = { numeric: NumericPanel, boolean: BooleanPanel, categorical: CategoricalPanel };

export function ProjectView({ view, update, onSignIn }: { view: ViewState; update: (u: ViewUpdate) => void; onSignIn: () => void }): ReactNode {
  const { $api } = useApi();
  const [now, refreshNow] = useNow(view.refresh);
  const queryClient = useQueryClient();
  // A refresh (the button or the auto-refresh tick) asks again even when the window, rounded to
  // the minute, did not move: the same question may have a newer answer.
  const firstNow = useRef(now);
  useEffect(() => {
    if (now !== firstNow.current) void queryClient.invalidateQueries({ type: 'active' });
  }, [now, queryClient]);
  useEffect(() => rememberProject(view.project), [view.project]);
  const scheme = useColorScheme();
  const browserZone = browserTimeZone();
  // A zone from a link that this browser cannot show falls back to the browser's own.
  const timeZone = view.timeZone !== null && isUsableZone(view.timeZone) ? view.timeZone : browserZone;
  const w = viewWindow(view, now);
  const problem = windowProblem(w);
  const granularity = problem === null ? statsGranularity(w, view.granularity) : 3600;
  const ctx: PanelContext = { project: view.project, timeZone, scheme };
  const options = { enabled: problem === null, placeholderData: keepPreviousData, retry: false } as const;

  const base = { project: view.project, window: w, granularity, timeZone, feedbackType: view.feedbackType };
  const volume = $api.useQuery('post', '/feedback/stats', { body: statsRequest({ ...base, panels: [] }) }, options);
  // The volume chart asks first and alone: on an engine with one connection (PGlite) the other
  // requests would queue in front of it, and it is the chart people look at first.
  const volumeSettled = volume.isFetched || volume.isError || problem !== null;
  const schema = $api.useQuery('post', '/feedback/payload_schema', { body: { project_id: view.project, max_rows: 1000 } }, { staleTime: 5 * 60_000, retry: false, enabled: volumeSettled });
  const suggestions = schema.data ? pathSuggestions(schema.data) : [];
  // Until the user chooses, the project opens with its most frequent paths.
  const panels: PanelChoice[] | null = view.panels ?? (schema.data ? defaultPanels(suggestions) : schema.error ? [] : null);
  const metricsBody = statsRequest({ ...base, panels: panels ?? [] });
  const metrics = $api.useQuery('post', '/feedback/stats', { body: metricsBody }, {
    ...options,
    enabled: options.enabled && panels !== null && panels.length > 0,
    // While panels are unknown this query's key is the volume query's, and an answer for other
    // metrics lacks the new panels' columns: keep a previous answer only when it asked the same
    // metrics, or the panels would show "no feedback" until the real answer lands.
    placeholderData: (previous, previousQuery) => (previous !== undefined && sameMetrics(previousQuery?.queryKey, metricsBody.metrics) ? previous : undefined),
  });

  const setPanels = (next: PanelChoice[]) => update({ panels: next });
  const authError = [volume.error, metrics.error, schema.error].find((e) => isAuthError(e));

  return (
    <main className="project" aria-labelledby="project-title">
      <h2 id="project-title">{view.project}</h2>
      <ViewControls
        key={`${view.range}-${view.start}-${view.end}-${timeZone}`}
        view={view}
        update={update}
        window={w}
        timeZone={timeZone}
        browserZone={browserZone}
        autoGranularity={problem === null ? statsGranularity(w, null) : granularity}
        onRefresh={refreshNow}
        fetching={volume.isFetching || metrics.isFetching}
        updatedAt={volume.dataUpdatedAt}
      />
      {problem !== null ? (
        <div className="notice notice-error" role="alert" data-testid="error-state">
          {problem === 'order' ? 'The range ends before it starts: choose an end after the start.' : 'The range is longer than 31 days, the most the statistics endpoint answers: choose a shorter range.'}
        </div>
      ) : null}
      {authError !== undefined ? <ErrorNotice error={authError} onSignIn={onSignIn} testId="auth-error" /> : null}
      <VolumePanel q={volume} ctx={ctx} />
      <WindowStats q={metrics} paths={(panels ?? []).map((p) => p.path)} totalRows={volume.data ? totalRows(volume.data) : undefined} />
      <section className="metric-panels" aria-label="Metric panels">
        <AddPanel suggestions={suggestions} existing={panels ?? []} onAdd={(p) => setPanels([...(panels ?? []), p])} />
        {panels === null ? <div className="skeleton" role="status" aria-label="Loading the project's payload paths" /> : null}
        {panels !== null && panels.length === 0 ? <p className="empty">No metric panels: add a json_path above (suggestions come from the paths in this project's payloads).</p> : null}
        <div className="grid">
          {(panels ?? []).map((p) => {
            const Panel = PANELS[p.kind];
            return (
              <Panel
                key={`${p.kind}:${p.path}`}
                q={metrics}
                ctx={ctx}
                panel={p}
                minMax={view.minMax}
                onMinMax={(minMax) => update({ minMax })}
                onRemove={() => setPanels((panels ?? []).filter((x) => x !== p))}
              />
            );
          })}
        </div>
      </section>
      <section aria-labelledby="aggregate-title">
        <h2 id="aggregate-title">Scorers and monitors</h2>
        {problem === null ? <AggregateView view={view} update={update} window={w} statsGranularity={granularity} ctx={ctx} enabled={volumeSettled} /> : null}
      </section>
    </main>
  );
}

function isAuthError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const t = (e as { error_type?: unknown; errorType?: unknown }).error_type ?? (e as { errorType?: unknown }).errorType;
  return t === 'Unauthorized' || t === 'Forbidden' || t === 'RateLimited';
}
