// The one place the CLI reads its environment: where the API is, the key, and how the terminal
// wants its output. Everything else receives a Config.
export interface Config {
  /** FEEDBACK_URL: root URL of the API; --url overrides it. */
  url: string | undefined;
  /** FEEDBACK_KEY: the API key; --key overrides it. */
  key: string | undefined;
  /** Colour on stdout/stderr: only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
  color: { stdout: boolean; stderr: boolean };
  /** Whether stdin, stdout and stderr are terminals (prompts, progress bars, tables). */
  tty: { stdin: boolean; stdout: boolean; stderr: boolean };
  /** The machine's time zone (IANA), the default of --tz. */
  localZone: string;
  /** Terminal width for tables and bars; 100 when not a terminal. */
  columns: number;
}

export interface ConfigSources {
  env: Record<string, string | undefined>;
  stdin: { isTTY?: boolean | undefined };
  stdout: { isTTY?: boolean | undefined; columns?: number | undefined };
  stderr: { isTTY?: boolean | undefined };
}

export function readConfig(sources: ConfigSources): Config {
  const { env } = sources;
  // NO_COLOR: "when present and not an empty string", colour is off.
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const tty = { stdin: sources.stdin.isTTY === true, stdout: sources.stdout.isTTY === true, stderr: sources.stderr.isTTY === true };
  return {
    url: nonEmpty(env['FEEDBACK_URL']),
    key: nonEmpty(env['FEEDBACK_KEY']),
    color: { stdout: tty.stdout && !noColor, stderr: tty.stderr && !noColor },
    tty,
    localZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    columns: tty.stdout && sources.stdout.columns !== undefined && sources.stdout.columns > 20 ? sources.stdout.columns : 100,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
