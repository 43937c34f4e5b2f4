// Demo mode only: MSW's service worker script has to be served from the app's root, and npm does
// not run msw's postinstall here, so the build copies it from the installed msw package (the
// same version the page imports) instead of a committed copy that could drift from it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const FILE_NAME = 'mockServiceWorker.js';

function workerScript(): string {
  return readFileSync(createRequire(import.meta.url).resolve(`msw/${FILE_NAME}`), 'utf8');
}

export function mswWorkerScript(): Plugin {
  return {
    name: 'feedback-dashboard:msw-worker-script',
    configureServer(server) {
      server.middlewares.use(`/${FILE_NAME}`, (_req, res) => {
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.end(workerScript());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: FILE_NAME, source: workerScript() });
    },
  };
}
