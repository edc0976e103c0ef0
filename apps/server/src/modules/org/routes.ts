import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANY_STAFF, BUDGET_OFFICE } from '../../http/access.js';
import { errors, uuidParam, versionField } from '../../http/schemas.js';
import * as service from './service.js';

export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  kind: service.unitKindSchema,
  analysisDivisionId: z.string().nullable(),
  analysisDivisionNo: z.number().nullable(),
  active: z.boolean(),
  version: z.number(),
});

const divisionSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  analysisNo: z.number().nullable(),
  units: z.array(unitSchema),
});

const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const orgRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/organization',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['organisation'],
        summary:
          'The organisation, the Budget Office divisions and the receiving units of each analysis division (scoped)',
        response: {
          200: z.object({
            organization: z.object({
              id: z.string(),
              code: z.string(),
              nameTh: z.string(),
              nameEn: z.string(),
            }),
            divisions: z.array(divisionSchema),
            unassignedUnits: z.array(unitSchema),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => service.organizationOverview(app.database, request.session!.actor),
  );

  r.get(
    '/units',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['organisation'],
        summary: 'Receiving units in scope; search in Thai or English, sorted in Thai order',
        querystring: z.object({
          q: z.string().max(200).optional(),
          kind: service.unitKindSchema.optional(),
          analysisDivisionNo: z.coerce.number().int().min(1).max(99).optional(),
          includeInactive: boolQuery.optional(),
          sort: z.enum(service.UNIT_SORTS).default('nameTh'),
          order: z.enum(['asc', 'desc']).default('asc'),
        }),
        response: {
          200: z.object({ items: z.array(unitSchema), total: z.number() }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const items = await service.listUnits(app.database, request.session!.actor, request.query);
      return { items, total: items.length };
    },
  );

  r.get(
    '/units/:id',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['organisation'],
        summary: 'One receiving unit',
        params: uuidParam,
        response: { 200: unitSchema, ...errors(401, 404) },
      },
    },
    async (request) => service.getUnit(app.database, request.session!.actor, request.params.id),
  );

  r.post(
    '/units',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags: ['organisation'],
        summary: 'Create a receiving unit',
        body: service.unitInputSchema,
        response: { 201: unitSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createUnit(app.database, request.session!.actor, request.body)),
  );

  r.patch(
    '/units/:id',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags: ['organisation'],
        summary: 'Edit a receiving unit or its analysis-division assignment',
        params: uuidParam,
        body: service.unitPatchSchema.extend({ version: versionField }),
        response: { 200: unitSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return service.updateUnit(
        app.database,
        request.session!.actor,
        request.params.id,
        version,
        patch,
      );
    },
  );
};
