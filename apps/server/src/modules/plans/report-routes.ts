import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionPlanReportQuery, uuidParam } from '@pbis/contract';
import { ANY_STAFF } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import type { Actor } from '../auth/actor.js';
import { actionPlanReport, reportContentDisposition } from './report.js';

/** GET /plans/:id/report?format=pdf|xlsx: the action plan as a Thai PDF or an XLSX workbook. */
export const planReportRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/plans/:id/report',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['plans'],
        summary:
          'The action plan as printed (PDF in the seed’s structure, or XLSX tables), from the database; whoever may read the plan',
        params: uuidParam,
        querystring: actionPlanReportQuery,
        produces: [
          'application/pdf',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ],
        response: errors(400, 401, 404),
      },
    },
    async (request, reply) => {
      const actor = (request as { session?: { actor: Actor } | null }).session!.actor;
      const file = await actionPlanReport(
        app.database,
        actor,
        request.params.id,
        request.query.format,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', reportContentDisposition(file))
        .header('x-content-type-options', 'nosniff')
        .send(file.body as never);
    },
  );
};
