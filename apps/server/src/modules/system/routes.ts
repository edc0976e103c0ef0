import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from './repository.js';

export const systemRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.string() }),
          503: z.object({ status: z.literal('error'), database: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await ping(app.database);
        return { status: 'ok' as const, database: app.database.dialect };
      } catch {
        return reply.status(503).send({ status: 'error' as const, database: app.database.dialect });
      }
    },
  );
};
