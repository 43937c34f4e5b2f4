// Everything a view shows, as plain data, and its round trip through the URL's query string:
// a copied link reproduces the view. The API key is never part of it.
import type { GroupByDimension, SpanType } from '@feedback/api-types';

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RangeChoice = RangePreset | 'custom';

export const REFRESH_CHOICES = [0, 30, 60, 300, 900] as const;
export const GROUP_BY_CHOICES: readonly GroupByDimension[] = ['scorer_id', 'span_agent_name', 'span_agent_version', 'span_status_code'];
export const SPAN_TYPE_CHOICES: readonly SpanType[] = ['agent_turn', 'agent_conversation'];

export type PanelKind = 'numeric' | 'boolean' | 'categorical';

export interface PanelChoice {
  kind: PanelKind;
  path: string;
}

export interface AggregateFilters {
  feedbackTypes: string[];
  tags: string[];
  scorerIds: string[];
  monitorIds: string[];
  spanTypes: SpanType[];
  agentNames: string[];
  ratingMin: number | null;
  ratingMax: number | null;
}

export interface ViewState {
  project: string;
  range: RangeChoice;
  /** Epoch ms; only for `range: 'custom'`. */
  start: number | null;
  end: number | null;
  /** IANA zone; null = the browser's. */
  timeZone: string | null;
  /** Seconds; null = auto. */
  granularity: number | null;
  /** Seconds between refreshes; 0 = off. */
  refresh: number;
  /** null = not chosen yet: the app suggests panels from the project's payload paths. */
  panels: PanelChoice[] | null;
  minMax: boolean;
  /** Stats filter on feedback_type (exact); '' = every type. */
  feedbackType: string;
  groupBy: GroupByDimension[];
  /** Aggregate bucket size in seconds; null = auto. */
  bucketSeconds: number | null;
  filters: AggregateFilters;
}

export const EMPTY_FILTERS: AggregateFilters = {
  feedbackTypes: [],
  tags: [],
  scorerIds: [],
  monitorIds: [],
  spanTypes: [],
  agentNames: [],
  ratingMin: null,
  ratingMax: null,
};

export const DEFAULT_VIEW: ViewState = {
  project: '',
  range: '24h',
  start: null,
  end: null,
  timeZone: null,
  granularity: null,
  refresh: 0,
  panels: null,
  minMax: false,
  feedbackType: '',
  groupBy: ['scorer_id'],
  bucketSeconds: null,
  filters: EMPTY_FILTERS,
};

const PANEL_KEYS: Record<PanelKind, string> = { numeric: 'num', boolean: 'bool', categorical: 'cat' };

function positiveInt(text: string | null): number | null {
  if (text === null || !/^\d{1,12}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}

function instant(text: string | null): number | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

function unitInterval(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

function oneOf<T extends string | number>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/** Reads a view from a query string; anything missing or malformed takes its default. */
export function parseViewState(search: string | URLSearchParams): ViewState {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const range: RangeChoice = q.get('range') === 'custom' ? 'custom' : (oneOf(q.get('range'), RANGE_PRESETS) ?? DEFAULT_VIEW.range);
  const start = instant(q.get('start'));
  const end = instant(q.get('end'));
  const customOk = range === 'custom' && start !== null && end !== null && end > start;
  const panelsGiven = q.has('panels') || (['num', 'bool', 'cat'] as const).some((k) => q.has(k));
  const seen = new Set<string>();
  const panels: PanelChoice[] = [];
  for (const kind of ['numeric', 'boolean', 'categorical'] as const) {
    for (const path of q.getAll(PANEL_KEYS[kind])) {
      // Two panels on one path would share a stats slug, which the API refuses.
      if (path === '' || seen.has(path)) continue;
      seen.add(path);
      panels.push({ kind, path });
    }
  }
  const groupBy = q.has('group') ? [...new Set(q.getAll('group'))].flatMap((g) => oneOf(g, GROUP_BY_CHOICES) ?? []) : DEFAULT_VIEW.groupBy;
  return {
    project: q.get('project')?.trim() ?? '',
    range: customOk ? 'custom' : range === 'custom' ? DEFAULT_VIEW.range : range,
    start: customOk ? start : null,
    end: customOk ? end : null,
    timeZone: q.get('tz') || null,
    granularity: positiveInt(q.get('gran')),
    refresh: oneOf(positiveInt(q.get('refresh')) ?? 0, REFRESH_CHOICES) ?? 0,
    panels: panelsGiven ? panels : null,
    minMax: q.get('minmax') === '1',
    feedbackType: q.get('type') ?? '',
    groupBy,
    bucketSeconds: positiveInt(q.get('bucket')),
    filters: {
      feedbackTypes: q.getAll('ft').filter((v) => v !== ''),
      tags: q.getAll('tag').filter((v) => v !== ''),
      scorerIds: q.getAll('scorer').filter((v) => v !== ''),
      monitorIds: q.getAll('monitor').filter((v) => v !== ''),
      spanTypes: q.getAll('span').flatMap((s) => oneOf(s, SPAN_TYPE_CHOICES) ?? []),
      agentNames: q.getAll('agent').filter((v) => v !== ''),
      ratingMin: unitInterval(q.get('rmin')),
      ratingMax: unitInterval(q.get('rmax')),
    },
  };
}

/** The query string of a view (without `?`); defaults are left out to keep links short. */
export function serializeViewState(v: ViewState): string {
  const q = new URLSearchParams();
  if (v.project !== '') q.set('project', v.project);
  q.set('range', v.range);
  if (v.range === 'custom' && v.start !== null && v.end !== null) {
    q.set('start', new Date(v.start).toISOString());
    q.set('end', new Date(v.end).toISOString());
  }
  if (v.timeZone !== null) q.set('tz', v.timeZone);
  if (v.granularity !== null) q.set('gran', String(v.granularity));
  if (v.refresh !== 0) q.set('refresh', String(v.refresh));
  if (v.panels !== null) {
    if (v.panels.length === 0) q.set('panels', 'none');
    for (const p of v.panels) q.append(PANEL_KEYS[p.kind], p.path);
  }
  if (v.minMax) q.set('minmax', '1');
  if (v.feedbackType !== '') q.set('type', v.feedbackType);
  const defaultGroup = v.groupBy.length === 1 && v.groupBy[0] === 'scorer_id';
  if (!defaultGroup) {
    if (v.groupBy.length === 0) q.set('group', '');
    for (const g of v.groupBy) q.append('group', g);
  }
  if (v.bucketSeconds !== null) q.set('bucket', String(v.bucketSeconds));
  const f = v.filters;
  for (const x of f.feedbackTypes) q.append('ft', x);
  for (const x of f.tags) q.append('tag', x);
  for (const x of f.scorerIds) q.append('scorer', x);
  for (const x of f.monitorIds) q.append('monitor', x);
  for (const x of f.spanTypes) q.append('span', x);
  for (const x of f.agentNames) q.append('agent', x);
  if (f.ratingMin !== null) q.set('rmin', String(f.ratingMin));
  if (f.ratingMax !== null) q.set('rmax', String(f.ratingMax));
  return q.toString();
}
