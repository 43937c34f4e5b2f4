// The per-engine query tables of RESULTS.md.
import type { EngineQueries } from './engine-run.js';
import { httpLayerMs } from './query-bench.js';

export const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const fmtRatio = (x: number): string => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;

export function queryTables(queries: readonly EngineQueries[]): string[] {
  const lines: string[] = [];
  for (const q of queries) {
    lines.push(
      `### Queries: ${q.label} (table of ${q.tableRows.toLocaleString('en-US')} rows, one project of ten)`,
      '',
      '| query | rows read | HTTP p50 / p95 / max | server SQL direct p50 | HTTP layer (p50) | obvious SQL p50 | obvious SQL, server settings, p50 | floor p50 | obvious ÷ HTTP | HTTP ÷ floor |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const f of q.figures) {
      lines.push(
        `| ${f.id} | ${f.rows.toLocaleString('en-US')} | ${fmtMs(f.http.p50)} / ${fmtMs(f.http.p95)} / ${fmtMs(f.http.max)} | ${fmtMs(f.direct.p50)} | ${httpLayerMs(f).toFixed(1)} | ${fmtMs(f.obvious.p50)} | ${fmtMs(f.obviousTuned.p50)} | ${fmtMs(f.floor.p50)} | ${fmtRatio(f.obvious.p50 / f.http.p50)} | ${fmtRatio(f.http.p50 / f.floor.p50)} |`,
      );
    }
    if (q.roundTrip !== undefined) {
      lines.push(
        '',
        `HTTP layer = the median of (HTTP − direct) over runs timed in alternation on PostgreSQL (on PGlite, which allows one process at a time: HTTP p50 − direct p50). For scale: a bare round trip through the same client and server (\`GET /healthz\`: no body, no validation, no database) takes ${q.roundTrip.p50.toFixed(2)} ms p50 here.`,
      );
    }
    lines.push('', 'Queries:', '');
    for (const f of q.figures) lines.push(`- \`${f.id}\`: ${f.title}. Answer check: ${f.verified}.`);
    lines.push('');
  }
  return lines;
}
