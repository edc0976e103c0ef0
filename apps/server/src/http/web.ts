import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '@pbis/core';

/** Hashed build output: its name changes with its content, so a browser may keep it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and any unhashed file): always asked again, so a new build is seen at once. */
export const REVALIDATE = 'no-cache';

/** The cache policy of one file of the build, by its path inside dist. */
export function cacheControlFor(relativePath: string): string {
  return relativePath.split(path.sep).join('/').startsWith('assets/') ? IMMUTABLE : REVALIDATE;
}

/**
 * The built SPA, with index.html for client-side routes: every route here is public. Files are
 * sent precompressed (the build writes .br and .gz beside each text file) when the browser
 * accepts it; hashed assets are cached for good, index.html is revalidated every time.
 */
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
      preCompressed: true,
      // Our own Cache-Control below (send's would say max-age=0 for everything).
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', cacheControlFor(path.relative(dist, file)));
        res.setHeader('vary', 'accept-encoding');
      },
    });
    web.get('/*', { schema: { hide: true } }, async (request, reply) => {
      // The decoded path: an unknown /api/… (or /%61pi/…) address is a 404 in the error shape.
      const rest = (request.params as { '*'?: string })['*'] ?? '';
      if (rest === 'api' || rest.startsWith('api/'))
        throw new AppError('not_found', `no route ${request.method} /${rest}`);
      // A chunk of an older build is gone: say so, rather than answer HTML for a script.
      if (rest.startsWith('assets/')) throw new AppError('not_found', `no file /${rest}`);
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
  });
}
