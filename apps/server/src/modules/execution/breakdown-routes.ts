import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseFiscalYear } from '@pbis/core';
import { moneyBreakdownQuery, moneyBreakdownSchema } from '@pbis/contract';
import { ANY_STAFF } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { moneyBreakdown } from './breakdown-service.js';

/** The breakdown behind one unit's money indicators (issue 15 "Every figure opens its breakdown"). */
export const breakdownRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/execution/money-indicators/breakdown',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['execution'],
        summary:
          'One unit’s indicator 5.1 and indicator 2: each line and carry-over counted or left out, and why, with totals equal to its row of /execution/money-indicators; a unit out of scope is 404',
        querystring: moneyBreakdownQuery,
        response: { 200: moneyBreakdownSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      moneyBreakdown(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        unitId: request.query.unitId,
        asOf: request.query.asOf,
      }),
  );
};
