import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseFiscalYear } from '@pbis/core';
import { planHomeQuery, planHomeSchema } from '@pbis/contract';
import { ANY_STAFF } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { planHome } from './home.js';

/** The plans module's home-page cards: results due, indicators at risk, status counts. */
export const planHomeRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/plans/home',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['plans'],
        summary:
          'Home-page figures of the plans in scope: results due this month, indicators at risk, status counts',
        querystring: planHomeQuery,
        response: { 200: planHomeSchema, ...errors(400, 401) },
      },
    },
    async (request) =>
      planHome(app.database, request.session!.actor, {
        fiscalYear: request.query.fiscalYear
          ? parseFiscalYear(request.query.fiscalYear)
          : undefined,
      }),
  );
};
