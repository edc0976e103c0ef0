import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  organizationOverviewSchema,
  unitInputSchema,
  unitListQuery,
  unitListSchema,
  unitPatchBody,
  unitSchema,
  uuidParam,
} from '@pbis/contract';
import { ANY_STAFF, BUDGET_OFFICE } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import * as service from './service.js';

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
        response: { 200: organizationOverviewSchema, ...errors(401) },
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
        querystring: unitListQuery,
        response: { 200: unitListSchema, ...errors(400, 401) },
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
        body: unitInputSchema,
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
        body: unitPatchBody,
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
