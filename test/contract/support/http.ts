// One raw POST/GET through globalThis.fetch, so the same code reaches a real listener and an
// MSW-intercepted fake base URL alike.
export interface RawRequest {
  method?: 'GET' | 'POST';
  path: string;
  /** Sent as JSON text unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  /** `null` sends no Authorization header. */
  authorization: string | null;
  contentType?: string;
  /** Sent as Content-Encoding; gzip and deflate bodies are compressed, others sent as they are. */
  contentEncoding?: string;
  /** Sent as they are instead of `body`/`rawBody`, whatever `contentEncoding` says. */
  bytes?: Uint8Array<ArrayBuffer>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or `undefined` when the body is not JSON. */
  body: unknown;
  text: string;
}

export async function sendRaw(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const method = req.method ?? 'POST';
  const headers: Record<string, string> = {};
  if (req.authorization !== null) headers['authorization'] = req.authorization;
  let body: string | ArrayBuffer | Uint8Array<ArrayBuffer> | undefined;
  if (method === 'POST') {
    headers['content-type'] = req.contentType ?? 'application/json';
    const text = req.rawBody ?? JSON.stringify(req.body);
    body = req.bytes ?? text;
    if (req.contentEncoding !== undefined) {
      headers['content-encoding'] = req.contentEncoding;
      if (req.bytes === undefined && (req.contentEncoding === 'gzip' || req.contentEncoding === 'deflate')) {
        body = await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream(req.contentEncoding))).arrayBuffer();
      }
    }
  }
  const res = await globalThis.fetch(baseUrl + req.path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}
