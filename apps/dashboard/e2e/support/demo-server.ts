// The demo build (`vite build --mode demo` → dist-demo/) served as `npm run dashboard:demo` serves
// it: vite preview, here on a free loopback port. No API server exists: the app's calls are
// answered by MSW's service worker with the in-browser fake.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_DIR = 'dist-demo';

export interface DemoServer {
  origin: string;
  close(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  if (!existsSync(`${ROOT}${DEMO_DIR}/index.html`)) {
    throw new Error(`${DEMO_DIR}/ is missing: the e2e suite runs after the dashboard's build (npm run build -w @feedback/dashboard)`);
  }
  const server = await preview({
    root: ROOT,
    mode: 'demo',
    logLevel: 'warn',
    build: { outDir: DEMO_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('vite preview has no TCP address');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
