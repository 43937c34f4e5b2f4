/** A statement with its bound parameters: what the query builders return and benchmarks replay. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}
