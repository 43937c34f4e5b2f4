import express, { type Router } from 'express';
import swaggerUi from 'swagger-ui-express';

/** An interactive API reference rendered from openapi.json; its assets are served locally (works offline). */
export function docsRouter(spec: object): Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  router.use('/docs', swaggerUi.serve);
  // The page loads the spec from /openapi.json rather than having it inlined: swagger-ui-express
  // splices the inlined spec into its script with String.replace, which reads "$`" or "$'" in a
  // description as a replacement pattern and breaks the page. Relative, so a path prefix in front works.
  router.get('/docs', swaggerUi.setup(undefined, { customSiteTitle: 'Feedback API reference', swaggerOptions: { url: '../openapi.json' } }));
  return router;
}
