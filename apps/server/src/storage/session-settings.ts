// Settings every connection of the server runs with, applied once when the connection opens
// (PostgreSQL: startup options; PGlite: SET after open) rather than per request: a SET LOCAL in
// each read's own transaction cost three extra round trips (BEGIN, SET, COMMIT) per request.
// - jit = off: on these plans JIT compilation costs 50–100 ms and saves less than it costs.
// - work_mem: the percentile sorts of a 1M-row window stay in memory instead of spilling to disk.
// - parallel_tuple_cost: the default prices passing a row from a worker as if it cost a tenth of
//   reading it, which keeps 100k-row scans serial; worker start-up keeps its default price
//   (parallel_setup_cost), so small windows, where starting workers costs more than it saves,
//   stay serial.
// None of them changes an answer, only how fast it comes; writes are not affected by them.
export const SESSION_SETTINGS: Readonly<Record<string, string>> = {
  jit: 'off',
  work_mem: '64MB',
  parallel_tuple_cost: '0.01',
};

/** The libpq `options` startup parameter: `-c name=value` for each setting. */
export function sessionStartupOptions(settings: Readonly<Record<string, string>> = SESSION_SETTINGS): string {
  return Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
}

/** The same settings as SQL, for an engine without startup options (PGlite) or a benchmark session. */
export function sessionSetSql(settings: Readonly<Record<string, string>> = SESSION_SETTINGS): string {
  return Object.entries(settings)
    .map(([name, value]) => `SET ${name} = '${value}'`)
    .join('; ');
}

/**
 * The connection string with the settings in its `options` parameter. node-postgres lets a URL's
 * own parameters override the pool config, so a DATABASE_URL that carries `options` (a
 * search_path, say) would silently drop the settings: they are merged into the URL instead,
 * the URL's own options last, so that what an operator set explicitly wins.
 */
export function withSessionOptions(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return connectionString;
  }
  const theirs = url.searchParams.get('options');
  url.searchParams.set('options', theirs === null || theirs.trim() === '' ? sessionStartupOptions() : `${sessionStartupOptions()} ${theirs}`);
  return url.toString();
}
