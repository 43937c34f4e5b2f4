// `npm run mock:proxy` as a target: Prism as a validating proxy in front of the reference server
// (PGlite, with the server's own response validation off, as in production). Prism checks every
// response against openapi.json independently of express-openapi-validator; with --errors a
// violation turns into a 500, which fails the case.
import { startPrism } from './prism-target.js';
import { startServerTarget } from './server-target.js';
import type { StatefulTarget } from './target.js';

export async function startPrismProxyTarget(): Promise<StatefulTarget> {
  const server = await startServerTarget('pglite', { validateResponses: false });
  let prism: Awaited<ReturnType<typeof startPrism>>;
  try {
    prism = await startPrism({ kind: 'proxy', upstream: server.baseUrl });
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    kind: 'stateful',
    name: 'Prism proxy in front of the server',
    baseUrl: prism.baseUrl,
    setNow: (ms) => server.setNow(ms),
    seed: (rows) => server.seed(rows),
    async close() {
      await prism.close();
      await server.close();
    },
  };
}
