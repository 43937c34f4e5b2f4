// `vite build` makes the production app (served by the reference server at /); `--mode demo`
// makes the same app on the in-browser MSW fake, with MSW's worker script beside it.
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { mswWorkerScript } from './vite-plugins/msw-worker-script.js';

export default defineConfig(({ mode }) => ({
  plugins: [react(), ...(mode === 'demo' ? [mswWorkerScript()] : [])],
  // Workspace packages resolve to their TypeScript sources, so no prior build of them is needed.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // `npm run dev`: the API of a server started with `npm start` (port 8080) behind the dev server.
  server: { proxy: { '/feedback': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // The demo build carries the fake (its validator and the spec); the production budget is
    // checked by scripts/check-bundle-budget.mjs, not by this warning.
    ...(mode === 'demo' ? { chunkSizeWarningLimit: 2000 } : {}),
    rolldownOptions: {
      // @feedback/semantics is pure rules, but its package does not say so: without this every
      // module its index re-exports (the emoji tables of reactions among them) would stay in the bundle.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]semantics[\\/]|[\\/]unicode-emoji-json[\\/]/.test(id) },
    },
  },
}));
