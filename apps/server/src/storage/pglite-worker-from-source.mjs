// Starts pglite-worker.ts when the server runs from its TypeScript sources (tests): Node 20 gives
// a worker thread no `--import` loader, so the worker loads its TypeScript through tsx's API.
// Built, the server starts the compiled pglite-worker.js directly and never reads this file.
import { tsImport } from 'tsx/esm/api';

await tsImport('./pglite-worker.ts', import.meta.url);
