import express, { type Router } from 'express';
import swaggerUi from 'swagger-ui-express';

/** An interactive API reference rendered from openapi.json; its assets are served locally (works offline). */
export function docsRouter(spec: object): Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  router.use('/docs', swaggerUi.serve);
  router.get('/docs', swaggerUi.setup(spec, { customSiteTitle: 'Feedback API reference' }));
  return router;
}
