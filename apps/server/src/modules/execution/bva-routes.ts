import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseFiscalYear } from '@pbis/core';
import {
  budgetVsActualQuery,
  budgetVsActualReportQuery,
  budgetVsActualSchema,
  lineDocumentsQuery,
  lineDocumentsSchema,
  uuidParam,
} from '@pbis/contract';
import { ANY_STAFF } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { budgetVsActualFile, REPORT_CONTENT_TYPES } from './bva-report.js';
import { budgetVsActual, lineDocuments } from './bva-service.js';

/** Budget vs actual at every level, a line's documents, and the report as a file. */
export const bvaRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['execution'];

  r.get(
    '/execution/budget-vs-actual',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'Budget vs actual at one level (BMA → division → unit → programme → project → category → line): the node the path names and its rows, from the running totals',
        querystring: budgetVsActualQuery,
        response: { 200: budgetVsActualSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const q = request.query;
      return budgetVsActual(app.database, request.session!.actor, {
        ...q,
        fiscalYear: parseFiscalYear(q.fiscalYear),
      });
    },
  );

  r.get(
    '/execution/budget-vs-actual/report',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'The budget-vs-actual report as a file (pdf in Thai, xlsx with values, csv, json), as `pbis report budget-vs-actual` writes it',
        querystring: budgetVsActualReportQuery,
        produces: [...new Set(Object.values(REPORT_CONTENT_TYPES).map((t) => t.split(';')[0]!))],
      },
    },
    async (request, reply) => {
      const { format, fiscalYear, unit, asOf } = request.query;
      const year = parseFiscalYear(fiscalYear);
      const body = await budgetVsActualFile(app.database, request.session!.actor, format, {
        fiscalYear: year,
        unit,
        asOf,
      });
      return reply
        .header('content-type', REPORT_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="budget-vs-actual-${year}.${format}"`)
        .send(body);
    },
  );

  r.get(
    '/execution/lines/:id/documents',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          "A budget line's documents, newest first: reservations and obligations (with what was settled), disbursements, transfers in and out, carry-overs",
        params: uuidParam,
        querystring: lineDocumentsQuery,
        response: { 200: lineDocumentsSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      lineDocuments(app.database, request.session!.actor, request.params.id, request.query),
  );
};
