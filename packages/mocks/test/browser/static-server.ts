// A minimal static file server on 127.0.0.1 for the bundled page. It logs every path it is
// asked for, so the test can show that no API call reached the network.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>`: a secure context, as service workers require. */
  origin: string;
  /** Every request path in arrival order. */
  requestedPaths: string[];
  close(): Promise<void>;
}

function filePathFor(root: string, urlPath: string): string | undefined {
  const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath));
  const full = join(root, relative);
  return full.startsWith(root + sep) ? full : undefined;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const requestedPaths: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requestedPaths.push(path);
    const file = req.method === 'GET' ? filePathFor(root, path) : undefined;
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('static server has no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requestedPaths,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err === undefined ? resolve() : reject(err)));
      }),
  };
}
