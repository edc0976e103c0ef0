import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseFiscalYear } from '@pbis/core';
import {
  carriedLineListSchema,
  carriedLineSchema,
  carriedLinesQuery,
  carryOverApproveBody,
  carryOverListSchema,
  carryOverQuery,
  carryOverRejectBody,
  carryOverRequestBody,
  carryOverSchema,
  closeYearBody,
  closeYearResultSchema,
  extendDeadlineBody,
  lapseExpiredBody,
  lapseExpiredResultSchema,
  laterYearsBody,
  laterYearsResultSchema,
  uuidParam,
  yearEndPreviewSchema,
  yearEndQuery,
  yearEndSettingsSchema,
} from '@pbis/contract';
import { ANY_STAFF, BUDGET_OFFICE } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { closeYear, postLaterYears, yearEndPreview } from './year-end-close.js';
import {
  extendDeadline,
  lapseExpired,
  listCarried,
  setYearEndSettings,
  yearEndSettings,
} from './year-end-deadline.js';
import { decideCarryOver, listCarryOvers, requestCarryOver } from './year-end-requests.js';

/** Who requests a carry-over without obligation: the unit's officer and the Budget Office. */
const REQUESTERS = ['admin', 'budget_office', 'unit_officer'] as const;

/** The fiscal year's end: preview, carry-over requests, closing, carried lines and deadlines. */
export const yearEndRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['execution'];

  r.get(
    '/execution/year-end/preview',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'What closing the fiscal year does, line by line and totalled: carry-over with obligation, without obligation (approved, requested), and what lapses',
        querystring: yearEndQuery,
        response: { 200: yearEndPreviewSchema, ...errors(400, 401) },
      },
    },
    async (request) =>
      yearEndPreview(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        unitId: request.query.unitId,
      }),
  );

  r.get(
    '/execution/carry-overs',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Carry-overs of a fiscal year in scope (both kinds, every status)',
        querystring: carryOverQuery,
        response: { 200: carryOverListSchema, ...errors(400, 401) },
      },
    },
    async (request) => ({
      items: await listCarryOvers(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        unitId: request.query.unitId,
      }),
    }),
  );

  r.post(
    '/execution/carry-overs',
    {
      config: { access: REQUESTERS },
      schema: {
        tags,
        summary:
          "Request a carry-over without obligation on a line (up to its uncommitted remainder), or re-request it with the request's version",
        body: carryOverRequestBody,
        response: { 201: carryOverSchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestCarryOver(app.database, request.session!.actor, request.body)),
  );

  r.post(
    '/execution/carry-overs/:id/approve',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary:
          "Approve a requested carry-over with the council's approval reference; its maker cannot",
        params: uuidParam,
        body: carryOverApproveBody,
        response: { 200: carryOverSchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request) =>
      decideCarryOver(app.database, request.session!.actor, request.params.id, {
        approve: true,
        ...request.body,
      }),
  );

  r.post(
    '/execution/carry-overs/:id/reject',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary: 'Reject a requested carry-over with a note',
        params: uuidParam,
        body: carryOverRejectBody,
        response: { 200: carryOverSchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request) =>
      decideCarryOver(app.database, request.session!.actor, request.params.id, {
        approve: false,
        ...request.body,
      }),
  );

  r.post(
    '/execution/year-end/close',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary:
          'Close a fiscal year in one transaction: carry-overs open as carried_over lines of the next year, the rest lapses, the months close; closed already is 409',
        body: closeYearBody,
        response: { 200: closeYearResultSchema, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request) => closeYear(app.database, request.session!.actor, request.body.fiscalYear),
  );

  r.post(
    '/execution/year-end/later-years',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary:
          "Obligate the later-year portions of the previous year's multi-year obligations whose line now exists (idempotent)",
        body: laterYearsBody,
        response: { 200: laterYearsResultSchema, ...errors(400, 401, 403, 422, 423) },
      },
    },
    async (request) =>
      postLaterYears(app.database, request.session!.actor, request.body.fiscalYear),
  );

  r.get(
    '/execution/year-end/settings',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: "The organisation's carry deadline: months after 30 September (default 6)",
        response: { 200: yearEndSettingsSchema, ...errors(401) },
      },
    },
    async (request) => yearEndSettings(app.database, request.session!.actor),
  );

  r.put(
    '/execution/year-end/settings',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary: "Set the organisation's carry deadline in months (1–24)",
        body: yearEndSettingsSchema,
        response: { 200: yearEndSettingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      setYearEndSettings(app.database, request.session!.actor, request.body.carryMonths),
  );

  r.get(
    '/execution/year-end/carried',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'Carried-over lines of a fiscal year with their deadline and state (open, past_deadline, lapsed)',
        querystring: carriedLinesQuery,
        response: { 200: carriedLineListSchema, ...errors(400, 401) },
      },
    },
    async (request) =>
      listCarried(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        unitId: request.query.unitId,
        asOf: request.query.asOf,
      }),
  );

  r.post(
    '/execution/year-end/lapse-expired',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary:
          'Lapse the remainder of every carried line whose deadline is before the date (idempotent)',
        body: lapseExpiredBody,
        response: { 200: lapseExpiredResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => lapseExpired(app.database, request.session!.actor, request.body.asOf),
  );

  r.post(
    '/execution/lines/:id/extend-deadline',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary: "Extend a carried line's deadline (new date and reason)",
        params: uuidParam,
        body: extendDeadlineBody,
        response: { 200: carriedLineSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      extendDeadline(app.database, request.session!.actor, request.params.id, request.body),
  );
};
