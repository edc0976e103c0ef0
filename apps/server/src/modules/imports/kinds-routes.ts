import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@pbis/core';
import { importKindListSchema, importKindParam } from '@pbis/contract';
import { BUDGET_OFFICE } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { MAX_IMPORT_BYTES } from './read-table.js';
import { importKind, importKindNames } from './registry.js';

/*
 * What an import screen reads before a file is sent: the kinds, their columns (the export's),
 * which are required, the size limit, and an example file per kind (docs/examples/KIND.csv,
 * the files docs/imports.md links to).
 */

const here = path.dirname(new URL(import.meta.url).pathname);
/** The repository's docs/examples, which docs/imports.md links to. */
const EXAMPLES_DIR = path.resolve(here, '../../../../../docs/examples');

/** The example file of a kind, or undefined when there is none. Kinds are registry names only. */
function exampleFile(kind: string): string | undefined {
  const file = path.join(EXAMPLES_DIR, `${kind}.csv`);
  return fs.existsSync(file) ? file : undefined;
}

export const importKindRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/imports/kinds',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags: ['imports'],
        summary: 'The file kinds this version imports: columns, required columns, size limit',
        response: { 200: importKindListSchema, ...errors(401, 403) },
      },
    },
    () => ({
      maxBytes: MAX_IMPORT_BYTES,
      items: importKindNames().map((name) => {
        const kind = importKind(name);
        return {
          kind: name,
          columns: [...kind.columns],
          required: [...kind.required],
          example: exampleFile(name) !== undefined,
        };
      }),
    }),
  );

  r.get(
    '/imports/kinds/:kind/example',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags: ['imports'],
        summary: 'An example file of the kind (CSV, UTF-8), as docs/imports.md describes',
        params: importKindParam,
        // The answer is the CSV file itself, as GET /exports/{kind} answers its files.
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const kind = importKind(request.params.kind).kind; // 404 unknown_import_kind
      const file = exampleFile(kind);
      if (!file)
        throw new AppError('not_found', `no example file for ${kind}`, {
          reason: 'unknown_import_kind',
          kind,
        });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${kind}-example.csv"`)
        .send(await fs.promises.readFile(file));
    },
  );
};
