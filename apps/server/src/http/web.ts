import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '@pbis/core';

/** The built SPA, with index.html for client-side routes: every route here is public. */
export async function registerWeb(app: FastifyInstance, dist: string) {
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public', web: true };
    });
    const index = path.join(dist, 'index.html');
    if (!fs.existsSync(index)) {
      web.get('/', { schema: { hide: true } }, async (_req, reply) =>
        reply
          .type('text/plain; charset=utf-8')
          .send('PBIS API is running. The web UI is not built: run `npm run build:web`.\n'),
      );
      return;
    }
    await web.register(fastifyStatic, {
      root: dist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
    web.get('/*', { schema: { hide: true } }, async (request, reply) => {
      // The decoded path: an unknown /api/… (or /%61pi/…) address is a 404 in the error shape.
      const rest = (request.params as { '*'?: string })['*'] ?? '';
      if (rest === 'api' || rest.startsWith('api/'))
        throw new AppError('not_found', `no route ${request.method} /${rest}`);
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
  });
}
