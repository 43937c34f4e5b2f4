// The dashboard (apps/dashboard, a static single-page app) at `/`. Its hashed assets are cached
// for a year; index.html is revalidated on every load. A GET for any other path outside the API
// answers index.html (the app reads its view from the URL). Without a build there, `/` says how
// to make one instead of a bare 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

// Paths that belong to the API, its docs and probes: never answered with the app.
const NOT_THE_APP = /^\/(feedback|docs|openapi\.json|healthz|readyz)(\/|$)/;

// The app loads only its own files and talks only to this origin; uPlot and React set inline
// styles, hence 'unsafe-inline' for styles (never for scripts).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback API</title></head>
<body><main><h1>Feedback API</h1>
<p>The dashboard is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds first) in the repository, then reload.</p>
<p>The API reference is at <a href="docs">/docs</a>, the spec at <a href="openapi.json">/openapi.json</a>.</p>
</main></body></html>
`;

function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !NOT_THE_APP.test(req.path);
}

/** Serves the built dashboard found in `dir` (its `index.html` and `assets/`). */
export function dashboardRouter(dir: string): Router {
  const router = express.Router();
  const indexFile = join(dir, 'index.html');
  const pageHeaders = (res: Response) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-cache');
  };
  const files = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (path.includes(`${join(dir, 'assets')}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) return next();
    // Looked up per request, so a build made while the server runs is picked up.
    if (!existsSync(indexFile)) {
      if (req.path !== '/') return next();
      return void res.status(200).type('html').setHeader('Cache-Control', 'no-store').send(NOT_BUILT_PAGE);
    }
    files(req, res, () => {
      // A missing asset is a 404, not the app: a stale page asking for an old chunk must fail loudly.
      if (req.path.startsWith('/assets/')) return next();
      pageHeaders(res);
      res.sendFile(indexFile);
    });
  });
  return router;
}
