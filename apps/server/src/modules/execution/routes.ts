import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseFiscalYear } from '@pbis/core';
import {
  budgetLineListSchema,
  budgetLinesQuery,
  executionSummaryQuery,
  executionSummarySchema,
  moneyIndicatorsQuery,
  moneyIndicatorsSchema,
  postEntryBody,
  postedEntrySchema,
} from '@pbis/contract';
import { ANY_STAFF } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { bvaRoutes } from './bva-routes.js';
import { analysisRoutes } from './analysis-routes.js';
import { breakdownRoutes } from './breakdown-routes.js';
import { moneyIndicators } from './money.js';
import { executionSummary, listLines, postEntry } from './service.js';
import { transferRoutes } from './transfers-routes.js';
import { yearEndRoutes } from './year-end-routes.js';

/** Who posts obligations and disbursements: the unit's officer and the Budget Office. */
const POSTERS = ['admin', 'budget_office', 'unit_officer'] as const;

export const executionRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['execution'];
  await app.register(transferRoutes);
  await app.register(bvaRoutes);
  await app.register(analysisRoutes);
  await app.register(yearEndRoutes);
  await app.register(breakdownRoutes);

  r.get(
    '/execution/money-indicators',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'Indicator 5.1 (disbursement rate) and indicator 2 (carry-over without obligation) per unit in scope, and for the whole organisation (ALL)',
        querystring: moneyIndicatorsQuery,
        response: { 200: moneyIndicatorsSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      moneyIndicators(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        unit: request.query.unit,
        asOf: request.query.asOf,
      }),
  );

  r.get(
    '/execution/lines',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Budget lines in scope with their running totals and available balance',
        querystring: budgetLinesQuery,
        response: { 200: budgetLineListSchema, ...errors(400, 401) },
      },
    },
    async (request) => ({
      items: await listLines(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        unitId: request.query.unitId,
      }),
    }),
  );

  r.get(
    '/execution/summary',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Budget vs actual: totals, per unit, per category, and the monthly S-curve',
        querystring: executionSummaryQuery,
        response: { 200: executionSummarySchema, ...errors(400, 401) },
      },
    },
    async (request) =>
      executionSummary(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        unitId: request.query.unitId,
      }),
  );

  for (const kind of ['reservation', 'obligation', 'disbursement'] as const)
    r.post(
      `/execution/${kind}s`,
      {
        config: { access: POSTERS },
        schema: {
          tags,
          summary: {
            reservation:
              'Post a reservation (purchase request) on a line; a negative amount with reservationNo cancels that much of one',
            obligation:
              'Post an obligation (contract, PO) on a line, from a reservation (reservationNo, whose open amount it releases) or directly; over the available balance is 422 insufficient_balance',
            disbursement:
              'Post a disbursement on a line, against an obligation (obligationNo) or directly',
          }[kind],
          body: postEntryBody,
          response: { 201: postedEntrySchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await postEntry(app.database, request.session!.actor, kind, request.body)),
    );
};
