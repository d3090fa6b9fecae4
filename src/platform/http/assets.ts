import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { govukDist } from '../views/nunjucks.js';
import { fileURLToPath } from 'node:url';

const publicDir = fileURLToPath(new URL('../views/public', import.meta.url));

/**
 * GOV.UK Frontend's CSS, JavaScript, fonts and images are served from the installed package:
 * no CDN, so pages work on a closed network. Files are immutable per release, so cache them.
 */
export async function registerAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: publicDir, serve: false });
  const govuk = join(govukDist, 'govuk');
  const cache = { maxAge: '1d' };
  app.get('/assets/*', { config: { policy: 'public' } }, (req, reply) =>
    reply.sendFile((req.params as { '*': string })['*'], join(govuk, 'assets'), cache),
  );
  app.get('/stylesheets/govuk-frontend.min.css', { config: { policy: 'public' } }, (_req, reply) =>
    reply.sendFile('govuk-frontend.min.css', govuk, cache),
  );
  app.get('/javascripts/govuk-frontend.min.js', { config: { policy: 'public' } }, (_req, reply) =>
    reply.sendFile('govuk-frontend.min.js', govuk, cache),
  );
  app.get('/public/*', { config: { policy: 'public' } }, (req, reply) =>
    reply.sendFile((req.params as { '*': string })['*'], publicDir, { maxAge: '1h' }),
  );
}
