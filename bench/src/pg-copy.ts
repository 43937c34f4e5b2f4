// COPY … FROM STDIN through node-postgres without a streaming package: a "submittable" query (the
// interface pg-copy-streams itself builds on) that sends prepared chunks once the server asks for
// the data, then reports the row count. Enough for a benchmark that holds its rows in memory.
import type pg from 'pg';

/** What pg's Client calls on an active query; only the members COPY FROM reaches are needed. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyFromChunks {
  private rows = 0;
  private error: unknown;
  readonly done: Promise<number>;
  private settle!: (err: unknown) => void;

  constructor(
    private readonly text: string,
    private readonly chunks: readonly Buffer[],
  ) {
    this.done = new Promise<number>((resolve, reject) => {
      this.settle = (err) => (err === undefined ? resolve(this.rows) : reject(err as Error));
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleError(err: unknown): void {
    this.error = err;
  }

  handleReadyForQuery(): void {
    this.settle(this.error);
  }

  // Not reached by COPY FROM; present because the client may call them on any active query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs `COPY table (columns) FROM STDIN (FORMAT csv)` with `csv` as the data; resolves to the rows copied. */
export async function copyCsv(client: pg.Client, table: string, columns: readonly string[], csv: string): Promise<number> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || !columns.every((c) => /^[a-z_][a-z0-9_]*$/.test(c))) throw new Error('unsafe COPY target');
  const data = Buffer.from(csv, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += 1 << 20) chunks.push(data.subarray(at, at + (1 << 20)));
  const copy = new CopyFromChunks(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv)`, chunks);
  // pg accepts any object with `submit` as a query and drives it through the handle* calls above;
  // its typings name a Connection without the COPY methods, hence the cast.
  client.query(copy as unknown as pg.Submittable);
  return copy.done;
}

function csvQuoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV field as COPY reads it: null → empty, arrays → text[] literals, objects → JSON. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return csvQuoted(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => `"${String(v).replace(/[\\"]/g, '\\$&')}"`);
    return csvQuoted(`{${items.join(',')}}`);
  }
  return csvQuoted(JSON.stringify(value));
}
