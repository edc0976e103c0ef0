import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, ANY_STAFF } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import * as service from './service.js';

const fiscalYearParam = z
  .union([z.number().int(), z.string().regex(/^\d{4}$/)])
  .describe('Buddhist-era year, e.g. 2565');
const fiscalYearSchema = z.object({ year: z.number(), startDate: z.string(), endDate: z.string() });
const lockStateSchema = z.object({
  fiscalYear: z.number(),
  yearLocked: z.boolean(),
  yearChangedBy: z.string().nullable(),
  yearChangedAt: z.date().nullable(),
  months: z.array(
    z.object({
      month: z.number(),
      abbrTh: z.string(),
      abbrEn: z.string(),
      locked: z.boolean(),
      effectiveLocked: z.boolean(),
      changedBy: z.string().nullable(),
      changedAt: z.date().nullable(),
    }),
  ),
});

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
        response: { 200: z.object({ items: z.array(fiscalYearSchema) }), ...errors(401) },
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
        summary: 'Open a fiscal year',
        body: z.object({ year: fiscalYearParam }),
        response: {
          200: fiscalYearSchema.extend({ created: z.boolean() }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) =>
      service.ensureFiscalYear(app.database, request.session!.actor, request.body.year),
  );

  r.get(
    '/period-locks',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Lock state of a fiscal year and its months',
        querystring: z.object({ fiscalYear: z.string().regex(/^\d{4}$/) }),
        response: { 200: lockStateSchema, ...errors(400, 401) },
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
        body: z.object({
          fiscalYear: fiscalYearParam,
          month: z.number().int().min(0).max(12),
          locked: z.boolean(),
        }),
        response: { 200: lockStateSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.setPeriodLock(app.database, request.session!.actor, request.body),
  );
};
