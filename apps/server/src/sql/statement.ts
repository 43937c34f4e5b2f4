/** A statement with its bound parameters: what the query builders return and benchmarks replay. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** Adds a value to the statement's parameters and returns its placeholder, cast: `$7::text`. */
export type Bind = (value: unknown, type: string) => string;

/**
 * A statement's parameter list, starting with `initial` ($1, $2, …), and the `bind` that appends
 * to it. Every value from a request reaches SQL through here, never as text.
 */
export function boundParams(initial: readonly unknown[]): { params: unknown[]; bind: Bind } {
  const params = [...initial];
  const bind: Bind = (value, type) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  return { params, bind };
}
