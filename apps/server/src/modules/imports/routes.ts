import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, parseFiscalYear } from '@pbis/core';
import { BUDGET_OFFICE } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { exportKind } from './export.js';
import { runImport } from './pipeline.js';
import { IMPORT_KINDS, importKind } from './registry.js';
import { MAX_IMPORT_BYTES } from './read-table.js';

const kindParam = z.object({ kind: z.enum(IMPORT_KINDS) });

export const importRoutes: FastifyPluginAsync = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/imports/:kind',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags: ['imports'],
        summary:
          'Import a CSV or XLSX file (multipart field "file"): all rows validated first, nothing written on any error',
        consumes: ['multipart/form-data'],
        params: kindParam,
        querystring: z.object({
          year: z
            .string()
            .regex(/^\d{4}$/)
            .optional(),
          dryRun: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          createUnits: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: z.record(z.string(), z.unknown()), ...errors(400, 401, 403, 413, 422) },
      },
    },
    async (request) => {
      const kind = importKind(request.params.kind);
      if (!request.isMultipart())
        throw new AppError(
          'validation',
          'send the file as multipart/form-data in the field "file"',
        );
      const part = await request.file();
      if (!part) throw new AppError('validation', 'no file in the request (field "file")');
      const bytes = await part.toBuffer();
      const summary = await runImport(
        app.database,
        request.session!.actor,
        kind,
        { bytes, name: part.filename || 'upload' },
        {
          fiscalYear: request.query.year ? parseFiscalYear(request.query.year) : undefined,
          dryRun: request.query.dryRun,
          createUnits: request.query.createUnits,
        },
      );
      return summary as unknown as Record<string, unknown>;
    },
  );

  r.get(
    '/exports/:kind',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags: ['imports'],
        summary: 'Export in the import columns (csv, xlsx or json)',
        params: kindParam,
        querystring: z.object({
          year: z
            .string()
            .regex(/^\d{4}$/)
            .optional(),
          format: z.enum(['csv', 'xlsx', 'json']).default('csv'),
        }),
      },
    },
    async (request, reply) => {
      const kind = importKind(request.params.kind);
      const { format, year } = request.query;
      const body = await exportKind(
        app.database,
        request.session!.actor,
        kind,
        format,
        year ? parseFiscalYear(year) : undefined,
      );
      const type = {
        csv: 'text/csv; charset=utf-8',
        json: 'application/json; charset=utf-8',
        xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }[format];
      return reply
        .header('content-type', type)
        .header(
          'content-disposition',
          `attachment; filename="${kind.kind}${year ? `-${year}` : ''}.${format}"`,
        )
        .send(body);
    },
  );
};
