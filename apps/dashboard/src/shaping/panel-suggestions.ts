// Panels suggested from /feedback/payload_schema: each path's dominant JSON type gives the panel
// kind (number → numeric, boolean → boolean, string → categorical), most frequent paths first.
import type { FeedbackPayloadSchemaRes } from '@feedback/api-types';
import type { PanelChoice, PanelKind } from './view-state.js';

export interface PathSuggestion {
  path: string;
  kind: PanelKind;
  /** Rows holding a value of that kind at the path. */
  count: number;
}

export function pathSuggestions(schema: FeedbackPayloadSchemaRes): PathSuggestion[] {
  return schema.paths
    .flatMap((p): PathSuggestion[] => {
      const options: [PanelKind, number][] = [
        ['numeric', p.types.number ?? 0],
        ['boolean', p.types.boolean ?? 0],
        ['categorical', p.types.string ?? 0],
      ];
      const best = options.reduce((a, b) => (b[1] > a[1] ? b : a));
      return best[1] > 0 ? [{ path: p.path, kind: best[0], count: best[1] }] : [];
    })
    .sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const DEFAULT_COUNTS: Readonly<Record<PanelKind, number>> = { numeric: 3, boolean: 2, categorical: 1 };

/** The panels a project opens with before the user picks any: the most frequent paths of each kind. */
export function defaultPanels(suggestions: readonly PathSuggestion[]): PanelChoice[] {
  const taken: Record<PanelKind, number> = { numeric: 0, boolean: 0, categorical: 0 };
  const panels: PanelChoice[] = [];
  for (const s of suggestions) {
    if (taken[s.kind] >= DEFAULT_COUNTS[s.kind]) continue;
    taken[s.kind] += 1;
    panels.push({ kind: s.kind, path: s.path });
  }
  const order: PanelKind[] = ['numeric', 'boolean', 'categorical'];
  return panels.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
