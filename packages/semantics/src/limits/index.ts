// Limits on the work one request may cause, shared by the server and the fakes.
export {
  MAX_AGGREGATE_ROWS,
  MAX_STATS_CELLS,
  assertAggregateAnswerRows,
  assertStatsAnswerSize,
  statsAnswerCells,
} from './answer-size.js';
