import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createFiscalYearBody,
  fiscalYearListSchema,
  fiscalYearSchema,
  periodLocksQuery,
  periodLocksSchema,
  setPeriodLockBody,
} from '@pbis/contract';
import { ADMIN, ANY_STAFF } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import * as service from './service.js';

export const periodRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['periods'];

  r.get(
    '/fiscal-years',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Fiscal years (BE) with their dates',
        response: { 200: fiscalYearListSchema, ...errors(401) },
      },
    },
    async (request) => ({
      items: await service.listFiscalYears(app.database, request.session!.actor),
    }),
  );

  r.post(
    '/fiscal-years',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Create a fiscal year; one that exists is 409 fiscal_year_exists',
        body: createFiscalYearBody,
        response: { 201: fiscalYearSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createFiscalYear(app.database, request.session!.actor, request.body.year),
        ),
  );

  r.get(
    '/period-locks',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Lock state of a fiscal year and its months',
        querystring: periodLocksQuery,
        response: { 200: periodLocksSchema, ...errors(400, 401) },
      },
    },
    async (request) =>
      service.periodLocks(app.database, request.session!.actor, request.query.fiscalYear),
  );

  r.put(
    '/period-locks',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Lock or unlock a fiscal year (month 0) or one fiscal month (1 = October)',
        body: setPeriodLockBody,
        response: { 200: periodLocksSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.setPeriodLock(app.database, request.session!.actor, request.body),
  );
};
