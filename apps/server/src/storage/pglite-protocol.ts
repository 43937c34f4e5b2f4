// The messages between the server's thread and the worker thread that runs PGlite, and the
// error shape that crosses between them. Values travel by structured clone, which keeps what
// PGlite's parsers produce (numbers, BigInt for int8 beyond 2^53, Date, Uint8Array, parsed jsonb)
// exactly as the in-process driver returned them.

export interface PgliteWorkerData {
  /** An existing or new directory on disk: the worker never runs PGlite in memory (see pglite-driver.ts). */
  dataDir: string;
  /** SQL run once after the database opens (the session settings). */
  sessionSql: string;
}

export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params: readonly unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'close' };

/** PostgreSQL's error fields, copied one by one: structured clone keeps only an Error's message. */
export interface PgliteErrorFields {
  message: string;
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;
}

export type PgliteResponse =
  | { kind: 'ready' }
  | { kind: 'open-failed'; error: PgliteErrorFields }
  | { kind: 'result'; id: number; rows: object[] }
  | { kind: 'failed'; id: number; error: PgliteErrorFields };

const FIELDS = ['code', 'severity', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;

export function toErrorFields(err: unknown): PgliteErrorFields {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  const source = err as Record<string, unknown>;
  const out: PgliteErrorFields = { message: typeof source['message'] === 'string' ? source['message'] : String(err) };
  for (const name of FIELDS) {
    const value = source[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/** An error raised by PGlite in the worker, rebuilt with the fields the error classifiers read. */
export class PgliteDatabaseError extends Error {
  readonly code: string | undefined;
  readonly severity: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly position: string | undefined;
  readonly where: string | undefined;
  readonly schema: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly dataType: string | undefined;
  readonly constraint: string | undefined;
  readonly routine: string | undefined;

  constructor(fields: PgliteErrorFields) {
    super(fields.message);
    this.name = 'PgliteDatabaseError';
    this.code = fields.code;
    this.severity = fields.severity;
    this.detail = fields.detail;
    this.hint = fields.hint;
    this.position = fields.position;
    this.where = fields.where;
    this.schema = fields.schema;
    this.table = fields.table;
    this.column = fields.column;
    this.dataType = fields.dataType;
    this.constraint = fields.constraint;
    this.routine = fields.routine;
  }
}
