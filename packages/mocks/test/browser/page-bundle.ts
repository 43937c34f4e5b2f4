// Bundles page/ (index.html + main.ts and what it imports: MSW's browser build, the fake and the
// SDK from their TypeScript sources) with vite into a temporary folder, next to MSW's service
// worker script at the root, where `worker.start()` looks for it.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

export interface PageBundle {
  dir: string;
  remove(): Promise<void>;
}

export async function bundlePage(): Promise<PageBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'feedback-mocks-browser-'));
  try {
    await build({
      configFile: false,
      root: PAGE_DIR,
      logLevel: 'warn',
      mode: 'production',
      publicDir: false,
      // Workspace packages resolve to their sources, as in the Node tests.
      resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
      build: {
        outDir: dir,
        emptyOutDir: false,
        minify: false,
        sourcemap: false,
        reportCompressedSize: false,
        modulePreload: false,
        target: 'es2022',
      },
    });
    const workerScript = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
    await copyFile(workerScript, join(dir, 'mockServiceWorker.js'));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
