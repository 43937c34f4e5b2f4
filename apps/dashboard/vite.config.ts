// `vite build` makes the production app (served by the reference server at /); `--mode demo`
// makes the same app on the in-browser MSW fake, with MSW's worker script beside it.
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { mswWorkerScript } from './vite-plugins/msw-worker-script.js';

export default defineConfig(({ mode }) => ({
  plugins: [react(), ...(mode === 'demo' ? [mswWorkerScript()] : [])],
  // Workspace packages resolve to their TypeScript sources, so no prior build of them is needed.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false },
}));
