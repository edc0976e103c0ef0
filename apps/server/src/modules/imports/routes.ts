import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, parseFiscalYear } from '@pbis/core';
import { exportQuery, importKindParam, importQuery, importSummarySchema } from '@pbis/contract';
import { BUDGET_OFFICE } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { exportKind } from './export.js';
import { withIssueCodes } from './issue-codes.js';
import { importKindRoutes } from './kinds-routes.js';
import { runImport, type ImportSummary } from './pipeline.js';
import { importKind } from './registry.js';
import { MAX_IMPORT_BYTES } from './read-table.js';

/**
 * The API's summary is camelCase; the pipeline's is the CLI's `--json`, with SPEC §3's
 * snake_case keys (`total_baht`, `dry_run`, …).
 */
export const apiImportSummary = (s: ImportSummary): z.output<typeof importSummarySchema> => ({
  kind: s.kind,
  file: s.file,
  rows: s.rows,
  totalBaht: s.total_baht,
  dryRun: s.dry_run,
  alreadyImported: s.already_imported,
  fileHash: s.file_hash,
  format: s.format,
  encoding: s.encoding,
  created: s.created,
  updated: s.updated,
  unchanged: s.unchanged,
  warnings: s.warnings,
});

export const importRoutes: FastifyPluginAsync = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  await app.register(importKindRoutes);

  r.post(
    '/imports/:kind',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags: ['imports'],
        summary:
          'Import a CSV or XLSX file (multipart field "file"): all rows validated first, nothing written on any error',
        consumes: ['multipart/form-data'],
        params: importKindParam,
        querystring: importQuery,
        response: { 200: importSummarySchema, ...errors(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request) => {
      const kind = importKind(request.params.kind);
      if (!request.isMultipart())
        throw new AppError(
          'validation',
          'send the file as multipart/form-data in the field "file"',
          { reason: 'import_not_multipart' },
        );
      const part = await request.file();
      if (!part)
        throw new AppError('validation', 'no file in the request (field "file")', {
          reason: 'import_no_file',
        });
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
      ).catch((e: unknown) => {
        throw withIssueCodes(e);
      });
      return apiImportSummary(summary);
    },
  );

  r.get(
    '/exports/:kind',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags: ['imports'],
        summary: 'Export in the import columns (csv, xlsx or json)',
        params: importKindParam,
        querystring: exportQuery,
        // The answer is the file itself (csv, xlsx or json in the import's columns), not JSON-wrapped.
        produces: [
          'text/csv',
          'application/json',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ],
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
